package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.timeline.table.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auto-editor convert} run in-process on fixtures. */
class ConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void badFilesAreNamedWithTheirLineAndTheOthersConvert() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Fixtures.copy(in, "bezier.xml", "billion-laughs.xml", "malformed.xml", "ntsc-motion.xml", "not-xmeml.xml", "xxe.xml");
        Path out = dir.resolve("out.csv");
        CliRunner.Result r = CliRunner.run("convert", "--input", in.toString(), "--output", out.toString());
        assertEquals(ExitCodes.PARTIAL, r.code(), r.toString());
        assertTrue(r.err().contains("malformed.xml:7: malformed XML"), r.err());
        assertTrue(r.err().contains("not-xmeml.xml:2: not an xmeml file"), r.err());
        assertTrue(r.err().contains("xxe.xml:5:"), r.err());
        assertTrue(r.err().contains("billion-laughs.xml:14: entity reference '&lol9;' refused"), r.err());
        assertTrue(r.out().contains("converted 2 of 6 file(s): 2 sequence(s), 26 rows"), r.out());
        // The good files are in the CSV, in path order: bezier (10 rows) then ntsc-motion (16).
        var records = Fixtures.records(out);
        assertEquals(26, records.size());
        assertEquals("bezier", records.get(0).get("project"));
        assertEquals("ntsc-motion", records.get(25).get("project"));
        // No secret leaked from the XXE file anywhere.
        assertFalse(Files.readString(out).contains("root:"));
        JsonNode prov = new ObjectMapper().readTree(dir.resolve("out.csv.provenance.json").toFile());
        assertEquals(6, prov.get("inputs").size());
        assertEquals("5", prov.path("provenance").path("config").path("convert.sample_fps").asText());
        assertEquals("0.1.0", prov.path("provenance").path("version").asText());
    }

    @Test
    void existingOutputNeedsForce() throws Exception {
        Path input = Fixtures.copy(dir, "bezier.xml").get(0);
        Path out = dir.resolve("table.csv");
        Files.writeString(out, "keep me");
        CliRunner.Result refused = CliRunner.run("convert", "--input", input.toString(), "--output", out.toString());
        assertEquals(ExitCodes.FAILURE, refused.code(), refused.toString());
        assertTrue(refused.err().contains("already exists; pass --force"), refused.err());
        assertEquals("keep me", Files.readString(out));

        CliRunner.Result forced = CliRunner.run("convert", "--input", input.toString(), "--output", out.toString(), "--force");
        assertEquals(ExitCodes.OK, forced.code(), forced.toString());
        assertEquals(Files.readString(Fixtures.fixture("bezier.csv")), Files.readString(out));
    }

    @Test
    void fpsComesFromConfigUnlessGiven() throws Exception {
        Path input = Fixtures.copy(dir, "transitions.xml").get(0);
        CliRunner.Result viaSet = CliRunner.run("convert", "--input", input.toString(), "--output", dir.resolve("a.csv").toString(),
                "--set", "convert.sample_fps=native", "--set", "convert.threads=1");
        assertEquals(0, viaSet.code(), viaSet.toString());
        assertEquals(50, Fixtures.records(dir.resolve("a.csv")).size());
        CliRunner.Result viaOption = CliRunner.run("convert", "--input", input.toString(), "--output", dir.resolve("b.csv").toString(),
                "--set", "convert.sample_fps=native", "--fps", "12.5");
        assertEquals(0, viaOption.code(), viaOption.toString());
        assertEquals(25, Fixtures.records(dir.resolve("b.csv")).size()); // every 2nd frame of 25 fps
    }

    @Test
    void badFpsIsAClearError() throws Exception {
        Path input = Fixtures.copy(dir, "bezier.xml").get(0);
        CliRunner.Result r = CliRunner.run("convert", "--input", input.toString(), "--output", dir.resolve("x.csv").toString(), "--fps", "fast");
        // A bad option is a bad command line (issue 18, item 14).
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--fps is 'fast'; use 'native'"), r.err());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void summaryCountsWhatTheTableDoesNotCarryAndVerboseNamesTheClips() throws Exception {
        Path input = Fixtures.copy(dir, "unsupported.xml").get(0);
        CliRunner.Result r = CliRunner.run("convert", "-v", "--input", input.toString(), "--output", dir.resolve("u.csv").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("1 clip(s) with rotation, 1 clip(s) with opacity, 1 clip(s) with speed change, 1 clip(s) with reversed playback"), r.out());
        assertTrue(r.out().contains("rotation: Effects / Tilted (r1)"), r.out());
        assertTrue(r.out().contains("reversed playback: Effects / Backwards (b1)"), r.out());
        CliRunner.Result quiet = CliRunner.run("convert", "--input", input.toString(), "--output", dir.resolve("q.csv").toString());
        assertFalse(quiet.out().contains("Tilted"), quiet.out());
    }

    @Test
    void onlyBadFilesIsAFailureWithoutOutput() throws Exception {
        Path input = Fixtures.copy(dir, "xxe.xml").get(0);
        CliRunner.Result r = CliRunner.run("convert", "--input", input.toString(), "--output", dir.resolve("x.csv").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("none of the 1 input file(s) converted"), r.err());
        assertTrue(r.err().contains("xxe.xml:5: entity reference"), r.err());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void whenEveryFileFailsEachFailureIsNamed() throws Exception {
        Path in = Files.createDirectories(dir.resolve("bad"));
        Fixtures.copy(in, "billion-laughs.xml", "malformed.xml", "not-xmeml.xml", "xxe.xml");
        CliRunner.Result r = CliRunner.run("convert", "--input", in.toString(), "--output", dir.resolve("x.csv").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("none of the 4 input file(s) converted; nothing written"), r.err());
        for (String failure : List.of("billion-laughs.xml:14: entity reference '&lol9;' refused", "malformed.xml:7: malformed XML",
                "not-xmeml.xml:2: not an xmeml file", "xxe.xml:5: entity reference")) {
            assertTrue(r.err().contains("failed: " + in.resolve(failure.substring(0, failure.indexOf(':'))) + failure.substring(failure.indexOf(':'))),
                    failure + " in\n" + r.err());
        }
        assertFalse(Files.exists(dir.resolve("x.csv")));
        assertFalse(Files.exists(dir.resolve(".x.csv.parts")), "no part files left behind");
    }

    @Test
    void filesWithTheSameNameInTwoFoldersGetDistinctProjects() throws Exception {
        Path a = Files.createDirectories(dir.resolve("in/day1"));
        Path b = Files.createDirectories(dir.resolve("in/day2/final"));
        Fixtures.copy(a, "bezier.xml", "ntsc-motion.xml");
        Fixtures.copy(b, "bezier.xml");
        Path out = dir.resolve("out.csv");
        CliRunner.Result r = CliRunner.run("convert", "--input", dir.resolve("in").toString(), "--output", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        var projects = new java.util.LinkedHashMap<String, Integer>();
        for (var rec : Fixtures.records(out)) projects.merge(rec.get("project"), 1, Integer::sum);
        // A colliding name becomes the path below the folder both files share; a unique one stays as it was.
        assertEquals(java.util.Map.of("day1/bezier", 10, "ntsc-motion", 16, "day2/final/bezier", 10), projects);
        assertEquals(java.util.List.of("day1/bezier", "ntsc-motion", "day2/final/bezier"), java.util.List.copyOf(projects.keySet()));
        assertTrue(r.out().contains("bezier.xml: 1 sequence(s), 10 rows as project 'day1/bezier'"), r.out());
        assertTrue(r.out().contains("ntsc-motion.xml: 1 sequence(s), 16 rows\n"), r.out());
        // The provenance maps each input to its project.
        JsonNode inputs = new ObjectMapper().readTree(dir.resolve("out.csv.provenance.json").toFile()).get("inputs");
        assertEquals("day1/bezier", inputs.get(0).get("project").asText());
        assertTrue(inputs.get(0).get("path").asText().endsWith("day1/bezier.xml".replace('/', java.io.File.separatorChar)));
        assertEquals("day2/final/bezier", inputs.get(2).get("project").asText());
    }

    @Test
    void aSequenceAboveV20IsNamedInTheSummary() throws Exception {
        Path input = Fixtures.copy(dir, "many-tracks.xml").get(0);
        CliRunner.Result r = CliRunner.run("convert", "--input", input.toString(), "--output", dir.resolve("m.csv").toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("note: sequence 'Many tracks' has 22 video tracks; the table keeps V1-V20 and drops 2"), r.out());
    }

    @Test
    void aFileNamedTwiceConvertsOnce() throws Exception {
        Path input = Fixtures.copy(dir, "bezier.xml").get(0);
        Path relative = Path.of("").toAbsolutePath().relativize(input);
        Path out = dir.resolve("once.csv");
        CliRunner.Result r = CliRunner.run("convert", "--input", dir.toString(), "--input", relative.toString(),
                "--input", input.toString(), "--output", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("converted 1 of 1 file(s): 1 sequence(s), 10 rows"), r.out());
        assertEquals(10, Fixtures.records(out).size());
    }

    @Test
    void fpsWithoutInputAndOutputIsAUsageErrorNotIgnored() {
        CliRunner.Result r = CliRunner.run("convert", "--run-dir", dir.toString(), "--fps", "2");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("use --set convert.sample_fps=2"), r.err());
        assertFalse(Files.exists(dir.resolve("data")), "nothing run");
    }

    @Test
    void provenanceListsInputsInTheCsvsOrderHoweverTheyWereNamed() throws Exception {
        List<Path> copies = Fixtures.copy(dir, "bezier.xml", "ntsc-motion.xml");
        // ntsc-motion named relatively ("../.." sorts before "/"), bezier absolutely: the CSV has bezier first.
        Path relative = Path.of("").toAbsolutePath().relativize(copies.get(1));
        Path out = dir.resolve("order.csv");
        CliRunner.Result r = CliRunner.run("convert", "--input", relative.toString(), "--input", copies.get(0).toString(),
                "--output", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertEquals("bezier", Fixtures.records(out).get(0).get("project"));
        JsonNode inputs = new ObjectMapper().readTree(dir.resolve("order.csv.provenance.json").toFile()).get("inputs");
        assertEquals("bezier", inputs.get(0).get("project").asText());
        assertEquals("ntsc-motion", inputs.get(1).get("project").asText());
    }
}
