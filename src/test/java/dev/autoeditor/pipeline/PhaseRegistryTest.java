package dev.autoeditor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhaseRegistryTest {
    private static String refusal(List<Phase> phases) {
        return assertThrows(IllegalArgumentException.class, () -> new PhaseRegistry(phases)).getMessage();
    }

    @Test
    void aPipelineWithRepeatedNamesLaterUpstreamOrSharedModelFoldersIsRefused() {
        FakePhase a = new FakePhase("a", false);
        assertTrue(refusal(List.of(a, new FakePhase("a", false))).contains("registered twice"));
        assertTrue(refusal(List.of(new FakePhase("b", false, "a"), a)).contains("reads a, which is not registered before it"));
        assertTrue(refusal(List.of(a, new FakeModelPhase("m", null), new FakeModelPhase("m", null))).contains("registered twice"));
        FakeModelPhase outsideItsOutputs = new FakeModelPhase("x", null) {
            @Override
            public Optional<String> modelOutput() {
                return Optional.of("checkpoints/elsewhere");
            }
        };
        assertTrue(refusal(List.of(outsideItsOutputs)).contains("is not among its outputs"));
    }

    @Test
    void theStandardPhasesFormAPipelineInTheIssuesOrder() {
        PhaseRegistry registry = StandardPhases.registry();
        assertEquals(List.of("download-models", "download-data", "convert", "preprocess", "window", "pretrain", "distill",
                "finetune-download-data", "finetune-convert", "finetune-preprocess", "finetune-window", "finetune", "rlhf", "evaluate",
                "samples", "report"),
                registry.names());
    }

    @Test
    void aModelPhaseStartsFromTheLastEnabledModelPhaseBeforeIt() {
        FakeModelPhase one = new FakeModelPhase("one", null);
        FakeModelPhase two = new FakeModelPhase("two", "one").switchedBy("two.on");
        FakeModelPhase three = new FakeModelPhase("three", "two").switchedBy("three.on");
        FakeModelPhase four = new FakeModelPhase("four", "three");
        PhaseRegistry r = new PhaseRegistry(List.of(one, two, three, four));
        Config allOn = Config.of(Map.of("two.on", true, "three.on", true));
        Config middleOff = Config.of(Map.of("two.on", false, "three.on", false));
        assertEquals("three", r.lastEnabledModelPhaseBefore("four", allOn).orElseThrow().name());
        assertEquals("one", r.lastEnabledModelPhaseBefore("four", middleOff).orElseThrow().name());
        assertEquals(Optional.empty(), r.lastEnabledModelPhaseBefore("one", allOn));
        assertEquals(List.of("three"), r.effectiveUpstream(four, allOn));
        assertEquals(List.of("one"), r.effectiveUpstream(four, middleOff));
    }
}
