package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during `convert` (issue 18, item 14) used to leave the hidden part files (as large as the
 * table) beside the output until the next run. A convert in its own JVM gets SIGTERM while it joins
 * its parts; it exits 143, says what to do in one line, and leaves nothing behind but the old output.
 */
@DisabledOnOs(OS.WINDOWS)
class ConvertSigtermTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermWhileConvertingRemovesThePartFilesAndKeepsTheOldOutput() throws Exception {
        // Many exports with a megabyte of text the table does not use: a second or more of reading, little to write.
        Path in = Files.createDirectories(tmp.resolve("in"));
        String filler = "<description>" + "x".repeat(2 << 20) + "</description>";
        for (int i = 0; i < 40; i++) {
            Files.writeString(in.resolve(String.format("edit-%02d.xml", i)), ConvertHardeningTest.xmeml("25", List.of(List.of(
                    new ConvertHardeningTest.ClipXml("A" + i, 0, 250, 0, 250, "", filler)))));
        }
        Path out = Files.writeString(tmp.resolve("table.csv"), "the table of an earlier conversion\n");
        Map<Path, String> before = FileHashes.of(out);
        Path parts = tmp.resolve(".table.csv.parts");
        Path log = tmp.resolve("convert.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", FullRunKillResumeTest.testClassPath(), Main.class.getName(), "convert", "--input", in.toString(),
                "--output", out.toString(), "--force", "--set", "convert.threads=1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.isDirectory(parts) && Files.exists(tmp.resolve(".table.csv.tmp")))) {
                if (!process.isAlive()) fail("convert ended (exit " + process.exitValue() + ") before it was stopped:\n" + Files.readString(log));
                if (System.nanoTime() > deadline) fail("no part files within 60 s:\n" + Files.readString(log));
                Thread.sleep(5);
            }
            // As a service manager or `kill` sends it; started without a shell.
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits after SIGTERM");
        } finally {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);

        assertEquals(143, process.exitValue(), output);
        List<String> lines = output.lines().filter(l -> l.startsWith("interrupted")).toList();
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).contains("run the same command again: auto-editor convert --input " + in), lines.get(0));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "no work or lock files left");
        }
        assertEquals(Map.of(), FileHashes.changed(before), "the earlier table is intact");
    }
}
