package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings out of range are refused before anything runs (issue 18, item 10), and config errors say
 * what is wrong in words (item 14): exit 2, one line naming the setting, what was found and the allowed
 * range, no resume hint that repeats the bad value, and the run directory left as it was.
 */
class SettingsUpFrontTest {
    @TempDir
    Path dir;

    /** The error line of a run (the first line starting "error: "), after checking there is one. */
    static String error(CliRunner.Result r) {
        List<String> lines = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, lines.size(), "one error line: " + r);
        return lines.get(0);
    }

    private Path runDirWithAUsersFile() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("my-notes.txt"), "the user's own notes");
        return run;
    }

    @Test
    void everyPhasesSettingsAreCheckedBeforeTheFirstPhaseRuns() throws Exception {
        // Each of these used to pass download, convert, preprocess (and window) before failing with exit 1.
        Map<String, String> bad = Map.of(
                "window.length=-5", "'window.length' is -5",
                "window.stride=0", "'window.stride' is 0",
                "train.lr=-0.001", "'train.lr' is -0.001",
                "model.asset_classes=1", "'model.asset_classes' is 1",
                "model.d_model=0", "'model.d_model' is 0",
                "train.huber_delta=0", "'train.huber_delta' is 0",
                "evaluate.batch_size=0", "'evaluate.batch_size' is 0",
                "convert.threads=-1", "'convert.threads' is -1",
                "download.stall_s=0", "'download.stall_s' is 0");
        bad = new java.util.LinkedHashMap<>(bad);
        // The phases that train and generate after pretrain.
        bad.put("distill.temperature=0", "'distill.temperature' is 0");
        bad.put("distill.model.d_model=0", "'model.d_model' is 0");
        bad.put("finetune.lr=-1", "'finetune.lr' is -1");
        bad.put("samples.count=-1", "'samples.count' is -1");
        bad.put("generate.temperature=-1", "'generate.temperature' is -1");
        // rlhf's, which used to fail only after pretraining (the tiny profile: 8 rollouts per iteration, windows of 32 frames, contexts of 8).
        bad.put("rlhf.ppo.minibatch=100", "'rlhf.ppo.minibatch' is 100");
        bad.put("rlhf.horizon_frames=30", "'rlhf.horizon_frames' is 30");
        bad.put("rlhf.kl.beta=-1", "'rlhf.kl.beta' is -1");
        bad.put("prefs.judge.target_shot_s=0", "'prefs.judge.target_shot_s' is 0");
        Path run = runDirWithAUsersFile();
        Map<Path, String> before = FileHashes.of(run);
        for (var e : bad.entrySet()) {
            CliRunner.Result r = CliRunner.run("full-run", "--run-dir", run.toString(), "--profile", "tiny", "--set", e.getKey());

            assertEquals(ExitCodes.USAGE, r.code(), e.getKey() + "\n" + r);
            String line = error(r);
            assertTrue(line.contains(e.getValue()), e.getValue() + " missing from: " + line);
            assertTrue(line.contains("must"), "says what is allowed: " + line);
            assertFalse(line.contains("[") && line.contains("]"), "no unlabelled array: " + line);
            assertFalse(r.err().contains("resume with"), "nothing ran, so nothing to resume: " + r.err());
            assertFalse(r.err().contains(e.getKey()), "the bad value is not offered back as a command: " + r.err());
            assertEquals(Map.of(), FileHashes.changed(before), e.getKey());
            try (var files = Files.list(run)) {
                assertEquals(List.of(run.resolve("my-notes.txt")), files.filter(p -> !p.getFileName().toString().startsWith(".")).toList(),
                        "no phase ran, not even the settings were saved: " + e.getKey());
            }
        }
    }

    @Test
    void aPhaseCommandChecksItsSettingsBeforeReadingItsInputs() throws Exception {
        Path out = dir.resolve("ckpt");
        CliRunner.Result r = CliRunner.run("pretrain", "--data", dir.resolve("no-windows-here").toString(), "--out", out.toString(),
                "--set", "train.lr=-1");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(error(r).contains("'train.lr' is -1"), r.toString());
        assertFalse(Files.exists(out));

        Path run = runDirWithAUsersFile();
        Map<Path, String> before = FileHashes.of(run);
        CliRunner.Result window = CliRunner.run("window", "--run-dir", run.toString(), "--set", "window.stride=0");
        assertEquals(ExitCodes.USAGE, window.code(), window.toString());
        assertTrue(error(window).contains("'window.stride' is 0"), window.toString());
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void modelSizesOutOfRangeNameEachSettingNotAnArray() {
        CliRunner.Result r = CliRunner.run("pretrain", "--data", dir.toString(), "--out", dir.resolve("o").toString(),
                "--set", "model.d_model=0", "--set", "model.layers=-2");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        String line = error(r);
        assertTrue(line.contains("'model.d_model' is 0") && line.contains("'model.layers' is -2"), line);
        assertTrue(line.contains("at least 1"), line);
        assertFalse(line.matches(".*\\[[-0-9., ]+\\].*"), "no unlabelled array: " + line);
    }

    @Test
    void aValueWhereTheDefaultsHaveASectionSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.yaml"), "window: 5\n");
        CliRunner.Result r = CliRunner.run("window", "--run-dir", dir.resolve("run").toString(), "--config", file.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        String line = error(r);
        assertFalse(line.contains("unknown config key"), line);
        assertTrue(line.contains("'window'") && line.contains(file.toString()) && line.contains("section"), line);
        assertTrue(line.contains("length") && line.contains("stride"), "names the keys of the section: " + line);
        assertTrue(line.contains("window.length"), "shows how to set one: " + line);

        CliRunner.Result viaSet = CliRunner.run("window", "--run-dir", dir.resolve("run").toString(), "--set", "window=5");
        assertEquals(ExitCodes.USAGE, viaSet.code(), viaSet.toString());
        assertTrue(error(viaSet).contains("section"), viaSet.toString());

        Path nested = Files.writeString(dir.resolve("nested.yaml"), "window:\n  length:\n    frames: 5\n");
        CliRunner.Result tooDeep = CliRunner.run("window", "--run-dir", dir.resolve("run").toString(), "--config", nested.toString());
        assertEquals(ExitCodes.USAGE, tooDeep.code(), tooDeep.toString());
        String deep = error(tooDeep);
        assertTrue(deep.contains("'window.length'") && deep.contains("a single value"), deep);
        assertFalse(Files.exists(dir.resolve("run")), "nothing was made");
    }

    @Test
    void fpsThatIsNoRateIsABadCommandLine() throws Exception {
        Path in = Files.writeString(dir.resolve("e.xml"), ConvertHardeningTest.xmeml("25",
                List.of(List.of(ConvertHardeningTest.ClipXml.of("A", 0, 50, 0, 50)))));
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "the user's table");
        Map<Path, String> before = FileHashes.of(dir);
        for (String fps : List.of("0", "abc", "-5")) {
            CliRunner.Result r = CliRunner.run("convert", "--input", in.toString(), "--output", out.toString(), "--fps", fps, "--force");
            assertEquals(ExitCodes.USAGE, r.code(), fps + "\n" + r);
            String line = error(r);
            assertTrue(line.contains("--fps is '" + fps + "'") && line.contains("'native'") && line.contains("30000/1001"), line);
            assertEquals(Map.of(), FileHashes.changed(before), fps);
        }
    }
}
