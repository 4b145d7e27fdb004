package dev.autoeditor.prefs;

import static dev.autoeditor.prefs.Edits.full;
import static dev.autoeditor.prefs.Edits.framed;
import static dev.autoeditor.prefs.Edits.off;
import static dev.autoeditor.prefs.Edits.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairStripTest {
    /** The line of {@code lines} after the {@code nth} (0-based) line starting with {@code prefix}. */
    private static String line(List<String> lines, String prefix, int nth) {
        return lines.get(index(lines, prefix, nth));
    }

    /** The index of the {@code nth} (0-based) line starting with {@code prefix}. */
    private static int index(List<String> lines, String prefix, int nth) {
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix) && seen++ == nth) return i;
        }
        throw new AssertionError("no line " + nth + " starting '" + prefix + "' in\n" + String.join("\n", lines));
    }

    @Test
    void oneRowPerCellShowsSourcesCutsAndTheBoundary() {
        Proposal p = Proposals.of(1, Edits.v1(0, 6, 1, 4), Edits.v1(1, 3, 2, 2), Edits.v1(0, 5), "cam.mov", "broll.mov", "title");
        List<String> lines = PairStrip.render(p, 100);
        String text = String.join("\n", lines);
        assertEquals("  V1     aaaaaabbbb:bbbcc", line(lines, "  V1", 0), text);
        assertEquals("  V1     aaaaaabbbb:aaaaa", line(lines, "  V1", 1), text);
        // Cuts: a->b in the context (row 6), b->c in A (row 3 of A); B cuts back to a at its first row.
        assertEquals("  cuts         |   :   |", line(lines, "  cuts", 0), text);
        assertEquals("  cuts         |   :|", line(lines, "  cuts", 1), text);
        assertEquals("         context   :side A", line(lines, "         context", 0), text);
        assertTrue(lines.get(0).startsWith("one cell = 0.2 s (1 row at 5 fps); the context shows its last 2 s; each side runs 1 s"), lines.get(0));
        assertTrue(text.contains("sources: a cam.mov   b broll.mov   c title   . nothing on the track"), text);
        assertTrue(text.contains("cuts:    | a cut in the cell   ! two or more"), text);
        assertTrue(text.contains("motion:  + zooming in   - zooming out"), text);
    }

    @Test
    void widerCellsTakeTheMostShownSourceAndMarkShotsShorterThanACell() {
        // 40 side rows in 60 columns: 2 rows a cell. A has a one-row flash of b at row 4.
        Edit ctx = Edits.v1(0, 40);
        Edit a = Edits.v1(0, 4, 1, 1, 0, 35);
        Edit b = Edits.v1(0, 20, 2, 20);
        List<String> lines = PairStrip.render(Proposals.of(1, ctx, a, b, "a", "b", "c"), 60);
        assertEquals(2, PairStrip.grid(Proposals.of(1, ctx, a, b), 60).rowsPerCell());
        String aCells = line(lines, "  V1", 0);
        String aSide = aCells.substring(aCells.indexOf(':') + 1);
        assertEquals(20, aSide.length());
        assertEquals("aab" + "a".repeat(17), aSide, "the flash holds half its cell: a tie, which the earlier source (the flash) wins");
        String aCuts = line(lines, "  cuts", 0);
        int colon = aCells.indexOf(':');
        assertEquals('!', aCuts.charAt(colon + 1 + 2), "two cuts (into and out of the flash) in the third cell of A:\n" + aCuts);
        String bCells = line(lines, "  V1", 1);
        assertEquals("a".repeat(10) + "c".repeat(10), bCells.substring(colon + 1));
        assertTrue(lines.get(0).startsWith("one cell = 0.4 s (2 rows at 5 fps)"), lines.get(0));
    }

    @Test
    void motionHintsNameScalePositionAndCrop() {
        List<double[]> zoom = new ArrayList<>();
        List<double[]> pan = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            zoom.add(row(framed(0, 100 + 5 * r, 0, 0)));
            pan.add(row(framed(0, 100, 0.02 * r, 0), framed(1, 50, 0, -0.01 * r)));
        }
        List<double[]> crop = new ArrayList<>();
        for (int r = 0; r < 5; r++) crop.add(row(new double[] {1, 0, 100, 0, 0, 2 * r, 0, 0, 0}));
        Edit ctx = Edits.repeat(row(full(0)), 5);
        Proposal p = Proposals.of(1, ctx, Edit.of(Edits.FPS5, zoom, SourceSizes.UNKNOWN), Edit.of(Edits.FPS5, pan, SourceSizes.UNKNOWN), "cam", "pip");
        List<String> lines = PairStrip.render(p, 100);
        String text = String.join("\n", lines);
        // Side A zooms in from its second row (its first holds the context's 100): + in those cells of V1.
        int v1a = index(lines, "  V1", 0);
        assertEquals("         " + " ".repeat(5) + ": ++++", lines.get(v1a + 1), text);
        // Side B: V1 moves right from its second row, V2 (new at the cut) moves up from its second row.
        int v2b = index(lines, "  V2", 1);
        assertEquals("  V2     .....:bbbbb", lines.get(v2b), text);
        assertEquals("         " + " ".repeat(5) + ": ^^^^", lines.get(v2b + 1), text);
        int v1b = index(lines, "  V1", 1);
        assertEquals("         " + " ".repeat(5) + ": >>>>", lines.get(v1b + 1), text);
        // V2 is empty in side A but shown there too (it shows in B), with a blank motion line.
        assertEquals("  V2     .....:.....", line(lines, "  V2", 0), text);

        Proposal cropping = Proposals.of(2, ctx, Edit.of(Edits.FPS5, crop, SourceSizes.UNKNOWN), Edits.repeat(row(full(0)), 5), "cam");
        List<String> c = PairStrip.render(cropping, 100);
        int v1 = index(c, "  V1", 0);
        assertEquals("         " + " ".repeat(5) + ": ####", c.get(v1 + 1), String.join("\n", c));
        assertFalse(line(c, "  V1", 1).isBlank());
    }

    @Test
    void tracksEmptyInEveryShownCellAreLeftOutAndTheRestKeepTheirNumbers() {
        // V2 is active only in the context's first rows, which 1 row per cell still shows; V3 only
        // where it is not shown: 100 context rows, of which the last 51 fit.
        List<double[]> ctx = new ArrayList<>();
        for (int r = 0; r < 100; r++) ctx.add(r < 10 ? row(full(0), off(), full(2)) : row(full(0), r >= 95 ? full(1) : off()));
        Edit context = Edit.of(Edits.FPS5, ctx, SourceSizes.UNKNOWN);
        Proposal p = Proposals.of(1, context, Edits.v1(0, 50), Edits.v1(1, 50), "a", "b", "c");
        List<String> lines = PairStrip.render(p, 110);
        String text = String.join("\n", lines);
        assertTrue(text.contains("  V2     "), text);
        assertFalse(text.contains("  V3"), text);
        assertTrue(lines.get(0).contains("the context shows its last 10 s"), lines.get(0));
    }

    @Test
    void rulerCountsSecondsFromTheCut() {
        Proposal p = Proposals.of(1, Edits.v1(0, 100), Edits.v1(0, 50), Edits.v1(0, 50), "a");
        List<String> lines = PairStrip.render(p, 110);
        String ruler = line(lines, "  sec", 0);
        int colon = line(lines, "  V1", 0).indexOf(':');
        assertEquals(':', ruler.charAt(colon), ruler);
        assertEquals("0", ruler.substring(colon + 1, colon + 2), ruler);
        assertEquals("+5", ruler.substring(colon + 1 + 25, colon + 1 + 27), ruler);
        assertEquals("-5", ruler.substring(colon - 25, colon - 23), ruler);
    }

    @Test
    void lettersFollowFirstAppearanceOnTheScreenNotAssetNumbers() {
        // A real export numbers hundreds of sources; the screen letters the few it shows.
        Proposal p = Proposals.of(1, Edits.v1(300, 5, 40, 5), Edits.v1(40, 2, 7, 3), Edits.v1(300, 5));
        List<String> lines = PairStrip.render(p, 100);
        String text = String.join("\n", lines);
        assertEquals("  V1     aaaaabbbbb:bbccc", line(lines, "  V1", 0), text);
        assertEquals("  V1     aaaaabbbbb:aaaaa", line(lines, "  V1", 1), text);
        assertTrue(text.contains("sources: a asset 300   b asset 40   c asset 7   . nothing on the track"), text);

        // 40 sources in turn, a row each: the 37th and later are *, counted in the legend.
        Edit many = Edits.v1(java.util.stream.IntStream.range(0, 40).flatMap(i -> java.util.stream.IntStream.of(i, 1)).toArray());
        List<String> more = PairStrip.render(Proposals.of(1, many, Edits.v1(0, 1), Edits.v1(39, 1)), 100);
        assertEquals("  V1     abcdefghijklmnopqrstuvwxyz0123456789****:a", line(more, "  V1", 0));
        assertTrue(String.join("\n", more).contains("* 4 more sources"), String.join("\n", more));
    }

    @Test
    void lettersRunThroughTheAlphabetThenDigits() {
        assertEquals('.', PairStrip.letter(-1));
        assertEquals('a', PairStrip.letter(0));
        assertEquals('z', PairStrip.letter(25));
        assertEquals('0', PairStrip.letter(26));
        assertEquals('9', PairStrip.letter(35));
        assertEquals('*', PairStrip.letter(36));
    }
}
