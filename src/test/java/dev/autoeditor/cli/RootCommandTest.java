package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RootCommandTest {
    @Test
    void versionNamesProgramAndLibraries() {
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("auto-editor 0.1.0"), r.out());
        assertTrue(r.out().contains("1.0.0-M2.1"), r.out());
    }

    @Test
    void subcommandVersionIsTheProgramsVersion() {
        for (String[] args : new String[][] {{"convert", "--version"}, {"bench", "convert", "-V"}, {"synth", "-V"}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("auto-editor 0.1.0"), String.join(" ", args) + ": " + r.out());
        }
    }

    @Test
    void helpListsUsage() {
        CliRunner.Result r = CliRunner.run("--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Usage: auto-editor"), r.out());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRunner.Result r = CliRunner.run("no-such-command");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
    }
}
