package dev.autoeditor.prefs;

import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Frames of an edit at a rate, in the keyframe table's units: per row and video track (V1 = 0) the
 * nine fields {@code active, asset, scale, pos_x, pos_y, crop_left, crop_right, crop_top,
 * crop_bottom} at the indices {@link KeyframeTable#ACTIVE} ... {@link KeyframeTable#CROP_BOTTOM}
 * (docs/convert.md), plus the size of each asset's source ({@link SourceSizes}) for framing.
 *
 * <p>Immutable and canonical, so that what is judged is exactly what a pair file stores: every
 * number is rounded to the table's precision (millionths, as {@code convert} writes them), and an
 * inactive track is all zeros with asset -1 whatever was given. Only tracks up to the highest one
 * active anywhere are kept in memory (a real edit uses 1-5 of the 20).
 */
public final class Edit {
    public static final int TRACKS = KeyframeTable.TRACKS;
    public static final int FIELDS = KeyframeTable.FIELDS;

    private final SamplingRate fps;
    private final int rows;
    private final int tracks;
    /** [row][track][field] flattened, {@link #tracks} tracks wide. */
    private final double[] values;
    private final SourceSizes sizes;

    private Edit(SamplingRate fps, int rows, int tracks, double[] values, SourceSizes sizes) {
        this.fps = fps;
        this.rows = rows;
        this.tracks = tracks;
        this.values = values;
        this.sizes = sizes;
    }

    /**
     * An edit from rows in the table's layout: each row holds 9 numbers per track for tracks V1 up to
     * any track (at most 180 numbers; missing tracks are inactive), as {@code KeyframeTable.fill} and
     * the generator produce them. Throws IllegalArgumentException naming the row and column of a value
     * the table cannot hold (active not 0 or 1, asset not a whole number >= 0 where active, a number
     * that is not finite).
     */
    public static Edit of(SamplingRate fps, List<double[]> rows, SourceSizes sizes) {
        if (fps == null || fps.isNative()) {
            throw new IllegalArgumentException("an edit needs a concrete rate in frames per second, not " + fps);
        }
        int width = 0;
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            if (row.length % FIELDS != 0 || row.length > TRACKS * FIELDS) {
                throw new IllegalArgumentException("row " + i + " holds " + row.length + " numbers; a row holds 9 per track for up to "
                        + TRACKS + " tracks");
            }
            for (int k = 0; k < row.length / FIELDS; k++) {
                if (checkedActive(row, i, k)) width = Math.max(width, k + 1);
            }
        }
        double[] values = new double[rows.size() * width * FIELDS];
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            for (int k = 0; k < width; k++) {
                int to = (i * width + k) * FIELDS;
                if (k >= row.length / FIELDS || row[k * FIELDS + KeyframeTable.ACTIVE] == 0) {
                    values[to + KeyframeTable.ASSET] = -1;
                    continue;
                }
                for (int f = 0; f < FIELDS; f++) values[to + f] = canonical(row[k * FIELDS + f]);
            }
        }
        return new Edit(fps, rows.size(), width, values, sizes == null ? SourceSizes.UNKNOWN : sizes);
    }

    /** Checks track {@code k} of row {@code i}; true when it is active. */
    private static boolean checkedActive(double[] row, int i, int k) {
        int base = k * FIELDS;
        String where = "row " + i + " track V" + (k + 1);
        double active = row[base + KeyframeTable.ACTIVE];
        if (active != 0 && active != 1) throw new IllegalArgumentException(where + ": active is " + active + ", expected 0 or 1");
        if (active == 0) return false;
        double asset = row[base + KeyframeTable.ASSET];
        if (asset < 0 || asset != Math.rint(asset) || asset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": asset is " + asset + ", expected a whole number >= 0 on an active track");
        }
        for (int f = KeyframeTable.SCALE; f < FIELDS; f++) {
            double v = row[base + f];
            if (!Double.isFinite(v) || Math.abs(v) >= 1e12) {
                throw new IllegalArgumentException(where + ": " + KeyframeColumns.TRACK_FIELDS.get(f) + " is " + v + ", expected a finite number");
            }
        }
        return true;
    }

    /**
     * {@code v} as the keyframe CSV would store it: rounded to the nearest millionth, halves away from
     * zero, no negative zero (the value {@code NumberText.format} writes, parsed back).
     */
    static double canonical(double v) {
        if (v == Math.rint(v)) return v == 0 ? 0.0 : v;
        long scaled = Math.round(Math.abs(v) * 1_000_000L);
        if (scaled == 0) return 0.0;
        double r = scaled / 1e6;
        return v < 0 ? -r : r;
    }

    /** An edit with no rows (a continuation judged without context gets this as its context). */
    public static Edit empty(SamplingRate fps, SourceSizes sizes) {
        return of(fps, List.of(), sizes);
    }

    public SamplingRate fps() {
        return fps;
    }

    /** Rows per second as a number. */
    public double fpsValue() {
        return (double) fps.numerator() / fps.denominator();
    }

    public int rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Length in seconds: rows / fps. */
    public double seconds() {
        return rows / fpsValue();
    }

    /** Tracks kept: 1 + the highest track active in any row (0 when no track is ever active). */
    public int tracks() {
        return tracks;
    }

    public SourceSizes sizes() {
        return sizes;
    }

    /** The same frames with other source sizes (a pair's sides take the context's). */
    public Edit withSizes(SourceSizes other) {
        return new Edit(fps, rows, tracks, values, other == null ? SourceSizes.UNKNOWN : other);
    }

    public boolean active(int row, int track) {
        return value(row, track, KeyframeTable.ACTIVE) == 1;
    }

    /** The asset number, -1 where the track is inactive. */
    public int asset(int row, int track) {
        return track >= tracks ? -1 : (int) value(row, track, KeyframeTable.ASSET);
    }

    /** Field {@code field} (a {@link KeyframeTable} index) of {@code track} (0 = V1) in {@code row}. */
    public double value(int row, int track, int field) {
        if (row < 0 || row >= rows) throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        if (track < 0 || track >= TRACKS) throw new IndexOutOfBoundsException("track " + track);
        if (track >= tracks) return field == KeyframeTable.ASSET ? -1 : 0;
        return values[(row * tracks + track) * FIELDS + field];
    }

    /** Writes row {@code row} into {@code out} in the table's full layout (180 numbers). */
    public void fill(int row, double[] out) {
        if (out.length != TRACKS * FIELDS) throw new IllegalArgumentException("a full row holds " + TRACKS * FIELDS + " numbers");
        for (int k = 0; k < TRACKS; k++) for (int f = 0; f < FIELDS; f++) out[k * FIELDS + f] = value(row, k, f);
    }

    /** Row {@code row} in the table's full layout (180 numbers), a copy. */
    public double[] row(int row) {
        double[] out = new double[TRACKS * FIELDS];
        fill(row, out);
        return out;
    }

    /**
     * Row {@code row} up to its highest active track (9 numbers per track; empty when no track is
     * active): the compact form a pair file stores.
     */
    public double[] trimmedRow(int row) {
        int last = -1;
        for (int k = 0; k < tracks; k++) if (active(row, k)) last = k;
        return Arrays.copyOfRange(values, row * tracks * FIELDS, (row * tracks + last + 1) * FIELDS);
    }

    /**
     * The same frames with asset numbers replaced: asset {@code a} becomes {@code numbers[a]} (for
     * putting a second export's assets into a pair's numbering).
     */
    Edit renumbered(int[] numbers, SourceSizes newSizes) {
        double[] copy = values.clone();
        for (int i = 0; i < rows * tracks; i++) {
            int at = i * FIELDS + KeyframeTable.ASSET;
            if (copy[at] >= 0) copy[at] = numbers[(int) copy[at]];
        }
        return new Edit(fps, rows, tracks, copy, newSizes == null ? SourceSizes.UNKNOWN : newSizes);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Edit slice(int from, int to) {
        if (from < 0 || to > rows || from > to) throw new IndexOutOfBoundsException("rows " + from + ".." + to + " of " + rows);
        return of(fps, IntStream.range(from, to).mapToObj(this::row).toList(), sizes);
    }

    /** This edit followed by {@code next} (same rate); the sizes are this edit's. */
    public Edit then(Edit next) {
        if (!fps.equals(next.fps)) throw new IllegalArgumentException("cannot join an edit at " + fps + " fps to one at " + next.fps);
        ArrayList<double[]> all = new ArrayList<>(rows + next.rows);
        for (int i = 0; i < rows; i++) all.add(row(i));
        for (int i = 0; i < next.rows; i++) all.add(next.row(i));
        return of(fps, all, sizes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Edit e && fps.equals(e.fps) && rows == e.rows && tracks == e.tracks
                && Arrays.equals(values, e.values) && sizes.equals(e.sizes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * fps.hashCode() + rows) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Edit[" + rows + " rows at " + fps + " fps, " + tracks + " track(s)]";
    }
}
