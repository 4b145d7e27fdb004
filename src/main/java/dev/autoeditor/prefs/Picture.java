package dev.autoeditor.prefs;

import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.Arrays;

/**
 * What a viewer sees in one row of an edit, from the table's numbers: which sources are visible (top
 * track first) and how much of the frame no picture covers.
 *
 * <p>Geometry, in frame units (the frame is [-0.5, 0.5] in x and y, +y down, as the table's
 * {@code pos_x}/{@code pos_y} are): a clip on an active track is a rectangle {@code scale/100} times
 * its source's size ({@link SourceSizes}) centred on {@code (pos_x, pos_y)}, with {@code crop_*}
 * percent cut from its sides, clipped to the frame. A track is hidden when the tracks above it
 * already cover the whole frame. Uncovered areas under {@link #NEGLIGIBLE} of the frame (about 200
 * pixels of an HD frame: the table's millionth rounding of thirds, say) count as covered.
 */
final class Picture {
    /** Uncovered fractions below this count as none. */
    static final double NEGLIGIBLE = 1e-4;

    /** One row's picture: visible asset numbers from the top track down, and the uncovered fraction. */
    record Frame(int[] visible, double uncovered) {
        /** Same visible sources in the same order: no cut between the two rows. */
        boolean sameShot(Frame other) {
            return Arrays.equals(visible, other.visible);
        }
    }

    private Picture() {}

    static Frame of(Edit edit, int row) {
        int tracks = edit.tracks();
        double[][] rects = new double[tracks][];
        int[] visible = new int[tracks];
        int nVisible = 0;
        int nRects = 0;
        double uncovered = 1;
        for (int k = tracks - 1; k >= 0; k--) {
            if (!edit.active(row, k)) continue;
            if (uncovered < NEGLIGIBLE) break; // everything below is hidden
            double[] r = rectangle(edit, row, k);
            if (r == null) continue;
            rects[nRects++] = r;
            visible[nVisible++] = edit.asset(row, k);
            uncovered = 1 - unionArea(rects, nRects);
        }
        if (uncovered < NEGLIGIBLE) uncovered = 0;
        return new Frame(Arrays.copyOf(visible, nVisible), uncovered);
    }

    /** {x0, x1, y0, y1} of track k's visible picture inside the frame, or null when none of it shows. */
    static double[] rectangle(Edit edit, int row, int k) {
        SourceSizes.Size size = edit.sizes().of(edit.asset(row, k));
        double scale = edit.value(row, k, KeyframeTable.SCALE) / 100;
        double w = size.width() * scale;
        double h = size.height() * scale;
        double cx = edit.value(row, k, KeyframeTable.POS_X);
        double cy = edit.value(row, k, KeyframeTable.POS_Y);
        double x0 = cx - w / 2 + w * edit.value(row, k, KeyframeTable.CROP_LEFT) / 100;
        double x1 = cx + w / 2 - w * edit.value(row, k, KeyframeTable.CROP_RIGHT) / 100;
        double y0 = cy - h / 2 + h * edit.value(row, k, KeyframeTable.CROP_TOP) / 100;
        double y1 = cy + h / 2 - h * edit.value(row, k, KeyframeTable.CROP_BOTTOM) / 100;
        x0 = Math.max(x0, -0.5);
        x1 = Math.min(x1, 0.5);
        y0 = Math.max(y0, -0.5);
        y1 = Math.min(y1, 0.5);
        return x1 > x0 && y1 > y0 ? new double[] {x0, x1, y0, y1} : null;
    }

    /** Area of the union of the first n rectangles (all inside the unit frame), by cells between their edges. */
    static double unionArea(double[][] rects, int n) {
        double[] xs = new double[2 * n];
        double[] ys = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xs[2 * i] = rects[i][0];
            xs[2 * i + 1] = rects[i][1];
            ys[2 * i] = rects[i][2];
            ys[2 * i + 1] = rects[i][3];
        }
        Arrays.sort(xs);
        Arrays.sort(ys);
        double area = 0;
        for (int a = 0; a + 1 < xs.length; a++) {
            double dx = xs[a + 1] - xs[a];
            if (dx <= 0) continue;
            double mx = (xs[a] + xs[a + 1]) / 2;
            for (int b = 0; b + 1 < ys.length; b++) {
                double dy = ys[b + 1] - ys[b];
                if (dy <= 0) continue;
                double my = (ys[b] + ys[b + 1]) / 2;
                for (int i = 0; i < n; i++) {
                    double[] r = rects[i];
                    if (mx > r[0] && mx < r[1] && my > r[2] && my < r[3]) {
                        area += dx * dy;
                        break;
                    }
                }
            }
        }
        return area;
    }
}
