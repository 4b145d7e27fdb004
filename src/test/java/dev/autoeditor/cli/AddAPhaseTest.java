package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.pipeline.DeclaredPhase;
import dev.autoeditor.pipeline.DistillPhase;
import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.ModelSource;
import dev.autoeditor.pipeline.Phase;
import dev.autoeditor.pipeline.PhaseContext;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.PhaseStatus;
import dev.autoeditor.pipeline.PretrainPhase;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.Selection;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.pipeline.TrainingOrchestrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding a phase is one class and one registry line: a do-nothing phase joins the real pipeline. */
class AddAPhaseTest {
    @TempDir
    Path tmp;

    /** The one class: reads pretrain's notes and the model it would start from (distill's), and writes them down. */
    static final class NoopPhase extends DeclaredPhase {
        NoopPhase() {
            super("noop", 1, List.of(PretrainPhase.NAME, DistillPhase.NAME), List.of("noop"));
        }

        @Override
        public List<String> configKeys(Config config) {
            return List.of();
        }

        @Override
        public void run(PhaseContext context) throws Exception {
            ModelSource source = context.sourceModel();
            Object best = context.upstreamNotes(PretrainPhase.NAME).get("best_checkpoint");
            Files.createDirectories(context.path("noop"));
            Files.writeString(context.path("noop/seen.txt"), source.phase() + " " + source.checkpoint() + " " + best);
        }
    }

    @Test
    void aDoNothingPhaseRunsInTheFullPipelineAndShowsInStatusAndHelp() throws Exception {
        List<Phase> phases = new ArrayList<>(StandardPhases.all());
        phases.add(new NoopPhase());                                    // the one registry line

        RunLayout layout = new RunLayout(tmp.resolve("run"));
        // Fine-tuning and rlhf off: distill is then the last model phase before noop, the one it starts from.
        Config config = ConfigLoader.load("tiny", null, List.of("train.max_steps=1", "finetune.enabled=false", "rlhf.enabled=false"));
        List<TrainingOrchestrator.Outcome> outcomes = new TrainingOrchestrator(layout, config, phases, "test").run(Selection.all());
        TrainingOrchestrator.Outcome last = outcomes.get(outcomes.size() - 1);
        assertEquals("noop", last.phase());
        assertEquals(TrainingOrchestrator.Action.RAN, last.action());

        Path model = layout.finalModel().orElseThrow();
        Map<String, Object> pretrainNotes = Manifest.load(layout.manifest()).get(PretrainPhase.NAME).notes;
        // The model it starts from is the last model phase's before it: distill's student.
        assertEquals("distill " + model + " " + pretrainNotes.get("best_checkpoint"), Files.readString(layout.resolve("noop/seen.txt")));
        assertEquals(PhaseRecord.Status.DONE, Manifest.load(layout.manifest()).get("noop").status);

        PhaseStatus status = new TrainingOrchestrator(layout, config, phases, "test").status().get(phases.size() - 1);
        assertEquals("noop", status.phase());
        assertEquals(PhaseStatus.State.DONE, status.state());
        assertTrue(FullRunCommand.description(phases)[0].contains("finetune-window, finetune, rlhf, evaluate, samples, report, noop."), FullRunCommand.description(phases)[0]);
    }
}
