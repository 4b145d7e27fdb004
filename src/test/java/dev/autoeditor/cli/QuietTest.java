package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.table.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -q} keeps warnings and errors only: the phase commands' summaries (a line per converted file,
 * synth's, preprocess's, window's and pretrain's) go, a failed file is still named. Each step runs once
 * without -q first, so the test knows there is a summary to silence.
 */
class QuietTest {
    @TempDir
    Path tmp;

    @Test
    void quietSilencesEveryPhaseSummaryButNotWarnings() throws Exception {
        Path raw = tmp.resolve("raw");
        assertSilencedButSame("wrote the projects", "synth", "--profile", "tiny", "--out", raw.toString(), "--projects", "4", "--force");

        Path bad = Fixtures.copy(raw, "malformed.xml").get(0);
        Path csv = tmp.resolve("keyframes.csv");
        CliRunner.Result loud = CliRunner.run("convert", "--input", raw.toString(), "--output", csv.toString());
        assertEquals(ExitCodes.PARTIAL, loud.code(), loud.toString());
        assertTrue(loud.out().contains("synth-0001-interview.xml: 1 sequence(s)"), loud.out());
        CliRunner.Result quiet = CliRunner.run("convert", "-q", "--input", raw.toString(), "--output", csv.toString(), "--force");
        assertEquals(ExitCodes.PARTIAL, quiet.code(), quiet.toString());
        assertEquals("", quiet.out(), "no line per file and no summary under -q");
        assertTrue(quiet.err().contains("failed: " + bad + ":7: malformed XML"), "a failed file is a warning: " + quiet.err());
        Files.delete(bad);

        Path pre = tmp.resolve("pre");
        assertSilencedButSame("split", "preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", pre.toString(), "--force");
        Path win = tmp.resolve("win");
        assertSilencedButSame("windowed", "window", "--profile", "tiny", "--input", pre.toString(), "--output", win.toString(), "--force");
        assertSilencedButSame("trained", "pretrain", "--profile", "tiny", "--set", "train.max_steps=1", "--data", win.toString(),
                "--out", tmp.resolve("ckpt").toString(), "--force");

        // A phase command in a run directory: its header and outcome table go too.
        Path run = tmp.resolve("run");
        CliRunner.Result inRun = CliRunner.run("download-data", "-q", "--profile", "tiny", "--run-dir", run.toString());
        assertEquals(0, inRun.code(), inRun.toString());
        assertEquals("", inRun.out());
        assertTrue(Files.isDirectory(run.resolve("data/raw/synth")));
    }

    /** Runs the command without and with -q: both succeed, the first prints a summary, the second nothing at all. */
    private static void assertSilencedButSame(String what, String... args) {
        CliRunner.Result loud = CliRunner.run(args);
        assertEquals(0, loud.code(), what + ": " + loud);
        assertFalse(loud.out().isBlank(), what + ": without -q there is a summary");
        List<String> quietArgs = new ArrayList<>(List.of(args));
        quietArgs.add(1, "-q");
        CliRunner.Result quiet = CliRunner.run(quietArgs.toArray(String[]::new));
        assertEquals(0, quiet.code(), what + " -q: " + quiet);
        assertEquals("", quiet.out(), what + " -q prints no summary");
        assertEquals("", quiet.err(), what + " -q has nothing to warn about");
    }
}
