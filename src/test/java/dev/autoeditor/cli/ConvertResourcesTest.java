package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.cli.ConvertHardeningTest.ClipXml;
import dev.autoeditor.timeline.table.Fixtures;
import dev.autoeditor.util.DiskSpace;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversion when the machine runs short (issue 18, items 1 and 11): too little disk for the table it
 * would write, a disk that fills while writing, and too little memory for a file. The disk cases use
 * the {@link DiskSpace} test seams (the free space reported, and writes that fail with the operating
 * system's "No space left on device"); the memory case runs the CLI in a JVM with a small heap.
 */
class ConvertResourcesTest {
    @TempDir
    Path dir;

    private Path twoMinutes() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        return Files.writeString(in.resolve("long.xml"), ConvertHardeningTest.xmeml("25", List.of(List.of(
                ClipXml.of("Long", 0, 3000, 0, 3000)))));
    }

    @Test
    void tooLittleDiskForTheTableIsRefusedBeforeWriting() throws Exception {
        Path input = twoMinutes();
        Path out = dir.resolve("out/table.csv");
        Files.createDirectories(out.getParent());
        Files.writeString(dir.resolve("out/notes.txt"), "the user's own file");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r;
        try (DiskSpace.Simulation free = DiskSpace.simulateFree(100_000)) {
            r = CliRunner.run("convert", "--input", input.toString(), "--output", out.toString(), "--fps", "native");
        }

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        String error = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow(() -> new AssertionError(r));
        assertTrue(error.contains("not enough disk space"), error);
        assertTrue(error.contains(input.toString()), error);
        assertTrue(error.contains("3000 rows"), error);
        assertTrue(error.contains("97.7 KB free in " + out.toAbsolutePath().getParent()), error);
        assertTrue(error.contains("--fps") && error.contains("--output"), "names the ways out: " + error);
        assertEquals(Map.of(), FileHashes.changed(before));
        try (var left = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(dir.resolve("out/notes.txt")), left.toList(), "nothing written, nothing left behind");
        }
    }

    @Test
    void diskFillingWhileWritingNamesThePathAndKeepsTheOldOutput() throws Exception {
        Path input = twoMinutes();
        Path out = dir.resolve("table.csv");
        Files.writeString(out, "an older table");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r;
        try (DiskSpace.Simulation full = DiskSpace.simulateFullDisk(p -> p.toString().contains(".parts"))) {
            r = CliRunner.run("convert", "--input", input.toString(), "--output", out.toString(), "--fps", "native", "--force");
        }

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        String error = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow(() -> new AssertionError(r));
        assertTrue(error.startsWith("error: no space left on device writing"), error);
        assertTrue(error.contains(dir.resolve(".table.csv.parts").toAbsolutePath().toString()), error);
        assertTrue(error.contains("free space on that disk"), error);
        assertEquals(Map.of(), FileHashes.changed(before), "the older table is kept");
        assertFalse(Files.exists(dir.resolve(".table.csv.parts")));
        assertFalse(Files.exists(dir.resolve(".table.csv.tmp")));
    }

    @Test
    void outOfMemoryNamesTheFileAndHowToGiveJavaMore() throws Exception {
        // About 12 MB of clips with keyframes: more than a 16 MB heap holds while the file is read.
        Path in = Files.createDirectories(dir.resolve("in"));
        Path big = in.resolve("big.xml");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\"?>\n<xmeml version=\"4\"><sequence><name>S</name><rate><timebase>25</timebase></rate>"
                    + "<media><video><track>\n");
            for (int i = 0; i < 26_000; i++) {
                w.write("<clipitem id=\"c" + i + "\"><name>Clip " + i + "</name><start>" + i * 10 + "</start><end>" + (i * 10 + 10)
                        + "</end><in>0</in><out>10</out><file id=\"f" + i + "\"><name>f" + i + ".mov</name><pathurl>file:///m/f" + i
                        + ".mov</pathurl></file><filter><effect><name>Basic Motion</name><effectid>basic</effectid><parameter>"
                        + "<parameterid>scale</parameterid><value>100</value><keyframe><when>0</when><value>100</value></keyframe>"
                        + "<keyframe><when>10</when><value>120</value></keyframe></parameter></effect></filter></clipitem>\n");
            }
            w.write("</track></video></media></sequence></xmeml>\n");
        }
        Path small = Files.writeString(in.resolve("small.xml"), ConvertHardeningTest.xmeml("25",
                List.of(List.of(ClipXml.of("Fine", 0, 40, 0, 40)))));
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(dir);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-cp", FullRunKillResumeTest.testClassPath(), Main.class.getName(),
                "convert", "--input", in.toString(), "--output", out.toString(), "--set", "convert.threads=1", "-q"));
        Path log = dir.resolve("convert.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String output = Files.readString(log);

        assertEquals(ExitCodes.PARTIAL, p.exitValue(), output);
        String failed = output.lines().filter(l -> l.startsWith("failed: ")).findFirst().orElseThrow(() -> new AssertionError(output));
        assertTrue(failed.contains(big.toString()), failed);
        assertTrue(failed.contains("out of memory"), failed);
        assertTrue(failed.contains("AUTO_EDITOR_JAVA_OPTS=-Xmx"), failed);
        assertFalse(output.contains("conversion worker failed"), output);
        assertTrue(Fixtures.records(out).stream().allMatch(row -> row.get("project").equals("small")), "the small file converted");
        assertEquals(Map.of(), FileHashes.changed(before));
        assertTrue(Files.exists(small));
    }
}
