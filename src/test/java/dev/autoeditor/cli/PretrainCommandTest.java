package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.data.KeyframeCsvFixture;
import dev.autoeditor.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `auto-editor pretrain` on real window shards, through the CLI: output, checkpoint references, refusals. */
class PretrainCommandTest {
    @Test
    void trainsOnShardsAndRecordsWhereTheDataCameFrom(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("keyframes.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(31, 9, 2, 8, 100));
        String pre = dir.resolve("preprocessed").toString();
        String win = dir.resolve("windows").toString();
        String out = dir.resolve("ckpt").toString();
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", pre).code());
        assertEquals(0, CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", win).code());

        CliRunner.Result r = CliRunner.run("pretrain", "--profile", "tiny", "--set", "train.max_steps=2", "--data", win, "--out", out);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("parameters") && r.out().contains("2 steps"), r.out());
        JsonNode last = new ObjectMapper().readTree(dir.resolve("ckpt/last.json").toFile());
        assertEquals("auto-editor-checkpoint/2", last.path("format").asText());
        assertEquals(2, last.path("training").path("step").asInt());
        // The normaliser travels by value: exactly the document preprocess wrote, no path to look it up by.
        assertEquals(new ObjectMapper().readTree(dir.resolve("preprocessed/normaliser.json").toFile()), last.path("normaliser"));
        assertEquals(32, last.path("data").path("window").path("length").asInt());
        assertEquals(16, last.path("data").path("window").path("stride").asInt());
        assertEquals("first-appearance", last.path("data").path("asset_classes").path("scheme").asText());
        assertTrue(last.path("data").path("sample_fps").isNull(), "a hand-written CSV has no sample rate: " + last.path("data"));
        assertEquals(Hashing.sha256(dir.resolve("windows/train/index.json")),
                last.path("provenance").path("inputs").path("train/index.json").asText());
        // Training ended (max_steps): the thresholds and cut rates are tuned and stored.
        JsonNode calibration = last.path("calibration");
        assertEquals("val", calibration.path("threshold_from").asText(), calibration.toString());
        assertEquals(2, calibration.path("cut_tolerance").asInt());
        for (String p : java.util.List.of("model", "persistence", "random-cutter")) {
            assertTrue(calibration.path("thresholds").path(p).isNumber(), p + " in " + calibration);
        }
        assertEquals(20, calibration.path("train_cut_rate").path("per_track").size());
        assertTrue(Files.exists(dir.resolve("ckpt/metrics/steps.csv")));

        // Resuming a run that already reached train.max_steps does not take another step.
        CliRunner.Result done = CliRunner.run("pretrain", "--profile", "tiny", "--set", "train.max_steps=2", "--data", win, "--out", out, "--resume");
        assertEquals(0, done.code(), done.toString());
        assertTrue(done.out().contains(", 2 steps"), done.out());
        assertEquals(2, new ObjectMapper().readTree(dir.resolve("ckpt/last.json").toFile()).path("training").path("step").asInt());

        CliRunner.Result again = CliRunner.run("pretrain", "--profile", "tiny", "--data", win, "--out", out);
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("--force"), again.err());

        CliRunner.Result other = CliRunner.run("pretrain", "--profile", "tiny", "--set", "model.layers=2", "--data", win, "--out", out, "--resume");
        assertEquals(1, other.code(), other.toString());
        assertTrue(other.err().contains("model.layers 1 vs 2"), other.err());
    }

    /** {@code preprocess.normaliser: from_model}: new data normalised with a trained model's statistics, not refitted. */
    @Test
    void preprocessCanNormaliseWithAModelsNormaliser(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("keyframes.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(31, 9, 2, 8, 100));
        String pre = dir.resolve("preprocessed").toString();
        String win = dir.resolve("windows").toString();
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", csv.toString(), "--output", pre).code());
        assertEquals(0, CliRunner.run("window", "--profile", "tiny", "-q", "--input", pre, "--output", win).code());
        CliRunner.Result trained = CliRunner.run("pretrain", "--profile", "tiny", "-q", "--set", "train.max_steps=1", "--data", win,
                "--out", dir.resolve("ckpt").toString());
        assertEquals(0, trained.code(), trained.toString());

        Path other = dir.resolve("other.csv");
        KeyframeCsvFixture.write(other, KeyframeCsvFixture.randomProjects(77, 6, 2, 8, 100));
        String model = dir.resolve("ckpt/last.json").toString();
        CliRunner.Result fitted = CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", other.toString(),
                "--output", dir.resolve("fitted").toString());
        assertEquals(0, fitted.code(), fitted.toString());
        CliRunner.Result reused = CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", other.toString(),
                "--output", dir.resolve("reused").toString(), "--set", "preprocess.normaliser=from_model",
                "--set", "preprocess.normaliser_model=" + model);
        assertEquals(0, reused.code(), reused.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode modelNormaliser = json.readTree(Path.of(model).toFile()).path("normaliser");
        JsonNode written = json.readTree(dir.resolve("reused/normaliser.json").toFile());
        assertEquals(modelNormaliser, written, "the model's normaliser, unchanged");
        assertNotEquals(json.readTree(dir.resolve("fitted/normaliser.json").toFile()).path("center"), written.path("center"),
                "fitting on the other data would have given other statistics");
        JsonNode splits = json.readTree(dir.resolve("reused/splits.json").toFile());
        assertEquals("from_model", splits.path("normaliser").path("source").asText());
        assertEquals(json.readTree(Path.of(model).toFile()).path("weights_sha256").asText(), splits.path("normaliser").path("model").path("weights_sha256").asText());

        CliRunner.Result empty = CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", other.toString(),
                "--output", dir.resolve("x").toString(), "--set", "preprocess.normaliser=from_model");
        assertEquals(ExitCodes.USAGE, empty.code(), empty.toString());
        assertTrue(empty.err().contains("preprocess.normaliser_model"), empty.err());
        CliRunner.Result old = CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", other.toString(),
                "--output", dir.resolve("y").toString(), "--set", "preprocess.normaliser=robust");
        assertTrue(old.err().contains("preprocess.normaliser_method=robust"), old.err());
    }

    @Test
    void explainsMissingWindows(@TempDir Path dir) {
        CliRunner.Result r = CliRunner.run("pretrain", "--data", dir.resolve("nothing").toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("auto-editor window"), r.toString());
    }
}
