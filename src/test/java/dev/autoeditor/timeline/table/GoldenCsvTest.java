package dev.autoeditor.timeline.table;

import static dev.autoeditor.timeline.table.Fixtures.at;
import static dev.autoeditor.timeline.table.Fixtures.track;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Each rule on a small xmeml fixture, converted by the real CLI and compared byte for byte with a
 * golden CSV (src/test/resources/xmeml/table/NAME.csv), whose key cells are checked by hand below.
 */
class GoldenCsvTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1} fps")
    @CsvSource({"ntsc-motion,5", "transitions,native", "bezier,5", "nested,5", "disabled,5", "many-tracks,native"})
    void matchesGolden(String name, String fps) throws Exception {
        Path input = Fixtures.copy(dir, name + ".xml").get(0);
        Path out = dir.resolve(name + ".csv");
        CliRunner.Result r = CliRunner.run("convert", "-q", "--input", input.toString(), "--output", out.toString(), "--fps", fps);
        assertEquals(0, r.code(), r.toString());
        assertEquals(Files.readString(Fixtures.fixture(name + ".csv")), Files.readString(out), name);
    }

    private static List<CSVRecord> golden(String name) throws Exception {
        return Fixtures.records(Fixtures.fixture(name + ".csv"));
    }

    @Test
    void ntscGoldenValues() throws Exception {
        List<CSVRecord> rows = golden("ntsc-motion");
        // 24 NTSC = 24000/1001 fps at 5 samples/s: frames floor(i * 4800 / 1001) = 0, 4, 9, ... 71 (16 rows,
        // the longest clip ends at 72; <duration> says 0).
        assertEquals(16, rows.size());
        assertEquals("4", rows.get(1).get("frame"));
        assertEquals("0.166833", rows.get(1).get("time_s"));   // 4 * 1001 / 24000
        assertEquals("71", rows.get(15).get("frame"));
        // Interview: Basic Motion scale 50, center (0.25, -0.1), Crop left 10.
        assertEquals(List.of("1", "0", "50", "0.25", "-0.1", "10", "0", "0", "0"), List.copyOf(track(at(rows, "NTSC motion", 9), 1).values()));
        // V2's clip refers to f2 by an empty <file id="f2"/>; first used at 12 on V2, it is asset 1, and
        // the same source on V1 at 48 is asset 1 too. V2 is inactive outside [12, 36): zeros and -1.
        assertEquals("1", track(at(rows, "NTSC motion", 14), 2).get("asset"));
        assertEquals("1", track(at(rows, "NTSC motion", 52), 1).get("asset"));
        assertEquals(List.of("0", "-1", "0", "0", "0", "0", "0", "0", "0"), List.copyOf(track(at(rows, "NTSC motion", 38), 2).values()));
    }

    @Test
    void transitionGoldenValues() throws Exception {
        List<CSVRecord> rows = golden("transitions");
        assertEquals(50, rows.size());
        // V1: A [0, 30) with end -1, dissolve [20, 30) centred: cut at 25. Assets by start then track:
        // A(0,V1)=0, C(0,V2)=1, D(0,V3)=2, E(10,V3)=3, B(20,V1)=4.
        assertEquals("0", track(at(rows, "Transitions", 24), 1).get("asset"));
        assertEquals("4", track(at(rows, "Transitions", 25), 1).get("asset"));
        // V3: dissolve [10, 16) with cutPointTicks 20321280000 = 0.08 s = 2 frames at 25 fps: cut at 12.
        assertEquals("2", track(at(rows, "Transitions", 11), 3).get("asset"));
        assertEquals("3", track(at(rows, "Transitions", 12), 3).get("asset"));
        assertEquals("0", track(at(rows, "Transitions", 40), 3).get("active"));
        // V2: C fades from black [0, 6) and to black [14, 20): active on all of [0, 20).
        assertEquals("1", track(at(rows, "Transitions", 0), 2).get("active"));
        assertEquals("1", track(at(rows, "Transitions", 19), 2).get("active"));
        assertEquals("0", track(at(rows, "Transitions", 20), 2).get("active"));
    }

    @Test
    void keyframeGoldenValues() throws Exception {
        List<CSVRecord> rows = golden("bezier");
        // Clip in = 100 at timeline 0. Scale keys (FCPCurve, no handles: linear) 100 @100 -> 200 @140:
        // frame 20 = source 120, halfway: 150.
        assertEquals("150", track(at(rows, "Keyframes", 20), 1).get("scale"));
        // Centre keys (0, 0) @100 -> (0.5, -0.5) @150: frame 25 = source 125: (0.25, -0.25).
        assertEquals("0.25", track(at(rows, "Keyframes", 25), 1).get("pos_x"));
        assertEquals("-0.25", track(at(rows, "Keyframes", 25), 1).get("pos_y"));
        // Crop top 0 @100 (outbez 10 frames flat) -> 30 @130 (inbez 10 frames flat): Bezier x = 100 + 30u,
        // y = 30 u^2 (3 - 2u). Frame 10 = source 110, u = 1/3: 30 * (1/9) * (7/3) = 7.777778 (linear: 10).
        assertEquals("7.777778", track(at(rows, "Keyframes", 10), 1).get("crop_top"));
        assertEquals("15", track(at(rows, "Keyframes", 15), 1).get("crop_top"));
        assertEquals("200", track(at(rows, "Keyframes", 45), 1).get("scale")); // held after the last key
    }

    @Test
    void nestedAndDisabledGoldenValues() throws Exception {
        List<CSVRecord> nested = golden("nested");
        // Two top-level sequences (the nested one inside the clip is not converted on its own).
        assertEquals(List.of("Main", "Titles"), nested.stream().map(r -> r.get("sequence")).distinct().toList());
        // Main: nested sequence (0, V1) = 0, Color generator (10, V2) = 1, multicam (25, V1) = 2.
        assertEquals("0", track(at(nested, "Main", 20), 1).get("asset"));
        assertEquals("2", track(at(nested, "Main", 25), 1).get("asset"));
        assertEquals("1", track(at(nested, "Main", 10), 2).get("asset"));
        assertEquals("25", track(at(nested, "Main", 10), 2).get("scale"));

        List<CSVRecord> disabled = golden("disabled");
        // V1: X is disabled (inactive on [0, 25)); Y's Basic Motion filter is disabled (scale 100).
        assertEquals("0", track(at(disabled, "Disabled", 20), 1).get("active"));
        assertEquals("100", track(at(disabled, "Disabled", 25), 1).get("scale"));
        // V2 is a disabled track; V3's W uses fy through an empty file reference from frame 0: asset 0,
        // which Y (also fy) shares.
        assertEquals("0", track(at(disabled, "Disabled", 30), 2).get("active"));
        assertEquals("0", track(at(disabled, "Disabled", 30), 1).get("asset"));
        assertEquals("0", track(at(disabled, "Disabled", 30), 3).get("asset"));
    }

    @Test
    void manyTracksGoldenValues() throws Exception {
        List<CSVRecord> rows = golden("many-tracks");
        assertEquals(4 + 180, rows.get(0).size());
        // Clip k starts at frame k - 1: V20's clip starts at 19 and is the 20th source (asset 19).
        assertEquals("1", track(at(rows, "Many tracks", 19), 20).get("active"));
        assertEquals("19", track(at(rows, "Many tracks", 19), 20).get("asset"));
    }
}
