package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.train.eval.EvalFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `auto-editor evaluate` on a briefly trained tiny model (the figures themselves are in docs/evaluation.md). */
class EvaluateCommandTest {
    @TempDir
    static Path root;
    static Path windows;
    static Path checkpoints;

    @BeforeAll
    static void trainATinyModel() throws Exception {
        windows = EvalFixtures.windows(root, 20, 120, 11);
        checkpoints = root.resolve("ckpt");
        CliRunner.Result r = CliRunner.run("pretrain", "--profile", "tiny", "-q", "--data", windows.toString(),
                "--out", checkpoints.toString(), "--set", "train.epochs=1", "--set", "train.max_steps=4");
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void printsTheTableAndWritesJsonWithProvenance() throws Exception {
        Path json = root.resolve("eval.json");
        CliRunner.Result r = CliRunner.run("evaluate", "--profile", "tiny", "-q", "--model", checkpoints.toString(),
                "--data", windows.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.toString());
        String header = r.out().lines().filter(l -> l.startsWith("metric")).findFirst().orElseThrow();
        assertTrue(header.matches("metric\\s+model\\s+persistence\\s+random-cutter"), header);
        assertTrue(r.out().contains("cut F1 (+-2 frames)"), r.out());

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("test", doc.path("split").asText());
        JsonNode model = doc.path("predictors").path("model");
        assertTrue(model.path("active_accuracy").asDouble() > 0.5, model.toString());
        assertEquals(0.0, doc.path("predictors").path("persistence").path("cut_recall").asDouble(), 0);
        JsonNode prov = doc.path("provenance");
        assertEquals(64, prov.path("model").path("weights_sha256").asText().length());
        assertTrue(prov.path("model").path("checkpoint").asText().endsWith(".json"));
        assertTrue(prov.path("normaliser").path("matches_windows").asBoolean(), prov.toString());

        CliRunner.Result again = CliRunner.run("evaluate", "--profile", "tiny", "-q", "--model", checkpoints.toString(),
                "--data", windows.toString(), "--json", json.toString());
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("--force"), again.err());
    }

    @Test
    void refusesANormaliserTheWindowsWereNotMadeWith() throws Exception {
        Path other = root.resolve("other-normaliser.json");
        String text = Files.readString(root.resolve("preprocessed/normaliser.json")).replaceFirst("\"method\"", "\"note\" : 1,\n  \"method\"");
        Files.writeString(other, text);
        CliRunner.Result r = CliRunner.run("evaluate", "--profile", "tiny", "-q", "--model", checkpoints.toString(),
                "--data", windows.toString(), "--normaliser", other.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(other.toString()) && r.err().contains("not the one"), r.err());
    }

    @Test
    void namesAMissingCheckpointAndAnUnknownSplit() {
        CliRunner.Result missing = CliRunner.run("evaluate", "-q", "--model", root.resolve("nope.json").toString(),
                "--data", windows.toString());
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().contains("nope.json") && missing.err().contains("--model"), missing.err());

        CliRunner.Result split = CliRunner.run("evaluate", "-q", "--model", checkpoints.toString(), "--data", windows.toString(),
                "--split", "holdout");
        assertEquals(ExitCodes.USAGE, split.code(), split.toString());
    }
}
