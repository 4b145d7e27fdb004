package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.pipeline.FinetunePhase;
import dev.autoeditor.pipeline.FinetuneSummary;
import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full run in a separate JVM, killed hard inside the fine-tune once its first epoch's checkpoint is
 * on disk, started again and killed inside the scratch baseline, then finished in-process, ends with
 * the same fine-tuned and scratch weights and the same summary, bit for bit, as an uninterrupted
 * finetune phase on the same upstream outputs.
 */
class FinetuneKillResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static boolean running(Manifest m, String phase) {
        PhaseRecord r = m.get(phase);
        return r != null && PhaseRecord.RUNNING.equals(r.status);
    }

    @Test
    void aKilledFinetuneResumesExactly() throws Exception {
        Path run = tmp.resolve("killed");
        Path out = run.resolve(FinetunePhase.OUTPUT);
        FullRunKillResumeTest.runAndKillWhen(run, "finetune",
                m -> running(m, FinetunePhase.NAME) && Files.exists(out.resolve("epoch-0001.json")));
        assertEquals(PhaseRecord.RUNNING, Manifest.load(run.resolve(RunLayout.MANIFEST)).get(FinetunePhase.NAME).status);

        // The reference: the same upstream outputs, the finetune phase run afresh and uninterrupted.
        Path reference = RunDirectories.copy(run, tmp.resolve("reference"));
        List<String> only = new ArrayList<>(List.of("full-run", "--run-dir", reference.toString(), "--only", FinetunePhase.NAME, "--force"));
        only.addAll(List.of(FullRunKillResumeTest.RUN_ARGS));
        CliRunner.Result straight = CliRunner.run(only.toArray(String[]::new));
        assertEquals(0, straight.code(), straight.toString());

        // Killed again inside the scratch baseline, after the fine-tune finished in the second JVM.
        Path scratch = out.resolve(FinetunePhase.SCRATCH);
        FullRunKillResumeTest.runAndKillWhen(run, "finetune-scratch",
                m -> running(m, FinetunePhase.NAME) && Files.exists(scratch.resolve("epoch-0001.json")));
        assertTrue(!Files.exists(out.resolve(FinetuneSummary.FILE)), "killed before the summary");

        List<String> again = new ArrayList<>(List.of("full-run", "--run-dir", run.toString()));
        again.addAll(List.of(FullRunKillResumeTest.RUN_ARGS));
        CliRunner.Result resumed = CliRunner.run(again.toArray(String[]::new));
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals("resumed", FullRunCommandTest.outcomes(resumed).get(FinetunePhase.NAME), resumed.out());

        // Bit for bit: the same thread count (the child inherits OMP_NUM_THREADS) sums in the same
        // order, and resume restores weights, Adam moments, schedule, shuffling and dropout exactly.
        Path ref = reference.resolve(FinetunePhase.OUTPUT);
        for (String checkpoint : List.of("last.json", "best.json", "scratch/last.json", "scratch/best.json")) {
            Checkpoints.assertSameWeights(ref.resolve(checkpoint), out.resolve(checkpoint), 0.0);
        }
        JsonNode a = JSON.readTree(ref.resolve(FinetuneSummary.FILE).toFile());
        JsonNode b = JSON.readTree(out.resolve(FinetuneSummary.FILE).toFile());
        for (String model : FinetuneSummary.MODELS) {
            for (String key : FinetuneSummary.KEYS) {
                JsonNode x = a.path(model).path(key);
                JsonNode y = b.path(model).path(key);
                assertEquals(x.isNull(), y.isNull(), model + "." + key);
                if (x.isNumber()) assertEquals(x.asDouble(), y.asDouble(), model + "." + key);
            }
            // The weights files (weights and optimizer state; fixed zip entry times) hash the same.
            assertEquals(a.path("models").path(model).path("weights_sha256"), b.path("models").path(model).path("weights_sha256"), model);
        }
        assertEquals(a.path("models").path("after").path("step"), b.path("models").path("after").path("step"));
        assertEquals(a.path("models").path("scratch").path("step"), b.path("models").path("scratch").path("step"));
    }
}
