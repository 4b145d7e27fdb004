package dev.autoeditor.prefs;

import dev.autoeditor.timeline.table.SamplingRate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-made edits for the judge's and the store's tests. */
final class Edits {
    static final SamplingRate FPS5 = new SamplingRate(5, 1);

    private Edits() {}

    /** A full-frame, uncropped, centred clip of {@code asset}: one track's 9 numbers. */
    static double[] full(int asset) {
        return new double[] {1, asset, 100, 0, 0, 0, 0, 0, 0};
    }

    /** A clip of {@code asset} at this scale and centre, uncropped. */
    static double[] framed(int asset, double scale, double x, double y) {
        return new double[] {1, asset, scale, x, y, 0, 0, 0, 0};
    }

    /** An inactive track. */
    static double[] off() {
        return new double[] {0, -1, 0, 0, 0, 0, 0, 0, 0};
    }

    /** A row from tracks V1 upwards. */
    static double[] row(double[]... tracks) {
        double[] r = new double[tracks.length * 9];
        for (int k = 0; k < tracks.length; k++) System.arraycopy(tracks[k], 0, r, k * 9, 9);
        return r;
    }

    /**
     * V1 only, full frame, as runs: {@code asset, rows, asset, rows, ...} at 5 fps; asset -1 is a
     * gap (nothing on screen).
     */
    static Edit v1(int... runs) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < runs.length; i += 2) {
            for (int r = 0; r < runs[i + 1]; r++) rows.add(runs[i] < 0 ? row(off()) : row(full(runs[i])));
        }
        return Edit.of(FPS5, rows, SourceSizes.UNKNOWN);
    }

    /** {@code n} copies of one row at 5 fps. */
    static Edit repeat(double[] row, int n) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(row.clone());
        return Edit.of(FPS5, rows, SourceSizes.UNKNOWN);
    }

    static Edit empty() {
        return Edit.empty(FPS5, SourceSizes.UNKNOWN);
    }

    static String hex(char c) {
        char[] h = new char[64];
        Arrays.fill(h, c);
        return new String(h);
    }
}
