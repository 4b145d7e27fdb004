package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.prefs.DemoProposer;
import dev.autoeditor.prefs.Pair;
import dev.autoeditor.prefs.PairJudge;
import dev.autoeditor.prefs.PairStore;
import dev.autoeditor.prefs.SittingConsole;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auto-editor prefs collect} run in-process with answers on standard input (not a terminal:
 * the keys are read one character at a time). The terminal itself is tested in tmux
 * ({@link PrefsCollectTmuxTest}).
 */
class PrefsCollectCommandTest {
    @TempDir
    Path dir;

    private Path exports() {
        Path out = dir.resolve("exports");
        CliRunner.Result r = CliRunner.run("synth", "--out", out.toString(), "--projects", "2", "--seed", "3", "--profile", "tiny", "-q");
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    /** The CLI with {@code keys} as standard input. */
    private static CliRunner.Result withKeys(String keys, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRunner.run(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void withoutAModelOrDemoItSaysWhatIsMissingOnOneLine() {
        Path run = dir.resolve("run");
        CliRunner.Result r = withKeys("a", "prefs", "collect", "--run-dir", run.toString(), "--judge-id", "ann");
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: prefs collect: no trained model in " + run), r.err());
        assertTrue(r.err().contains("--demo EXPORTS (rule-based continuations, no model)"), r.err());
        assertFalse(Files.exists(run.resolve(PairStore.DEFAULT_FILE)));
    }

    @Test
    void demoSittingRecordsAnswersFromTheKeysAndTheNextOneContinues() throws Exception {
        Path exports = exports();
        Path run = dir.resolve("run");
        String[] args = {"prefs", "collect", "--run-dir", run.toString(), "--demo", exports.toString(), "--judge-id", "ann", "--pairs", "2"};
        CliRunner.Result first = withKeys("a\ns\nb\n", args);
        assertEquals(ExitCodes.OK, first.code(), first.toString());
        assertTrue(first.out().contains("proposals: DEMO: rule-based continuations, no model (2 exports in " + exports + ")"), first.out());
        assertTrue(first.out().contains("  V1     "), first.out());
        assertTrue(first.out().contains("keys: a = A is better"), first.out());
        assertTrue(first.out().contains("sitting done: 2 pair(s) recorded (A 1, B 1), 1 skipped"), first.out());
        Path pairs = run.resolve("prefs/demo-pairs.jsonl");
        assertFalse(Files.exists(run.resolve(PairStore.DEFAULT_FILE)), "demo pairs never go into the run's real pair file by default");
        List<Pair> stored = new PairStore(pairs).read().pairList();
        assertEquals(2, stored.size());
        assertEquals(new PairJudge(PairJudge.Kind.PERSON, "ann"), stored.get(0).judge());
        assertEquals(DemoProposer.GENERATOR_SHA256, stored.get(0).preferred().model().sha256());
        assertTrue(Files.exists(run.resolve("prefs/demo-pairs.sittings.jsonl")));
        try (var xml = Files.walk(run.resolve("prefs/demo-pairs-xml"))) {
            assertEquals(6, xml.filter(p -> p.toString().endsWith(".xml")).count(), "A and B of proposals 1-3");
        }

        CliRunner.Result second = withKeys("q", args);
        assertEquals(ExitCodes.OK, second.code(), second.toString());
        assertTrue(second.out().contains("prefs collect   proposal 4   judge ann"), second.out());
        assertTrue(second.out().contains("last: continuing: proposals 1-3 were answered in earlier sittings"), second.out());
        assertTrue(second.out().contains("stopped (q): 0 pair(s) recorded"), second.out());
        assertTrue(second.out().contains("run the same command to continue from proposal 4"), second.out());
    }

    @Test
    void anExplicitOutputTakesTheDemoPairsAndCtrlCExits130() throws Exception {
        Path exports = exports();
        Path out = dir.resolve("mine/pairs.jsonl");
        CliRunner.Result r = withKeys("b\u0003", "prefs", "collect", "--demo", exports.resolve("synth-0001-interview.xml").toString(), "--out",
                out.toString(), "--judge-id", "ann");
        assertEquals(ExitCodes.INTERRUPTED, r.code(), r.toString());
        assertTrue(r.out().contains("interrupted (Ctrl-C): 1 pair(s) recorded (A 0, B 1)"), r.out());
        assertEquals(1, Files.readAllLines(out).size());
        assertTrue(Files.readString(dir.resolve("mine/pairs.sittings.jsonl")).contains("\"event\":\"interrupted\""));
    }

    @Test
    void badOptionsAreNamed() throws Exception {
        CliRunner.Result zero = withKeys("", "prefs", "collect", "--pairs", "0", "--judge-id", "ann");
        assertEquals(ExitCodes.USAGE, zero.code(), zero.toString());
        assertTrue(zero.err().contains("--pairs is 0; give 1 or more"), zero.err());
        CliRunner.Result missing = withKeys("", "prefs", "collect", "--demo", dir.resolve("nowhere").toString(), "--judge-id", "ann",
                "--run-dir", dir.toString());
        assertEquals(ExitCodes.FAILURE, missing.code(), missing.toString());
        assertTrue(missing.err().contains("--demo " + dir.resolve("nowhere") + ": no such folder or file"), missing.err());
        CliRunner.Result both = withKeys("", "prefs", "collect", "--demo", dir.toString(), "--model", dir.resolve("m.json").toString(),
                "--judge-id", "ann", "--run-dir", dir.toString());
        assertEquals(ExitCodes.USAGE, both.code(), both.toString());
        assertTrue(both.err().contains("--demo proposes without a model; drop --model and --exports"), both.err());
        CliRunner.Result noExports = withKeys("", "prefs", "collect", "--exports", dir.resolve("nowhere").toString(), "--judge-id", "ann",
                "--run-dir", dir.toString());
        assertEquals(ExitCodes.USAGE, noExports.code(), noExports.toString());
        assertEquals(1, noExports.err().strip().lines().count(), noExports.err());
        assertTrue(noExports.err().contains("--exports " + dir.resolve("nowhere") + ": no such folder or file"), noExports.err());
    }

    @Test
    void aModelWithoutExportsToCutSaysWhereToGetThem() throws Exception {
        Path model = dev.autoeditor.report.TinyRun.get().resolve("checkpoints/pretrain/best.json");
        Path run = dir.resolve("empty-run");
        CliRunner.Result r = withKeys("a", "prefs", "collect", "--run-dir", run.toString(), "--model", model.toString(), "--judge-id", "ann");
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: prefs collect: no training exports of the run to cut contexts from ("), r.err());
        assertTrue(r.err().contains("pass --exports FOLDER"), r.err());
        assertFalse(Files.exists(run.resolve(PairStore.DEFAULT_FILE)));
    }

    @Test
    void helpListsTheKeysAndTheDemo() {
        CliRunner.Result r = CliRunner.run("prefs", "collect", "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("--demo=EXPORTS"), r.out());
        assertTrue(r.out().contains("--model=CKPT") && r.out().contains("--exports=EXPORTS"), r.out());
        assertTrue(r.out().contains("(a, b, s = skip, q = quit)"), r.out());
        CliRunner.Result group = CliRunner.run("prefs", "--help");
        assertTrue(group.out().contains("collect"), group.out());
    }

    @Test
    void escapeSequencesFromArrowKeysAreOneKeyWithNoMeaning() throws Exception {
        StreamConsole c = new StreamConsole(new ByteArrayInputStream("\u001b[A\u001bOPa\u001b[1;5Cb".getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(new StringWriter()), 80);
        assertEquals(SittingConsole.OTHER, c.readKey());
        assertEquals(SittingConsole.OTHER, c.readKey());
        assertEquals('a', c.readKey());
        assertEquals(SittingConsole.OTHER, c.readKey());
        assertEquals('b', c.readKey());
        assertEquals(SittingConsole.END, c.readKey());
    }
}
