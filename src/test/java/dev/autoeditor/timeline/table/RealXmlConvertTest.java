package dev.autoeditor.timeline.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.testing.RealExports;
import dev.autoeditor.timeline.KeyframeColumns;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real export in ../shared/data/real-xml (or -Dautoeditor.realxml=DIR) converts or fails with a
 * clear message, and values checked by hand against the XML come out of the table. Skipped when the
 * folder is absent.
 */
class RealXmlConvertTest {
    @TempDir
    static Path dir;

    private static ConvertResult result;
    /** The rows the hand checks below look at, keyed "project|frame". */
    private static final Map<String, CSVRecord> rows = new HashMap<>();

    private static final List<String> CHECKED = List.of(
            "msub20000112-knut|1985", "msub20000112-knut|1990", "msub20000112-knut|2100",
            "NGxx13 ELSKER Opfehliany|1780", "Kraakeklubben%20Pgm%205%20v3|16910", "Adobe Premiere CC Prg6|25145");

    @BeforeAll
    static void convertAll() throws Exception {
        Path folder = RealExports.require();
        ConvertOptions options = new ConvertOptions(SamplingRate.parse("5", "test"), 2, false, Map.of());
        result = Converter.convertXmeml(List.of(folder), dir.resolve("real.csv"), options);
        try (Reader r = Files.newBufferedReader(dir.resolve("real.csv"))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                String key = rec.get("project") + "|" + rec.get("frame");
                if (CHECKED.contains(key)) rows.put(key, rec);
            }
        }
    }

    @Test
    void everyFileConvertsOrFailsWithAClearMessage() {
        assertTrue(result.converted().size() >= 40, "converted " + result.converted().size());
        for (ConvertResult.FileFailure f : result.failures()) {
            String name = f.path().getFileName().toString();
            // FILE:LINE: reason; fix
            assertTrue(f.message().matches("(?s).*" + java.util.regex.Pattern.quote(name) + ":\\d+: .+; .+"), f.message());
            // The real exports that fail are the empty or audio-only ones, never a crash or a parse error.
            assertTrue(f.message().contains("no clip on any video track") || f.message().contains("no <sequence>"), f.message());
        }
        for (ConvertResult.FileReport r : result.converted()) assertTrue(r.rows() > 0, r.path().toString());
    }

    private static String v(String key, int track, String field) {
        CSVRecord r = rows.get(key);
        if (r == null) throw new AssertionError("no row " + key);
        return r.get(KeyframeColumns.column(track, field));
    }

    @Test
    void assetChangesAtTheDissolvesCentre() {
        // msub20000112-knut.xml, V1 (25 fps): clip "msub200012-2511-001 17" has start and end -1,
        // in 2710, out 2915, after the transition at 1810 -> it spans [1810, 2015). Next:
        // <transitionitem> start 1965, end 2015, alignment center -> cut at 1990; then
        // "FOLA008871-AR-199205497 " start -1, end 2211, in 38221, out 38467 -> [1965, 2211), Basic
        // Motion scale 200. Sources by first use: msub...-001 (file "msub200012-2511-001 2") from frame
        // 160 = asset 0, FOLA (resolved start 1965) = asset 1, the V2 Text generator (1997) = asset 2.
        assertEquals("0", v("msub20000112-knut|1985", 1, "asset"));
        assertEquals("100", v("msub20000112-knut|1985", 1, "scale"));
        assertEquals("1", v("msub20000112-knut|1990", 1, "asset"));
        assertEquals("200", v("msub20000112-knut|1990", 1, "scale"));
    }

    @Test
    void generatorScaleAndCentre() {
        // msub20000112-knut.xml, V2: generatoritem "Text", start and end -1 after the transition at
        // 1997 (in 1370, out 1732 -> [1997, 2359)); Basic Motion scale 100, center horiz -0.207303,
        // vert -0.384937.
        assertEquals("1", v("msub20000112-knut|2100", 2, "active"));
        assertEquals("2", v("msub20000112-knut|2100", 2, "asset"));
        assertEquals("100", v("msub20000112-knut|2100", 2, "scale"));
        assertEquals("-0.207303", v("msub20000112-knut|2100", 2, "pos_x"));
        assertEquals("-0.384937", v("msub20000112-knut|2100", 2, "pos_y"));
    }

    @Test
    void keyframedScaleOnAStill() {
        // NGxx13 ELSKER Opfehliany.xml, V1 (25 fps): "tumblr_m24k25w0RX1qfcyz0o1_1280.jpg" start 1731,
        // end 1825, in 1197; scale keyframes 154 @1197 -> 162 @1298; centre keyframes both
        // (-0.00543478, 0.0486486). Frame 1780 shows source 1197 + 49 = 1246:
        // 154 + 8 * 49 / 101 = 157.881188.
        assertEquals("157.881188", v("NGxx13 ELSKER Opfehliany|1780", 1, "scale"));
        assertEquals("-0.005435", v("NGxx13 ELSKER Opfehliany|1780", 1, "pos_x"));
        assertEquals("0.048649", v("NGxx13 ELSKER Opfehliany|1780", 1, "pos_y"));
    }

    @Test
    void keyframedValuesHalfwayBetweenKeyframes() {
        // Kraakeklubben%20Pgm%205%20v3.xml (FCP7), V1: "MVI_0793 " start 16867, in 88; scale keyframes
        // 100 @88 -> 110 @174 (FCPCurve, no handles). Frame 16910 = source 88 + 43 = 131, the midpoint: 105.
        assertEquals("105", v("Kraakeklubben%20Pgm%205%20v3|16910", 1, "scale"));
        // Adobe Premiere CC Prg6.xml, V8: clipitem-395 "faksimiler poppe.mov" start 25100, in 90; scale
        // 100 @90 -> 108 @180, centre vert 0.0185185 @90 -> 0.0305555 @180; Crop left 5, right 6, top 31,
        // bottom 57. Frame 25145 = source 135, the midpoint: scale 104, vert 0.024537.
        String k = "Adobe Premiere CC Prg6|25145";
        assertEquals("104", v(k, 8, "scale"));
        assertEquals("0", v(k, 8, "pos_x"));
        assertEquals("0.024537", v(k, 8, "pos_y"));
        assertEquals(List.of("5", "6", "31", "57"),
                List.of(v(k, 8, "crop_left"), v(k, 8, "crop_right"), v(k, 8, "crop_top"), v(k, 8, "crop_bottom")));
    }
}
