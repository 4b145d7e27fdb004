package dev.autoeditor.prefs;

import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * A proposal as text a person can compare at a glance ({@code prefs collect}): for each side a block
 * of the context's last seconds followed, after a {@code :} column, by that side's continuation, on
 * a grid of time cells. Per video track showing something (top track first) a line of source
 * letters (the source shown for most of the cell, lettered in order of first appearance on the
 * screen; {@code .} nothing) and, for tracks that move, a line of motion hints; above them a line of
 * cut marks and a ruler of seconds from the cut. Plain ASCII, so it reads the same on any terminal
 * and in a captured screen.
 */
public final class PairStrip {
    /** Width of the label column ("  V12    "). */
    static final int LABEL = 9;
    /** The continuation gets at most this share of the cells; the context shows in the rest. */
    private static final double CONTINUATION_SHARE = 2.0 / 3;
    private static final double SCALE_EPS = 0.01;
    private static final double POS_EPS = 1e-4;
    private static final double CROP_EPS = 0.01;

    private PairStrip() {}

    /** Letters for the sources of one screen, in order of first appearance: a-z, then 0-9. */
    static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * The letter of the {@code index}-th source to appear on a screen (0-based): a-z, then 0-9, then
     * {@code *} for the 37th and later; {@code .} for nothing on the track. Letters are per screen,
     * not asset numbers: a real export numbers hundreds of sources, of which a screen shows a few.
     */
    public static char letter(int index) {
        if (index < 0) return '.';
        return index < LETTERS.length() ? LETTERS.charAt(index) : '*';
    }

    /** Asset numbers to letters, in order of first appearance (block A left to right, tracks from V1 up; then B). */
    private static final class Lettering {
        private final LinkedHashMap<Integer, Character> letters = new LinkedHashMap<>();

        void see(int asset) {
            if (asset >= 0 && !letters.containsKey(asset)) letters.put(asset, letter(letters.size()));
        }

        char of(int asset) {
            return asset < 0 ? '.' : letters.get(asset);
        }
    }

    /** How rows map to cells: {@code rowsPerCell} rows a cell; the context's last {@code contextCells} cells and the sides' cells. */
    record Grid(int rowsPerCell, int contextCells, int sideCells) {
        int contextRowsShown(int contextRows) {
            return Math.min(contextRows, contextCells * rowsPerCell);
        }
    }

    /** The grid for {@code width} columns: the fewest rows per cell that leave the context a third of the cells or more. */
    static Grid grid(Proposal p, int width) {
        int available = Math.max(12, width - LABEL - 1);
        int sideRows = Math.max(p.a().frames().rows(), p.b().frames().rows());
        int perCell = 1;
        while (ceil(sideRows, perCell) > available * CONTINUATION_SHARE) perCell++;
        int sideCells = ceil(sideRows, perCell);
        int contextCells = Math.min(ceil(p.context().frames().rows(), perCell), available - sideCells);
        return new Grid(perCell, contextCells, sideCells);
    }

    /** The whole comparison: a line saying what a cell is, side A's block, side B's block, the legend. */
    public static List<String> render(Proposal p, int width) {
        Grid g = grid(p, width);
        Edit context = p.context().frames();
        int tracks = Math.max(1, Math.max(context.tracks(), Math.max(p.a().frames().tracks(), p.b().frames().tracks())));
        Lettering lettering = new Lettering();
        Block a = new Block(context, p.a().frames(), g, tracks, lettering);
        Block b = new Block(context, p.b().frames(), g, tracks, lettering);
        // Tracks empty in every shown cell of both sides are left out (their V numbers stay).
        boolean[] shown = new boolean[tracks];
        boolean[] moves = new boolean[tracks];
        for (int k = 0; k < tracks; k++) {
            shown[k] = k == 0 || a.shows(k) || b.shows(k);
            moves[k] = a.moves(k) || b.moves(k);
        }

        List<String> out = new ArrayList<>();
        double fps = context.fpsValue();
        out.add(String.format(Locale.ROOT, "one cell = %s s (%d row%s at %s fps); the context shows its last %s s; each side runs %s s",
                seconds(g.rowsPerCell() / fps), g.rowsPerCell(), g.rowsPerCell() == 1 ? "" : "s", context.fps(),
                seconds(g.contextRowsShown(context.rows()) / fps), seconds(Math.max(p.a().frames().rows(), p.b().frames().rows()) / fps)));
        out.add("");
        a.render("A", shown, moves, out);
        out.add("");
        b.render("B", shown, moves, out);
        out.add("");
        legend(p, lettering, width, out);
        return out;
    }

    /** Seconds with at most one decimal ("0.2", "10", "12.5"). */
    static String seconds(double s) {
        double r = Math.round(s * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }

    private static void legend(Proposal p, Lettering lettering, int width, List<String> out) {
        List<String> items = new ArrayList<>();
        int more = 0;
        for (var e : lettering.letters.entrySet()) {
            if (e.getValue() == '*') more++;
            else items.add(e.getValue() + " " + p.sourceName(e.getKey()));
        }
        if (more > 0) items.add("* " + more + " more source" + (more == 1 ? "" : "s"));
        items.add(". nothing on the track");
        StringBuilder line = new StringBuilder("sources: ");
        int indent = line.length();
        boolean first = true;
        for (String item : items) {
            if (!first && line.length() + 3 + item.length() > width) {
                out.add(line.toString());
                line = new StringBuilder(" ".repeat(indent));
                first = true;
            }
            if (!first) line.append("   ");
            line.append(item);
            first = false;
        }
        out.add(line.toString());
        out.add("cuts:    | a cut in the cell   ! two or more (a shot shorter than a cell)   : the side begins");
        out.add("motion:  + zooming in   - zooming out   < > ^ v moving left, right, up, down   # crop changing");
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    /** One side's picture: the context's last cells, then the side's; cell contents computed once. */
    private static final class Block {
        private final Edit context;
        private final Edit side;
        private final Grid grid;
        private final int tracks;
        /** Cell boundaries as indexes into context + side rows: cell i covers [starts[i], starts[i + 1]). */
        private final int[] starts;
        private final int contextCells;
        private final Lettering lettering;

        Block(Edit context, Edit side, Grid grid, int tracks, Lettering lettering) {
            this.lettering = lettering;
            this.context = context;
            this.side = side;
            this.grid = grid;
            this.tracks = tracks;
            int per = grid.rowsPerCell();
            int ctxRows = context.rows();
            List<Integer> s = new ArrayList<>();
            // Context cells end exactly at the cut and count back from it (the first may be short).
            for (int i = grid.contextCells(); i >= 1; i--) s.add(Math.max(0, ctxRows - i * per));
            this.contextCells = s.size();
            for (int i = 0; i < grid.sideCells(); i++) s.add(ctxRows + i * per);
            s.add(ctxRows + side.rows());
            this.starts = s.stream().mapToInt(Integer::intValue).toArray();
            for (int c = 0; c < cells(); c++) for (int k = 0; k < tracks; k++) lettering.see(asset(c, k));
        }

        int cells() {
            return starts.length - 1;
        }

        int rows() {
            return context.rows() + side.rows();
        }

        int assetAt(int row, int track) {
            return row < context.rows() ? context.asset(row, track) : side.asset(row - context.rows(), track);
        }

        double valueAt(int row, int track, int field) {
            return row < context.rows() ? context.value(row, track, field) : side.value(row - context.rows(), track, field);
        }

        /** The asset on {@code track} for most of cell {@code c} (the earliest on a tie); -1 when nothing is. */
        int asset(int c, int track) {
            int best = -1;
            int bestCount = 0;
            for (int r = starts[c]; r < starts[c + 1]; r++) {
                int asset = assetAt(r, track);
                int count = 0;
                for (int q = starts[c]; q < starts[c + 1]; q++) if (assetAt(q, track) == asset) count++;
                if (count > bestCount) {
                    best = asset;
                    bestCount = count;
                }
            }
            return best;
        }

        /** Cuts inside cell {@code c}: rows whose assets differ from the row before (the block's first row has none before it). */
        int cuts(int c) {
            int n = 0;
            for (int r = Math.max(1, starts[c]); r < starts[c + 1]; r++) {
                for (int k = 0; k < tracks; k++) {
                    if (assetAt(r, k) != assetAt(r - 1, k)) {
                        n++;
                        break;
                    }
                }
            }
            return n;
        }

        /** The motion hint of {@code track} in cell {@code c}; blank when still, cut or empty. */
        char motion(int c, int track) {
            int last = starts[c + 1] - 1;
            int asset = assetAt(last, track);
            if (asset < 0) return ' ';
            for (int r = starts[c]; r <= last; r++) if (assetAt(r, track) != asset) return ' ';
            int from = starts[c] > 0 && assetAt(starts[c] - 1, track) == asset ? starts[c] - 1 : starts[c];
            if (from == last) return ' ';
            double scale = valueAt(last, track, KeyframeTable.SCALE) - valueAt(from, track, KeyframeTable.SCALE);
            if (Math.abs(scale) > SCALE_EPS) return scale > 0 ? '+' : '-';
            double dx = valueAt(last, track, KeyframeTable.POS_X) - valueAt(from, track, KeyframeTable.POS_X);
            double dy = valueAt(last, track, KeyframeTable.POS_Y) - valueAt(from, track, KeyframeTable.POS_Y);
            if (Math.max(Math.abs(dx), Math.abs(dy)) > POS_EPS) {
                if (Math.abs(dx) >= Math.abs(dy)) return dx > 0 ? '>' : '<';
                return dy > 0 ? 'v' : '^'; // +y is down in the table
            }
            double crop = 0;
            for (int f = KeyframeTable.CROP_LEFT; f <= KeyframeTable.CROP_BOTTOM; f++) {
                crop += Math.abs(valueAt(last, track, f) - valueAt(from, track, f));
            }
            return crop > CROP_EPS ? '#' : ' ';
        }

        boolean moves(int track) {
            for (int c = 0; c < cells(); c++) if (motion(c, track) != ' ') return true;
            return false;
        }

        /** True when {@code track} shows something in a cell of this block. */
        boolean shows(int track) {
            for (int c = 0; c < cells(); c++) if (asset(c, track) >= 0) return true;
            return false;
        }

        void render(String name, boolean[] shown, boolean[] moves, List<String> out) {
            double fps = context.fpsValue();
            String ctxTitle = contextCells > "context".length() ? "context" : "";
            out.add(label("") + pad(ctxTitle, contextCells) + ":side " + name);
            out.add(label("sec") + ruler(fps));
            StringBuilder cuts = new StringBuilder(label("cuts"));
            for (int c = 0; c < cells(); c++) {
                if (c == contextCells) cuts.append(':');
                int n = cuts(c);
                cuts.append(n == 0 ? ' ' : n == 1 ? '|' : '!');
            }
            out.add(stripEnd(cuts));
            for (int k = tracks - 1; k >= 0; k--) {
                if (!shown[k]) continue;
                StringBuilder line = new StringBuilder(label("V" + (k + 1)));
                for (int c = 0; c < cells(); c++) {
                    if (c == contextCells) line.append(':');
                    line.append(lettering.of(asset(c, k)));
                }
                out.add(line.toString());
                if (!moves[k]) continue;
                StringBuilder motion = new StringBuilder(label(""));
                for (int c = 0; c < cells(); c++) {
                    if (c == contextCells) motion.append(':');
                    motion.append(motion(c, k));
                }
                out.add(stripEnd(motion));
            }
        }

        /** Seconds from the cut at every 5 s (10 s when cells are wide) where a label fits. */
        private String ruler(double fps) {
            int total = cells() + 1;
            char[] line = new char[total + 8];
            java.util.Arrays.fill(line, ' ');
            line[contextCells] = ':';
            double cellSeconds = grid.rowsPerCell() / fps;
            int step = 5 / cellSeconds >= 8 ? 5 : 10;
            int free = 0;
            for (int c = 0; c < cells(); c++) {
                double start = (starts[c] - context.rows()) / fps;
                double end = (starts[c + 1] - context.rows()) / fps;
                long mark = (long) Math.ceil(start / step - 1e-9) * step;
                if (mark >= end - 1e-9 || c < free) continue;
                String text = mark > 0 ? "+" + mark : Long.toString(mark);
                int at = c >= contextCells ? c + 1 : c;
                if (at + text.length() > line.length) continue;
                for (int i = 0; i < text.length(); i++) line[at + i] = text.charAt(i);
                free = c + text.length() + 1;
            }
            return new String(line).stripTrailing();
        }

        private static String label(String text) {
            return "  " + pad(text, LABEL - 2);
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String stripEnd(StringBuilder s) {
        return s.toString().stripTrailing();
    }
}
