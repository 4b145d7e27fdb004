package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auto-editor evaluate-generation} on the tiny run: the JSON keys (a contract), the table, --input, refusals. */
class EvaluateGenerationCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theTestSplitOfTheRunScoresEveryPredictorUnderTheContractKeys() throws Exception {
        Path json = tmp.resolve("gen.json");
        CliRunner.Result r = CliRunner.run("evaluate-generation", "--run-dir", TinyModel.run().toString(), "--json", json.toString(), "-q",
                "--set", "evaluate_generation.horizon_s=8");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("shot length W1 (s)") && r.out().contains("random-cutter"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("auto-editor-generation-eval/1", doc.path("format").asText());
        assertEquals(List.of("model", "persistence", "random-cutter"), names(doc.path("predictors")));
        for (JsonNode p : doc.path("predictors")) {
            List<String> keys = names(p);
            assertEquals(GenerationEvaluation.METRICS, keys.subList(0, 6), "the six metric keys, in order");
            assertTrue(p.path("shot_length_w1_s").isNumber(), p.toString());
            assertTrue(p.path("cuts_per_min_abs_error").isNumber(), p.toString());
        }
        assertTrue(doc.path("truth").path("cuts_per_min").isNumber(), doc.path("truth").toString());
        assertTrue(doc.path("sequences").asInt() >= 1 && doc.path("contexts").asInt() >= 1, doc.toString());
        assertEquals("test", doc.path("source").path("split").asText());
        assertEquals(1.0, doc.path("settings").path("temperature").asDouble(), "the configured temperature");

        // The same exports by --input give the same numbers (the evaluation reads nothing else of the run).
        List<String> test = new ArrayList<>();
        doc.path("files").forEach(f -> test.add(f.path("path").asText()));
        Path again = tmp.resolve("again.json");
        List<String> args = new ArrayList<>(List.of("evaluate-generation", "--model", TinyModel.finalModel().toString(), "--json",
                again.toString(), "-q", "--set", "evaluate_generation.horizon_s=8", "--input"));
        args.addAll(test);
        CliRunner.Result byInput = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, byInput.code(), byInput.toString());
        JsonNode other = new ObjectMapper().readTree(again.toFile());
        assertEquals(doc.path("predictors"), other.path("predictors"));
        assertEquals(doc.path("truth"), other.path("truth"));
    }

    @Test
    void anExistingJsonIsNotReplacedWithoutForce() throws Exception {
        Path json = tmp.resolve("gen.json");
        Files.writeString(json, "mine");
        CliRunner.Result r = CliRunner.run("evaluate-generation", "--run-dir", TinyModel.run().toString(), "--json", json.toString());
        assertTrue(r.code() != 0, r.toString());
        assertTrue(r.err().contains("already exists; pass --force"), r.toString());
        assertEquals("mine", Files.readString(json));
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
