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
        assertEquals(2, last.path("step").asInt());
        String normaliserSha = Hashing.sha256(dir.resolve("preprocessed/normaliser.json"));
        assertEquals(normaliserSha, last.path("normaliser").path("sha256").asText());
        assertEquals(dir.resolve("preprocessed/normaliser.json").toAbsolutePath().normalize().toString(), last.path("normaliser").path("path").asText());
        assertEquals(Hashing.sha256(dir.resolve("windows/train/index.json")),
                last.path("provenance").path("inputs").path("train/index.json").asText());
        assertTrue(Files.exists(dir.resolve("ckpt/metrics/steps.csv")));

        // Resuming a run that already reached train.max_steps does not take another step.
        CliRunner.Result done = CliRunner.run("pretrain", "--profile", "tiny", "--set", "train.max_steps=2", "--data", win, "--out", out, "--resume");
        assertEquals(0, done.code(), done.toString());
        assertTrue(done.out().contains(", 2 steps"), done.out());
        assertEquals(2, new ObjectMapper().readTree(dir.resolve("ckpt/last.json").toFile()).path("step").asInt());

        CliRunner.Result again = CliRunner.run("pretrain", "--profile", "tiny", "--data", win, "--out", out);
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("--force"), again.err());

        CliRunner.Result other = CliRunner.run("pretrain", "--profile", "tiny", "--set", "model.layers=2", "--data", win, "--out", out, "--resume");
        assertEquals(1, other.code(), other.toString());
        assertTrue(other.err().contains("model.layers 1 vs 2"), other.err());
    }
}
