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
    void rejectsAnUnknownSize() {
        CliRunner.Result r = CliRunner.run("bench", "train-step", "--size", "huge");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
    }
}
