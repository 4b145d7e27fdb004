package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.data.KeyframeCsvFixture;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandsTest {
    private static Path csv(Path dir) throws Exception {
        Path csv = dir.resolve("keyframes.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(31, 9, 2, 8, 100));
        return csv;
    }

    @Test
    void preprocessThenWindowWritesSplitsNormaliserAndShards(@TempDir Path dir) throws Exception {
        Path csv = csv(dir);
        CliRunner.Result pre = CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", dir.resolve("pre").toString());
        assertEquals(0, pre.code(), pre.toString());
        assertTrue(pre.out().contains("train") && pre.out().contains("normaliser (standard)"), pre.out());
        JsonNode splits = new ObjectMapper().readTree(dir.resolve("pre/splits.json").toFile());
        assertEquals(Hashing.sha256(csv), splits.path("source").path("sha256").asText());
        assertEquals(csv.toAbsolutePath().normalize().toString(), splits.path("source").path("path").asText());
        assertEquals(42, splits.path("provenance").path("seed").asInt());
        assertTrue(Files.isRegularFile(dir.resolve("pre/normaliser.json")));

        CliRunner.Result win = CliRunner.run("window", "--profile", "tiny", "--input", dir.resolve("pre").toString(), "--output", dir.resolve("win").toString());
        assertEquals(0, win.code(), win.toString());
        long total = 0;
        for (Split s : Split.values()) {
            JsonNode index = new ObjectMapper().readTree(dir.resolve("win").resolve(s.id()).resolve("index.json").toFile());
            assertEquals(32, index.path("shape").path("length").asInt());
            assertEquals(20, index.path("shape").path("tracks").asInt());
            assertEquals(7, index.path("shape").path("regressions").asInt());
            assertEquals("float32", index.path("dtype").path("regression").asText());
            assertEquals(Hashing.sha256(csv), index.path("source").path("csv_sha256").asText());
            assertEquals(Hashing.sha256(dir.resolve("pre/normaliser.json")), index.path("source").path("normaliser_sha256").asText());
            for (JsonNode shard : index.path("shards")) {
                assertEquals(Hashing.sha256(dir.resolve("win").resolve(s.id()).resolve(shard.path("file").asText())), shard.path("sha256").asText());
            }
            try (ShardDataset ds = ShardDataset.open(dir.resolve("win"), s)) {
                assertEquals(index.path("count").asInt(), ds.size());
                total += ds.size();
            }
        }
        assertTrue(total > 0);
        assertTrue(win.out().contains("into " + total + " windows"), win.out());
    }

    @Test
    void windowsLeftHalfReplacedByAKillAreRefusedUntilRebuilt(@TempDir Path dir) throws Exception {
        Path csv = csv(dir);
        String pre = dir.resolve("pre").toString();
        Path win = dir.resolve("win");
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", pre).code());
        assertEquals(0, CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", win.toString()).code());
        // The state a kill leaves while `window --force` swaps the splits in: the summary is gone and the
        // temporary folder still holds the splits not yet moved.
        Files.delete(win.resolve("windows.json"));
        Files.createDirectories(win.resolve(".windows.tmp").resolve("test"));
        UserException e = assertThrows(UserException.class, () -> ShardDataset.open(win, Split.TRAIN).close());
        assertTrue(e.getMessage().contains(win.toString()) && e.getMessage().contains("auto-editor window --force"), e.getMessage());
        CliRunner.Result again = CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", win.toString(), "--force");
        assertEquals(0, again.code(), again.toString());
        assertFalse(Files.exists(win.resolve(".windows.tmp")));
        ShardDataset.open(win, Split.TRAIN).close();
    }

    @Test
    void existingOutputsNeedForce(@TempDir Path dir) throws Exception {
        Path csv = csv(dir);
        String pre = dir.resolve("pre").toString();
        String win = dir.resolve("win").toString();
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", pre).code());
        CliRunner.Result again = CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", pre);
        assertEquals(ExitCodes.FAILURE, again.code(), again.toString());
        assertTrue(again.err().contains("splits.json already exists") && again.err().contains("--force"), again.err());
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", pre, "--force").code());

        assertEquals(0, CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", win).code());
        byte[] before = Files.readAllBytes(dir.resolve("win/train/shard-00000.bin"));
        CliRunner.Result w2 = CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", win);
        assertEquals(ExitCodes.FAILURE, w2.code(), w2.toString());
        assertTrue(w2.err().contains("--force"), w2.err());
        CliRunner.Result w3 = CliRunner.run("window", "--profile", "tiny", "--set", "window.stride=8", "--input", pre, "--output", win, "--force");
        assertEquals(0, w3.code(), w3.toString());
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("win/train/shard-00000.bin"))), "replaced");
        assertEquals(8, new ObjectMapper().readTree(dir.resolve("win/train/index.json").toFile())
                .path("provenance").path("config").path("window.stride").asInt());
    }

    @Test
    void aChangedCsvIsReportedByWindow(@TempDir Path dir) throws Exception {
        Path csv = csv(dir);
        String pre = dir.resolve("pre").toString();
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", pre).code());
        List<String> lines = Files.readAllLines(csv);
        lines.remove(lines.size() - 1);
        Files.write(csv, lines);
        CliRunner.Result r = CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", dir.resolve("win").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("changed since preprocess") && r.err().contains("re-run `auto-editor preprocess`"), r.err());
        assertFalse(Files.exists(dir.resolve("win/train")));
        // --force replaces outputs; it does not accept a changed CSV
        CliRunner.Result forced = CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", dir.resolve("win").toString(), "--force");
        assertEquals(ExitCodes.FAILURE, forced.code(), forced.toString());
    }

    @Test
    void badCsvErrorsNameFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path csv = csv(dir);
        List<String> lines = Files.readAllLines(csv);
        lines.set(5, lines.get(5).replaceFirst(",1,", ",yes,"));
        Files.write(csv, lines);
        CliRunner.Result r = CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", dir.resolve("pre").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains(csv.toString()) && r.err().contains("line 6") && r.err().contains("_active") && r.err().contains("'yes'"), r.err());

        Path header = dir.resolve("header.csv");
        Files.writeString(header, "project,sequence,frame,time\n");
        r = CliRunner.run("preprocess", "--input", header.toString(), "--output", dir.resolve("p2").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("line 1") && r.err().contains("columns"), r.err());

        Path unordered = dir.resolve("unordered.csv");
        List<String> ok = Files.readAllLines(csv(Files.createDirectories(dir.resolve("fresh"))));
        String first = ok.get(1);
        ok.add(first); // the first sequence's first row again, at the end
        Files.write(unordered, ok);
        r = CliRunner.run("preprocess", "--input", unordered.toString(), "--output", dir.resolve("p3").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("not contiguous") && r.err().contains("line " + ok.size()), r.err());

        CliRunner.Result missing = CliRunner.run("window", "--input", dir.resolve("nowhere").toString(), "--output", dir.resolve("w").toString());
        assertEquals(ExitCodes.FAILURE, missing.code());
        assertTrue(missing.err().contains("splits.json not found") && missing.err().contains("auto-editor preprocess"), missing.err());
    }
}
