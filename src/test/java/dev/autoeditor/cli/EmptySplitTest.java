package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.data.KeyframeCsvFixture;
import dev.autoeditor.pipeline.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training refuses an empty validation or test split (issue 18, item 4): with no validation windows the
 * "validation loss" was the training loss and chose `best` silently. Exit 1, naming the split, the
 * windows folder and the fix; nothing is written.
 */
class EmptySplitTest {
    @TempDir
    Path dir;

    /** Preprocess and window the 9-project fixture with {@code sets}; returns the windows folder. */
    private String windows(String name, String... sets) throws Exception {
        Path csv = dir.resolve("keyframes.csv");
        if (!Files.exists(csv)) KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(31, 9, 2, 8, 100));
        String pre = dir.resolve(name + "-pre").toString();
        String win = dir.resolve(name + "-win").toString();
        String[] common = {"--profile", "tiny", "-q"};
        assertEquals(0, CliRunner.run(concat(new String[] {"preprocess", "--input", csv.toString(), "--output", pre}, common, sets)).code());
        assertEquals(0, CliRunner.run(concat(new String[] {"window", "--input", pre, "--output", win}, common, sets)).code());
        return win;
    }

    private static String[] concat(String[] a, String[] b, String[] sets) {
        String[] all = new String[a.length + b.length + sets.length * 2];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        for (int i = 0; i < sets.length; i++) {
            all[a.length + b.length + 2 * i] = "--set";
            all[a.length + b.length + 2 * i + 1] = sets[i];
        }
        return all;
    }

    private static long windowsIn(String win, String split) throws Exception {
        return new ObjectMapper().readTree(Path.of(win, "windows.json").toFile()).path("splits").path(split).path("windows").asLong();
    }

    @Test
    void anEmptyValidationSplitIsRefusedNamingItAndTheFix() throws Exception {
        String win = windows("noval", "preprocess.val_fraction=0");
        assertEquals(0, windowsIn(win, "val"));
        Path out = dir.resolve("ckpt");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r = CliRunner.run("pretrain", "--profile", "tiny", "--set", "train.max_steps=1", "--data", win, "--out", out.toString());

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        String line = SettingsUpFrontTest.error(r);
        assertTrue(line.contains("the validation split of the windows in " + Path.of(win).toAbsolutePath()) && line.contains("is empty"), line);
        assertTrue(line.contains("more projects") && line.contains("preprocess.val_fraction"), line);
        assertTrue(line.contains("auto-editor preprocess") && line.contains("auto-editor window"), "says what to run again: " + line);
        assertEquals(Map.of(), FileHashes.changed(before));
        assertFalse(Files.exists(out.resolve("last.json")), "nothing trained");
    }

    @Test
    void anEmptyTestSplitIsRefusedToo() throws Exception {
        String win = windows("notest", "preprocess.train_fraction=0.9", "preprocess.val_fraction=0.1");
        assertEquals(0, windowsIn(win, "test"));
        assertTrue(windowsIn(win, "val") > 0);
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r = CliRunner.run("pretrain", "--profile", "tiny", "--data", win, "--out", dir.resolve("ckpt").toString());

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        String line = SettingsUpFrontTest.error(r);
        assertTrue(line.contains("the test split of the windows in") && line.contains("is empty"), line);
        assertTrue(line.contains("preprocess.train_fraction"), line);
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void aFullRunOnTooFewProjectsStopsBeforeTraining() throws Exception {
        Path exports = dir.resolve("exports");
        assertEquals(0, CliRunner.run("synth", "--out", exports.toString(), "--projects", "2", "--seed", "3", "--profile", "tiny", "-q").code());
        Map<Path, String> before = FileHashes.of(exports);
        Path run = dir.resolve("run");

        CliRunner.Result r = CliRunner.run("full-run", "--run-dir", run.toString(), "--profile", "tiny", "-q",
                "--set", "download.data=[{name: two, path: " + exports + "}]");

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        String line = SettingsUpFrontTest.error(r);
        assertTrue(line.contains("phase pretrain failed: the validation split of the windows in " + run.resolve(RunLayout.WINDOWS)), line);
        assertTrue(line.contains("more projects") && line.contains("preprocess.val_fraction"), line);
        assertFalse(Files.exists(run.resolve(RunLayout.PRETRAIN).resolve("last.json")));
        assertEquals(Map.of(), FileHashes.changed(before));
    }
}
