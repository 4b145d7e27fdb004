package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.timeline.synth.SynthCorpus;
import dev.autoeditor.timeline.synth.SynthGenerator;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.synth.SynthStyle;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {
    @TempDir
    Path tmp;

    private static List<String> xmlFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
        }
    }

    @Test
    void writesNamedProjectsAndAManifest() throws Exception {
        Path out = tmp.resolve("corpus");
        CliRunner.Result r = CliRunner.run("synth", "--out", out.toString(), "--projects", "6", "--seed", "3",
                "--profile", "tiny");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("synth-0001-interview.xml", "synth-0002-vlog.xml", "synth-0003-split_screen.xml",
                "synth-0004-montage.xml", "synth-0005-multicam.xml", "synth-0006-interview.xml"), xmlFiles(out));
        assertTrue(r.out().contains("6 projects in") && r.out().contains("6 written, 0 already there") && r.out().contains("2 interview, 1 vlog"), r.out());
        assertTrue(r.out().contains("keyframe-table rows"), r.out());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("synth-manifest.json").toFile());
        assertEquals(3, manifest.get("seed").asLong());
        assertEquals(6, manifest.get("files").size());
        assertEquals("vlog", manifest.get("files").get(1).get("style").asText());
        String head = Files.readString(out.resolve("synth-0001-interview.xml"));
        assertTrue(head.contains("<xmeml version=\"4\">"), head.substring(0, Math.min(200, head.length())));
    }

    @Test
    void writtenFilesReadBackAsTheGeneratedProjects() throws Exception {
        Path out = tmp.resolve("corpus");
        assertEquals(0, CliRunner.run("synth", "--out", out.toString(), "--projects", "5", "--seed", "21",
                "--profile", "tiny").code());
        // the tiny profile: 20-40 s sequences, all five styles in order
        SynthOptions options = new SynthOptions(5, 21, List.of(SynthStyle.INTERVIEW, SynthStyle.VLOG,
                SynthStyle.SPLIT_SCREEN, SynthStyle.MONTAGE, SynthStyle.MULTICAM), 20, 40);
        XmemlReader reader = new XmemlReader();
        for (int i = 0; i < 5; i++) {
            Path file = SynthCorpus.fileOf(out, options, i);
            assertEquals(SynthGenerator.project(options, i), reader.read(file), file.toString());
        }
    }

    @Test
    void sameSeedSameBytesDifferentSeedDifferentBytes() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        // one worker and three workers: the bytes do not depend on the parallelism
        assertEquals(0, CliRunner.run("synth", "--out", a.toString(), "--projects", "5", "--seed", "11", "--profile", "tiny",
                "--set", "synth.threads=1").code());
        assertEquals(0, CliRunner.run("synth", "--out", b.toString(), "--projects", "5", "--seed", "11", "--profile", "tiny",
                "--set", "synth.threads=3").code());
        assertArrayEquals(manifestFiles(a), manifestFiles(b), "same files, hashes and order in the manifest");
        assertEquals(0, CliRunner.run("synth", "--out", c.toString(), "--projects", "5", "--seed", "12", "--profile", "tiny").code());
        for (String name : xmlFiles(a)) {
            byte[] first = Files.readAllBytes(a.resolve(name));
            assertArrayEquals(first, Files.readAllBytes(b.resolve(name)), name);
            assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(c.resolve(name))), name + " differs by seed");
        }
    }

    /** The manifest's per-file entries (everything but the creation time). */
    private static byte[] manifestFiles(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("synth-manifest.json").toFile()).get("files").toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void projectIDoesNotDependOnHowManyAreMade() throws Exception {
        Path few = tmp.resolve("few");
        Path many = tmp.resolve("many");
        assertEquals(0, CliRunner.run("synth", "--out", few.toString(), "--projects", "2", "--profile", "tiny").code());
        assertEquals(0, CliRunner.run("synth", "--out", many.toString(), "--projects", "7", "--profile", "tiny").code());
        for (String name : xmlFiles(few)) {
            assertArrayEquals(Files.readAllBytes(few.resolve(name)), Files.readAllBytes(many.resolve(name)), name);
        }
    }

    @Test
    void aRerunKeepsIdenticalFilesAndFinishesAnInterruptedRun() throws Exception {
        Path out = tmp.resolve("corpus");
        assertEquals(0, CliRunner.run("synth", "--out", out.toString(), "--projects", "4", "--profile", "tiny").code());
        Path third = out.resolve("synth-0003-split_screen.xml");
        byte[] before = Files.readAllBytes(third);
        Files.delete(third); // as if the first run had stopped before writing it
        CliRunner.Result again = CliRunner.run("synth", "--out", out.toString(), "--projects", "4", "--profile", "tiny");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("1 written, 3 already there"), again.out());
        assertArrayEquals(before, Files.readAllBytes(third));
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path out = tmp.resolve("corpus");
        assertEquals(0, CliRunner.run("synth", "--out", out.toString(), "--projects", "2", "--profile", "tiny").code());
        Path first = out.resolve("synth-0001-interview.xml");
        Path second = out.resolve("synth-0002-vlog.xml");
        Files.writeString(first, "the user's own edit");
        Files.delete(second);
        CliRunner.Result again = CliRunner.run("synth", "--out", out.toString(), "--projects", "2", "--profile", "tiny");
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("synth-0001-interview.xml already exists") && again.err().contains("--force"),
                again.err());
        assertEquals("the user's own edit", Files.readString(first));
        assertFalse(Files.exists(second), "nothing is written when the run is refused");
        Files.writeString(out.resolve("synth-manifest.json"), "{\"mine\": true}");
        Files.delete(first);
        CliRunner.Result manifest = CliRunner.run("synth", "--out", out.toString(), "--projects", "2", "--profile", "tiny");
        assertEquals(1, manifest.code(), manifest.toString());
        assertTrue(manifest.err().contains("synth-manifest.json already exists"), manifest.err());
        CliRunner.Result forced = CliRunner.run("synth", "--out", out.toString(), "--projects", "2", "--profile", "tiny", "--force");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(Files.readString(first).contains("<xmeml"));
    }

    @Test
    void oneStyleOnlyAndUnknownStylesAreRejected() throws Exception {
        Path out = tmp.resolve("montages");
        assertEquals(0, CliRunner.run("synth", "--out", out.toString(), "--projects", "3", "--style", "montage",
                "--profile", "tiny").code());
        assertEquals(List.of("synth-0001-montage.xml", "synth-0002-montage.xml", "synth-0003-montage.xml"), xmlFiles(out));
        CliRunner.Result bad = CliRunner.run("synth", "--out", tmp.resolve("x").toString(), "--style", "wedding");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertTrue(bad.err().contains("'wedding'") && bad.err().contains("interview, vlog"), bad.err());
        CliRunner.Result badKey = CliRunner.run("synth", "--out", tmp.resolve("y").toString(),
                "--set", "synth.max_duration_s=1.0");
        assertEquals(ExitCodes.USAGE, badKey.code(), badKey.toString());
        assertTrue(badKey.err().contains("synth.max_duration_s"), badKey.err());
    }
}
