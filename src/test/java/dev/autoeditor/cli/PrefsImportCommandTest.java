package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.prefs.ExportFixtures;
import dev.autoeditor.prefs.PairStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auto-editor prefs import} run in-process: exit codes, what it prints, where pairs go. */
class PrefsImportCommandTest {
    @TempDir
    Path dir;

    private Path ratings(String... rows) throws Exception {
        ExportFixtures.write(dir.resolve("exports"));
        StringBuilder sb = new StringBuilder("context_export,sequence,context_s,side_a_export,side_b_export,preferred\n");
        for (String r : rows) sb.append(r).append('\n');
        return Files.writeString(dir.resolve("exports/ratings.csv"), sb.toString());
    }

    @Test
    void importsIntoTheRunDirectoryAndNamesBadRows() throws Exception {
        Path csv = ratings("ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,A", "ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,?");
        Path run = dir.resolve("run");
        CliRunner.Result r = CliRunner.run("prefs", "import", csv.toString(), "--run-dir", run.toString());
        assertEquals(ExitCodes.PARTIAL, r.code(), r.toString());
        assertTrue(r.err().contains("bad row: " + csv + " line 3: preferred is '?'; use A, B or tie; row skipped"), r.err());
        Path pairs = run.resolve(PairStore.DEFAULT_FILE);
        assertTrue(r.out().contains("imported 1 pair(s) from " + csv + " into " + pairs.toAbsolutePath()
                + "; 1 bad row(s) skipped, named above"), r.out());
        assertEquals(1, Files.readAllLines(pairs).size());

        // Again, into an explicit file, at another rate; then once more: nothing new.
        Path out = dir.resolve("mine.jsonl");
        CliRunner.Result first = CliRunner.run("prefs", "import", csv.toString(), "--output", out.toString(), "--fps", "native",
                "--judge-id", "jo");
        assertEquals(ExitCodes.PARTIAL, first.code(), first.toString());
        assertTrue(Files.readString(out).contains("\"fps\":\"25\""));
        assertTrue(Files.readString(out).contains("\"judge\":{\"kind\":\"import\",\"id\":\"jo\"}"));
        CliRunner.Result again = CliRunner.run("prefs", "import", csv.toString(), "--output", out.toString(), "--fps", "native",
                "--judge-id", "jo");
        assertTrue(again.out().contains("imported 0 pair(s) from " + csv + " into " + out + " (1 already there)"), again.out());
        assertEquals(1, Files.readAllLines(out).size());
    }

    @Test
    void everyRowGoodIsExitZeroAndNoGoodRowIsOneWithNothingWritten() throws Exception {
        Path csv = ratings("ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,tie");
        Path out = dir.resolve("p.jsonl");
        CliRunner.Result ok = CliRunner.run("prefs", "import", csv.toString(), "--output", out.toString());
        assertEquals(ExitCodes.OK, ok.code(), ok.toString());
        assertEquals("", ok.err());

        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"format\":\"auto-editor-pair/1\"}\n");
        Path none = dir.resolve("none.jsonl");
        CliRunner.Result failed = CliRunner.run("prefs", "import", bad.toString(), "--output", none.toString());
        assertEquals(ExitCodes.FAILURE, failed.code(), failed.toString());
        assertTrue(failed.err().contains("error: " + bad + ": nothing imported: no line is a good pair; first: " + bad
                + " line 1: context: missing"), failed.err());
        assertFalse(Files.exists(none));

        CliRunner.Result missing = CliRunner.run("prefs", "import", dir.resolve("nope.csv").toString(), "--output", none.toString());
        assertEquals(ExitCodes.FAILURE, missing.code(), missing.toString());
        assertTrue(missing.err().contains("nope.csv: file not found; give a .jsonl or .csv file of pairs"), missing.err());

        CliRunner.Result badFps = CliRunner.run("prefs", "import", csv.toString(), "--output", none.toString(), "--fps", "fast");
        // A bad option is a bad command line (issue 18, item 14).
        assertEquals(ExitCodes.USAGE, badFps.code(), badFps.toString());
        assertTrue(badFps.err().contains("--fps is 'fast'"), badFps.err());
    }

    @Test
    void theGroupListsItsSubcommands() {
        CliRunner.Result r = CliRunner.run("prefs");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("import"), r.out());
    }
}
