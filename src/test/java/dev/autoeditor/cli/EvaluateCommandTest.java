package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.data.KeyframeCsvFixture;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.train.eval.EvalFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
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
        assertEquals("val", doc.path("threshold_from").asText());
        JsonNode model = doc.path("predictors").path("model");
        assertTrue(model.path("active_accuracy").asDouble() > 0.5, model.toString());
        assertEquals(0.0, doc.path("predictors").path("persistence").path("cut_recall").asDouble(), 0);
        JsonNode prov = doc.path("provenance");
        assertEquals(64, prov.path("inputs").path("model").path("weights_sha256").asText().length());
        assertTrue(prov.path("inputs").path("model").path("checkpoint").asText().endsWith(".json"));
        assertTrue(prov.path("inputs").path("normaliser").path("matches_windows").asBoolean(), prov.toString());

        // The thresholds the checkpoint stored when training ended are the ones evaluate tunes on the same windows.
        JsonNode best = new ObjectMapper().readTree(modelJson(checkpoints).toFile());
        for (String p : List.of("model", "persistence", "random-cutter")) {
            assertEquals(doc.path("predictors").path(p).path("cut_threshold").asDouble(),
                    best.path("calibration").path("thresholds").path(p).asDouble(), 0, p);
        }
        assertEquals(doc.path("train_cut_rate").path("per_track"), best.path("calibration").path("train_cut_rate").path("per_track"));

        CliRunner.Result again = CliRunner.run("evaluate", "--profile", "tiny", "-q", "--model", checkpoints.toString(),
                "--data", windows.toString(), "--json", json.toString());
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("--force"), again.err());
    }

    @Test
    void refusesWindowsNormalisedOtherwiseThanTheModelsData(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("other.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(5, 12, 2, 8, 100));
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", csv.toString(), "--output",
                dir.resolve("pre").toString()).code());
        assertEquals(0, CliRunner.run("window", "--profile", "tiny", "-q", "--input", dir.resolve("pre").toString(), "--output",
                dir.resolve("win").toString()).code());
        CliRunner.Result r = CliRunner.run("evaluate", "--profile", "tiny", "-q", "--model", checkpoints.toString(),
                "--data", dir.resolve("win").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("normalised differently") && r.err().contains("--input"), r.err());
    }

    @Test
    void namesAMissingCheckpointAndAnUnknownSplit() {
        CliRunner.Result missing = CliRunner.run("evaluate", "-q", "--model", root.resolve("nope.json").toString(),
                "--data", windows.toString());
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().contains("nope.json") && missing.err().contains("checkpoint"), missing.err());

        CliRunner.Result split = CliRunner.run("evaluate", "-q", "--model", checkpoints.toString(), "--data", windows.toString(),
                "--split", "holdout");
        assertEquals(ExitCodes.USAGE, split.code(), split.toString());
    }

    /**
     * A model is self-contained: its two files, copied away from a run that is then deleted, evaluate a
     * folder of exports it has never seen. The exports are converted at the model's rate, normalised and
     * windowed its way, and scored with the thresholds it stored.
     */
    @Test
    void aCopiedCheckpointEvaluatesNewExportsWithNothingElse(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRunner.Result trained = CliRunner.run("full-run", "--run-dir", run.toString(), "--profile", "tiny", "-q",
                "--set", "train.max_steps=2");
        assertEquals(0, trained.code(), trained.toString());
        Path best = modelJson(run.resolve(RunLayout.PRETRAIN));
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        JsonNode info = new ObjectMapper().readTree(best.toFile());
        Files.copy(best, model.resolve("best.json"));
        Files.copy(best.resolveSibling(info.path("weights").asText()), model.resolve(info.path("weights").asText()));
        deleteTree(run);

        Path exports = dir.resolve("exports");
        CliRunner.Result synth = CliRunner.run("synth", "--profile", "tiny", "-q", "--out", exports.toString(), "--projects", "3",
                "--seed", "99");
        assertEquals(0, synth.code(), synth.toString());
        Path json = dir.resolve("eval.json");
        CliRunner.Result r = CliRunner.run("evaluate", "--profile", "tiny", "-q", "--model", model.resolve("best.json").toString(),
                "--input", exports.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.toString());
        assertFalse(Files.exists(run), "nothing recreated the deleted run");
        assertTrue(r.out().lines().anyMatch(l -> l.matches("metric\\s+model\\s+persistence\\s+random-cutter")), r.out());
        assertTrue(r.out().contains("cut threshold (checkpoint)"), r.out());

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("checkpoint", doc.path("threshold_from").asText());
        assertEquals("input", doc.path("split").asText());
        assertTrue(doc.path("windows").asInt() > 0, doc.toString());
        for (String p : List.of("model", "persistence", "random-cutter")) {
            JsonNode m = doc.path("predictors").path(p);
            assertEquals(info.path("calibration").path("thresholds").path(p).asDouble(), m.path("cut_threshold").asDouble(), 0, p);
            assertTrue(m.path("cut_f1").isNumber() && m.path("mae_normalised").isNumber(), m.toString());
        }
        assertEquals(info.path("calibration").path("train_cut_rate").path("per_track"), doc.path("train_cut_rate").path("per_track"));
        JsonNode exportsInfo = doc.path("provenance").path("inputs").path("exports");
        assertEquals(info.path("data").path("sample_fps").asText(), exportsInfo.path("sample_fps").asText());
        assertEquals(3, exportsInfo.path("files").size(), exportsInfo.toString());
        // No path of the deleted run was read or recorded.
        assertFalse(Files.readString(json).contains(run.toString()), "the report names the old run");
        assertTrue(doc.path("provenance").path("inputs").path("model").path("checkpoint").asText().startsWith(model.toString()));
    }

    @Test
    void refusesAModelTrainedAtTheNativeRateOrWithoutTuning(@TempDir Path dir) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Path exports = dir.resolve("exports");
        assertEquals(0, CliRunner.run("synth", "--profile", "tiny", "-q", "--out", exports.toString(), "--projects", "1").code());
        // This fixture's CSV had no convert sidecar: the rate is unknown.
        CliRunner.Result unknown = CliRunner.run("evaluate", "-q", "--model", modelJson(checkpoints).toString(),
                "--input", exports.toString());
        assertEquals(1, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("does not record the sample rate") && unknown.err().contains("auto-editor convert"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());

        Path copy = dir.resolve("native");
        Files.createDirectories(copy);
        ObjectNode doc = (ObjectNode) mapper.readTree(modelJson(checkpoints).toFile());
        ((ObjectNode) doc.path("data")).put("sample_fps", "native");
        Files.writeString(copy.resolve("best.json"), mapper.writeValueAsString(doc));
        Files.copy(checkpoints.resolve(doc.path("weights").asText()), copy.resolve(doc.path("weights").asText()));
        CliRunner.Result nativeRate = CliRunner.run("evaluate", "-q", "--model", copy.resolve("best.json").toString(), "--input", exports.toString());
        assertEquals(1, nativeRate.code(), nativeRate.toString());
        assertTrue(nativeRate.err().contains("native frame rate") && nativeRate.err().contains("convert.sample_fps=5"), nativeRate.err());
        assertEquals(1, nativeRate.err().strip().lines().count(), nativeRate.err());
    }

    /** The checkpoint `evaluate --model DIR` takes: best.json, else last.json (a run stopped by max_steps mid-epoch). */
    static Path modelJson(Path dir) {
        return Files.isRegularFile(dir.resolve("best.json")) ? dir.resolve("best.json") : dir.resolve("last.json");
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
