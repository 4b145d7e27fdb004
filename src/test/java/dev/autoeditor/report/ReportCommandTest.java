package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auto-editor report} through the real CLI. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesThePageRefusesToReplaceItWithoutForceAndWritesElsewhereWithOut() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        CliRunner.Result first = CliRunner.run("report", "--run-dir", run.toString());
        assertEquals(0, first.code(), first.toString());
        Path page = run.resolve("report/index.html");
        assertEquals("wrote " + page.toAbsolutePath().normalize(), first.out().strip());
        String before = Files.readString(page);

        CliRunner.Result again = CliRunner.run("report", "--run-dir", run.toString());
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains(page + " already exists; pass --force"), again.err());
        assertEquals(before, Files.readString(page), "the page is untouched");

        assertEquals(0, CliRunner.run("report", "--run-dir", run.toString(), "--force").code());
        Path elsewhere = tmp.resolve("elsewhere/run.html");
        CliRunner.Result out = CliRunner.run("report", "--run-dir", run.toString(), "--out", elsewhere.toString());
        assertEquals(0, out.code(), out.toString());
        assertTrue(Files.readString(elsewhere).contains("<h2>Run at a glance</h2>"));
    }

    @Test
    void aFolderWithoutARunIsAOneLineError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRunner.Result r = CliRunner.run("report", "--run-dir", empty.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("error: nothing to report in " + empty.toAbsolutePath().normalize()), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(Files.notExists(empty.resolve("report")), "nothing written");
    }
}
