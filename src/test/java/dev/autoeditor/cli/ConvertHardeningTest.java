package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.table.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strange but survivable xmeml (issue 18, items 1, 12 and 13), through the real CLI: each case checks
 * the exit code, the one-line message (file, line, what was found, the fix) and that the files that
 * were there before are untouched.
 */
class ConvertHardeningTest {
    @TempDir
    Path dir;

    /** One clip item: its name, the four times, and extra XML inside the clip (a filter) or its file. */
    record ClipXml(String name, long start, long end, long in, long out, String inClip, String inFile) {
        static ClipXml of(String name, long start, long end, long in, long out) {
            return new ClipXml(name, start, end, in, out, "", "");
        }
    }

    /**
     * A sequence at {@code timebase} fps with one video track per list of clips, each clip on its own
     * line so that line numbers are predictable: clip k of the file (counting across tracks, from 0)
     * opens on line 5 + k + 2 x (tracks before it).
     */
    static String xmeml(String timebase, List<List<ClipXml>> tracks) {
        StringBuilder x = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <xmeml version="4"><sequence id="s1"><name>Seq</name><rate><timebase>%s</timebase></rate>
                <media><video>
                """.formatted(timebase));
        int n = 0;
        for (List<ClipXml> track : tracks) {
            x.append("<track>\n");
            for (ClipXml c : track) {
                x.append("<clipitem id=\"c").append(n).append("\"><name>").append(c.name()).append("</name><start>").append(c.start())
                        .append("</start><end>").append(c.end()).append("</end><in>").append(c.in()).append("</in><out>").append(c.out())
                        .append("</out><file id=\"f").append(c.name()).append("\"><name>").append(c.name()).append(".mov</name>")
                        .append("<pathurl>file:///media/").append(c.name()).append(".mov</pathurl>").append(c.inFile()).append("</file>")
                        .append(c.inClip()).append("</clipitem>\n");
                n++;
            }
            x.append("</track>\n");
        }
        return x.append("</video></media></sequence></xmeml>\n").toString();
    }

    private Path write(String name, String xml) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        return Files.writeString(in.resolve(name), xml);
    }

    private CliRunner.Result convert(Path input, Path output, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("convert", "--input", input.toString(), "--output", output.toString(),
                "--fps", "native", "--set", "convert.threads=1"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static void assertOneLineError(CliRunner.Result r, String... parts) {
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ") || l.startsWith("failed: ")).toList();
        assertFalse(errors.isEmpty(), r.toString());
        String line = errors.get(0);
        for (String part : parts) assertTrue(line.contains(part), "'" + part + "' missing from: " + line + "\n" + r);
    }

    private static int column(List<CSVRecord> rows, long frame, String column) {
        for (CSVRecord row : rows) if (Long.parseLong(row.get("frame")) == frame) return (int) Double.parseDouble(row.get(column));
        throw new AssertionError("no row for frame " + frame);
    }

    private static double value(List<CSVRecord> rows, long frame, String column) {
        for (CSVRecord row : rows) if (Long.parseLong(row.get("frame")) == frame) return Double.parseDouble(row.get(column));
        throw new AssertionError("no row for frame " + frame);
    }

    // ---- item 1: a sequence far longer than any real edit

    @Test
    void clipBeyondTheSequenceLimitIsRefusedNamingClipLineAndSetting() throws Exception {
        // 2 minutes of timeline against a limit of 36 seconds: the same path as <end>2000000000</end>
        // against 24 hours, but small enough that the unfixed converter would simply finish.
        Path huge = write("huge.xml", xmeml("25", List.of(List.of(ClipXml.of("Good", 0, 50, 0, 50),
                ClipXml.of("Runaway", 50, 3000, 0, 2950)))));
        Path good = write("good.xml", xmeml("25", List.of(List.of(ClipXml.of("Fine", 0, 40, 0, 40)))));
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r = convert(dir.resolve("in"), out, "--set", "convert.max_sequence_hours=0.01");

        assertEquals(ExitCodes.PARTIAL, r.code(), r.toString());
        assertOneLineError(r, huge + ":6:", "clip item 'Runaway'", "ends at frame 3000", "convert.max_sequence_hours",
                "0.01", "--set convert.max_sequence_hours=");
        assertEquals(Map.of(), FileHashes.changed(before));
        List<CSVRecord> rows = Fixtures.records(out);
        assertEquals(40, rows.size(), "only the good file's rows");
        assertTrue(rows.stream().allMatch(row -> row.get("project").equals("good")));
        assertTrue(Files.exists(good));
    }

    @Test
    void hugeEndUnderTheDefaultLimitFailsAtOnce() throws Exception {
        // The tester's file: one clip ending at frame 2000000000 (about 22000 hours at 25 fps).
        Path huge = write("huge.xml", xmeml("25", List.of(List.of(ClipXml.of("Runaway", 0, 2_000_000_000L, 0, 2_000_000_000L)))));
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(dir);
        long start = System.nanoTime();

        CliRunner.Result r = convert(huge, out);

        assertTrue(System.nanoTime() - start < 20_000_000_000L, "refused before writing rows");
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertOneLineError(r, huge + ":5:", "clip item 'Runaway'", "ends at frame 2000000000", "22222.2 hours",
                "convert.max_sequence_hours is 24");
        assertFalse(Files.exists(out));
        assertEquals(Map.of(), FileHashes.changed(before));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("in")), left.toList(), "no part files or temporary output left behind");
        }
    }

    // ---- item 12: strange clip times

    @Test
    void clipWithStartAfterEndIsDroppedWithAWarningAndTakesNoAssetNumber() throws Exception {
        Path file = write("inverted.xml", xmeml("25", List.of(List.of(ClipXml.of("Good", 0, 50, 0, 50),
                ClipXml.of("Backwards", 120, 100, 0, 20), ClipXml.of("Later", 200, 220, 0, 20)))));
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r = convert(file, out);

        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("note: " + file + ":6: clip item 'Backwards' has <start> 120 after its <end> 100;"
                + " it shows no frame and is left out of the table"), r.out());
        List<CSVRecord> rows = Fixtures.records(out);
        assertEquals(220, rows.size());
        assertEquals(0, column(rows, 110, "v1_active"), "the dropped clip shows nothing");
        assertEquals(1, column(rows, 210, "v1_asset"), "the clip after the dropped one is asset 1, not 2");
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void negativeStartsAreReportedWithTheirRealValues() throws Exception {
        // Scale keyed from 100 at source frame 0 to 140 at source frame 40.
        String scale = "<filter><effect><name>Basic Motion</name><effectid>basic</effectid><effecttype>motion</effecttype>"
                + "<mediatype>video</mediatype><parameter><parameterid>scale</parameterid><name>scale</name><value>100</value>"
                + "<keyframe><when>0</when><value>100</value></keyframe><keyframe><when>40</when><value>140</value></keyframe>"
                + "</parameter></effect></filter>";
        Path file = write("negative.xml", xmeml("25", List.of(
                List.of(ClipXml.of("Good", 0, 50, 0, 50), ClipXml.of("Before", -500, -100, 0, 400)),
                List.of(new ClipXml("Early", -20, 20, 0, 40, scale, "")))));
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r = convert(file, out);

        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains(file + ":6: clip item 'Before' lies wholly before the sequence's first frame"
                + " (<start> -500, <end> -100); it is left out of the table"), r.out());
        assertTrue(r.out().contains(file + ":9: clip item 'Early' starts at frame -20, before the sequence's first frame;"
                + " its first 20 frame(s) are left out"), r.out());
        List<CSVRecord> rows = Fixtures.records(out);
        assertEquals(50, rows.size());
        // Timeline frame 0 of a clip placed at -20 shows source frame 20: scale 120, not the unclamped 100.
        assertEquals(120.0, value(rows, 0, "v2_scale"), 1e-9);
        assertEquals(1, column(rows, 19, "v2_active"));
        assertEquals(0, column(rows, 20, "v2_active"));
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void timebaseZeroIsNamedAsSuch() throws Exception {
        Path file = write("zero-rate.xml", xmeml("0", List.of(List.of(ClipXml.of("Good", 0, 50, 0, 50)))));
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r = convert(file, out);

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertOneLineError(r, file + ":2:", "sequence 'Seq'", "<timebase> 0", "frame rate", "re-export");
        assertFalse(r.err().contains("no <rate>"), r.err());
        assertFalse(Files.exists(out));
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void emptyValuesTheTableDoesNotNeedAreWarningsNotFailures() throws Exception {
        String sizeless = "<duration></duration><timecode><string></string><frame/></timecode>"
                + "<media><video><duration>abc</duration><samplecharacteristics><width></width><height/></samplecharacteristics></video></media>";
        Path file = write("empty-values.xml", xmeml("25", List.of(List.of(new ClipXml("Good", 0, 50, 0, 50,
                "<duration/>", sizeless)))));
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r = convert(file, out);

        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains(file + ":5: empty <width> ignored"), r.out());
        assertTrue(r.out().contains(file + ":5: <duration> 'abc' is not a number; ignored"), r.out());
        assertEquals(50, Fixtures.records(out).size());
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    // ---- item 13: nesting deeper than the reader allows

    @Test
    void tooDeepNestingSaysSoAndNamesTheLimit() throws Exception {
        // 200 sequences nested in one another: five elements per level pass 1000.
        String inner = "<clipitem id=\"c0\"><start>0</start><end>10</end><in>0</in><out>10</out><file id=\"f\"/></clipitem>";
        for (int i = 0; i < 200; i++) {
            inner = "<clipitem id=\"n" + i + "\"><start>0</start><end>10</end><in>0</in><out>10</out><sequence id=\"s" + i
                    + "\"><rate><timebase>25</timebase></rate><media><video><track>" + inner + "</track></video></media></sequence></clipitem>";
        }
        Path file = write("deep.xml", "<?xml version=\"1.0\"?>\n<xmeml version=\"4\"><sequence><name>Top</name><rate><timebase>25</timebase>"
                + "</rate><media><video><track>\n" + inner + "\n</track></video></media></sequence></xmeml>\n");
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(dir);

        CliRunner.Result r = convert(file, out);

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertOneLineError(r, file + ":3:", "nested more than 1000 elements deep", "limit");
        assertFalse(r.err().contains("damaged"), r.err());
        assertFalse(r.err().contains("malformed"), r.err());
        assertEquals(Map.of(), FileHashes.changed(before));
    }
}
