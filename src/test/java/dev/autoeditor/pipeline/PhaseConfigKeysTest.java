package dev.autoeditor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.timeline.synth.SynthCorpus;
import dev.autoeditor.timeline.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every standard phase, run on the tiny profile with a recording view of the settings, reads only
 * the keys it declares (its input keys and its runtime keys), so its input hash, its outputs'
 * provenance and its resume checks all see every setting that shapes what it writes.
 */
class PhaseConfigKeysTest {
    /** One run directory for all phases, filled in pipeline order (each phase needs the ones before it). */
    @TempDir
    static Path shared;

    static Config config;

    @BeforeAll
    static void settings() throws Exception {
        Path house = shared.resolve("house-exports");
        Config tiny = ConfigLoader.load("tiny", null, List.of());
        SynthCorpus.write(house, SynthOptions.fromConfig(tiny).withSeed(7), true);
        // Every phase switched on, the fine-tuning tree fed from a local folder, two training steps.
        config = ConfigLoader.load("tiny", null, List.of("train.max_steps=2", "finetune.max_steps=2", "finetune.enabled=true",
                "finetune.data=[{name: house, path: '" + house + "'}]"));
    }

    static List<String> standardPhases() {
        return StandardPhases.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standardPhases")
    void aPhaseReadsOnlyTheKeysItDeclares(String phase) throws Exception {
        Set<String> undeclared = undeclaredReads(StandardPhases.all(), phase, config, new RunLayout(shared.resolve("run")));
        assertEquals(Set.of(), undeclared, phase + " reads settings it does not declare in configKeys() or runtimeKeys()");
    }

    @Test
    void theCheckCatchesAnUndeclaredKey(@TempDir Path dir) throws Exception {
        Phase sneaky = new DeclaredPhase("sneaky", 1, List.of(), List.of("sneaky")) {
            @Override
            public List<String> configKeys(Config c) {
                return List.of("seed");
            }

            @Override
            public List<String> runtimeKeys(Config c) {
                return List.of("convert.threads");
            }

            @Override
            public void run(PhaseContext context) throws Exception {
                long seed = context.config().getLong("seed");
                int threads = context.config().getInt("convert.threads");
                double lr = context.config().getDouble("train.lr");
                Files.writeString(context.path("sneaky"), seed + " " + threads + " " + lr);
            }
        };
        assertEquals(Set.of("train.lr"), undeclaredReads(List.of(sneaky), "sneaky", config, new RunLayout(dir)));
    }

    /**
     * Runs the phases before {@code target} (skipping those done), then {@code target} itself with a
     * recording view of the settings, through the orchestrator; returns the keys it read beyond its
     * declared config and runtime keys.
     */
    static Set<String> undeclaredReads(List<Phase> pipeline, String target, Config config, RunLayout layout) throws Exception {
        Set<String> reads = new TreeSet<>();
        List<Phase> phases = new ArrayList<>();
        Phase chosen = null;
        for (Phase p : pipeline) {
            if (p.name().equals(target)) {
                chosen = p;
                phases.add(new Recording(p, reads));
                break;
            }
            phases.add(p);
        }
        assertTrue(chosen != null && chosen.enabled(config), target + " must be registered and enabled by the test's settings");
        if (phases.size() > 1) {
            new TrainingOrchestrator(layout, config, phases.subList(0, phases.size() - 1), "test").run(Selection.all());
        }
        var outcomes = new TrainingOrchestrator(layout, config, phases, "test").run(new Selection(null, target, true));
        assertEquals(TrainingOrchestrator.Action.RAN, outcomes.get(0).action());
        assertTrue(!reads.isEmpty() || chosen.configKeys(config).isEmpty(), target + " read no settings at all: is the recording wired?");
        Set<String> undeclared = new TreeSet<>(reads);
        undeclared.removeAll(chosen.configKeys(config));
        undeclared.removeAll(chosen.runtimeKeys(config));
        return undeclared;
    }

    /** A phase as declared, running with a settings view that records every key read. */
    private record Recording(Phase phase, Set<String> reads) implements Phase {
        @Override
        public String name() {
            return phase.name();
        }

        @Override
        public int formatVersion() {
            return phase.formatVersion();
        }

        @Override
        public List<String> configKeys(Config config) {
            return phase.configKeys(config);
        }

        @Override
        public List<String> runtimeKeys(Config config) {
            return phase.runtimeKeys(config);
        }

        @Override
        public Map<String, String> externalInputs(Config config) {
            return phase.externalInputs(config);
        }

        @Override
        public List<String> upstream() {
            return phase.upstream();
        }

        @Override
        public List<String> outputs() {
            return phase.outputs();
        }

        @Override
        public boolean enabled(Config config) {
            return phase.enabled(config);
        }

        @Override
        public Optional<String> modelOutput() {
            return phase.modelOutput();
        }

        @Override
        public boolean resumable() {
            return phase.resumable();
        }

        @Override
        public void run(PhaseContext context) throws Exception {
            phase.run(context.withConfig(context.config().recording(reads::add)));
        }
    }
}
