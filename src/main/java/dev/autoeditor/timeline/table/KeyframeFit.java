package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a parameter's sampled values into keyframes: the fewest linear segments, with keyframes at
 * sampled points and with the values sampled there, such that every sample lies within the tolerance
 * of the polyline. Values that all lie within the tolerance of one value become a constant (no
 * keyframes). Linear because Premiere's keyframes are linear; at sampled points because the table is
 * read back there; with the frames' own values so that a value the generator held is the value written
 * (noise is absorbed up to about half the tolerance: a segment runs from one noisy sample to another).
 *
 * <p>Exact minimum by dynamic programming over the samples: the segment from sample a to sample b is
 * feasible when its slope lies within the cone of slopes that keep every sample between them inside
 * the tolerance band, tracked incrementally while b moves away from a (so a scan from a stops where
 * the cone empties). Cost: the sum over a of how far a feasible segment can reach, O(n) for values
 * that change often, O(n^2) at worst for one long straight ramp.
 */
public final class KeyframeFit {
    private KeyframeFit() {}

    /**
     * The parameter through {@code values} at source frames {@code whens} (strictly increasing, the
     * clip's in/out axis), within {@code tolerance}.
     */
    public static Param fit(double[] whens, double[] values, double tolerance) {
        int n = whens.length;
        if (n == 0 || values.length != n) throw new IllegalArgumentException("need as many values as times, at least one");
        for (int i = 1; i < n; i++) {
            if (!(whens[i] > whens[i - 1])) throw new IllegalArgumentException("times must increase: " + whens[i - 1] + ", " + whens[i]);
        }
        double lo = Arrays.stream(values).min().orElseThrow();
        double hi = Arrays.stream(values).max().orElseThrow();
        if (hi - lo <= 2 * tolerance) {
            // One value serves them all. Halfway is within the tolerance of both extremes; the first
            // value is taken when it serves (what a loop holding values below the tolerance produced).
            double constant = Math.abs(hi - values[0]) <= tolerance && Math.abs(values[0] - lo) <= tolerance
                    ? values[0] : lo + (hi - lo) / 2;
            return Param.constant(constant);
        }
        int[] knots = knots(whens, values, tolerance);
        List<Keyframe> keys = new ArrayList<>(knots.length);
        for (int k : knots) keys.add(Keyframe.linear(whens[k], values[k]));
        return new Param(values[0], keys);
    }

    /** Indices of the samples that carry keyframes: first and last included, fewest segments. */
    static int[] knots(double[] t, double[] v, double tolerance) {
        int n = t.length;
        int[] segments = new int[n];
        int[] parent = new int[n];
        Arrays.fill(segments, Integer.MAX_VALUE);
        segments[0] = 0;
        parent[0] = -1;
        for (int a = 0; a < n - 1; a++) {
            if (segments[a] == Integer.MAX_VALUE) continue;
            double slopeLo = Double.NEGATIVE_INFINITY;
            double slopeHi = Double.POSITIVE_INFINITY;
            for (int b = a + 1; b < n; b++) {
                double dt = t[b] - t[a];
                double slope = (v[b] - v[a]) / dt;
                double slack = 1e-12 * (1 + Math.abs(v[b]) + Math.abs(v[a])) / dt;
                if (slope >= slopeLo - slack && slope <= slopeHi + slack && segments[a] + 1 < segments[b]) {
                    segments[b] = segments[a] + 1;
                    parent[b] = a;
                }
                // Sample b now lies between a and any later end: narrow the cone to keep it in its band.
                slopeLo = Math.max(slopeLo, (v[b] - tolerance - v[a]) / dt);
                slopeHi = Math.min(slopeHi, (v[b] + tolerance - v[a]) / dt);
                if (slopeLo > slopeHi + slack) break;
            }
        }
        List<Integer> path = new ArrayList<>();
        for (int i = n - 1; i >= 0; i = parent[i]) path.add(0, i);
        return path.stream().mapToInt(Integer::intValue).toArray();
    }
}
