package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command at the tiny size: it runs, trains and reports; real timings are in docs/performance.md. */
class BenchCommandTest {
    @Test
    void timesTheTrainingStepOfTheConfiguredModel(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CliRunner.Result r = CliRunner.run("bench", "train-step", "--profile", "tiny", "-q", "--size", "config",
                "--warmup", "1", "--steps", "3", "--json", json.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("median"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("dl4j", doc.path("framework").asText());
        assertEquals(3, doc.path("step_ms").size());
        assertEquals(8, doc.path("batch").asInt());
        assertEquals(32, doc.path("length").asInt());
        assertTrue(doc.path("median_ms").asDouble() > 0);
        // A step's wall time holds the trainer's own step time (which leaves the GC out) and more.
        assertEquals(3, doc.path("compute_step_ms").size());
        for (int i = 0; i < 3; i++) {
            double wall = doc.path("step_ms").get(i).asDouble();
            double compute = doc.path("compute_step_ms").get(i).asDouble();
            assertTrue(wall >= compute && compute > 0, "step " + i + ": wall " + wall + " ms, compute " + compute + " ms");
        }
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertTrue(doc.path("peak_rss_mb").asDouble() >= doc.path("rss_mb_after").asDouble(), doc.toString());
            assertTrue(doc.path("rss_mb_after").asDouble() > 50, doc.toString());
        }
        assertTrue(doc.path("parameters").asLong() > 0);
        assertTrue(doc.path("backend").path("native_build").asText().startsWith("nd4j-native"), doc.toString());
        // Four steps of AdamW on one batch lower its loss.
        assertTrue(doc.path("last_loss").asDouble() < doc.path("first_loss").asDouble(), doc.toString());

        CliRunner.Result again = CliRunner.run("bench", "train-step", "--profile", "tiny", "-q", "--size", "config",
                "--warmup", "0", "--steps", "1", "--json", json.toString());
        assertEquals(1, again.code(), "an existing --json file is kept without --force: " + again);
        assertTrue(again.err().contains("--force"), again.err());
        assertTrue(Files.size(json) > 0);
    }

    @Test
    void profilesTheStepOpByOp(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("profile");
        CliRunner.Result r = CliRunner.run("bench", "train-step", "--profile", "tiny", "-q", "--size", "config",
                "--warmup", "1", "--steps", "2", "--op-profile", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("forward_backward") && r.out().contains("matmul"), r.out());
        JsonNode doc = new ObjectMapper().readTree(out.resolve("profile.json").toFile());
        assertEquals(2, doc.path("profiled_steps").asInt());
        assertTrue(doc.path("forward_ops_per_step").asInt() > 50, doc.toString());
        assertTrue(doc.path("backward_ops_per_step").asInt() > 50, doc.toString());
        assertTrue(doc.path("forward_op_ms").asDouble() > 0 && doc.path("backward_op_ms").asDouble() > 0, doc.toString());
        // The stages are consecutive clocks around each part of the step: they add up to the step.
        double stages = 0;
        for (JsonNode v : doc.path("stages_ms")) stages += v.asDouble();
        assertEquals(doc.path("step_ms").asDouble(), stages, 1.0, doc.toString());
        // Op time is part of the forward/backward stage, matrix products part of op time.
        assertTrue(doc.path("op_ms").asDouble() <= doc.path("stages_ms").path("forward_backward").asDouble() + 0.5, doc.toString());
        assertTrue(doc.path("matrix_product_ms").asDouble() > 0
                && doc.path("matrix_product_ms").asDouble() <= doc.path("op_ms").asDouble(), doc.toString());
        boolean forwardMatmul = false;
        boolean backwardMatmul = false;
        for (JsonNode row : doc.path("op_types")) {
            if (row.path("op").asText().equals("matmul")) forwardMatmul = row.path("forward_ms").asDouble() > 0;
            if (row.path("op").asText().equals("matmul_bp")) backwardMatmul = row.path("backward_ms").asDouble() > 0
                    && row.path("forward_ms").asDouble() == 0;
        }
        assertTrue(forwardMatmul && backwardMatmul, doc.toString());
        // The Chrome trace holds one event per executed op of the profiled steps.
        var events = dev.autoeditor.train.bench.OpTrace.read(out.resolve("trace.json"));
        assertEquals(2 * (doc.path("forward_ops_per_step").asInt() + doc.path("backward_ops_per_step").asInt()), events.size(), 2);

        CliRunner.Result again = CliRunner.run("bench", "train-step", "--profile", "tiny", "-q", "--size", "config",
                "--warmup", "0", "--steps", "1", "--op-profile", out.toString());
        assertEquals(1, again.code(), "existing profile files are kept without --force: " + again);
        assertTrue(again.err().contains("--force"), again.err());
    }

    @Test
    void rejectsAnUnknownSize() {
        CliRunner.Result r = CliRunner.run("bench", "train-step", "--size", "huge");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
    }
}
