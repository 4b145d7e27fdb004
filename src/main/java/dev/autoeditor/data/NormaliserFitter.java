package dev.autoeditor.data;

import dev.autoeditor.util.Seeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fits a {@link Normaliser} from a stream of values, one regression field at a time, in bounded memory.
 *
 * <ul>
 *   <li>standard: center = mean, scale = population standard deviation (Welford's update, exact in
 *       one pass).</li>
 *   <li>robust: center = median, scale = interquartile range (q75 - q25). Quantiles are estimated from
 *       a uniform reservoir sample of at most {@code reservoirSize} values per field (Vitter's
 *       algorithm R), drawn with a generator seeded from the master seed, so the result is
 *       deterministic; below that many values the quantiles are exact. Quantiles interpolate linearly
 *       between order statistics (Hyndman and Fan type 7).</li>
 * </ul>
 * A field whose scale comes out 0 (a constant, such as crops that are always 0) falls back to its
 * standard deviation, and to 1 if that is 0 too; a field with no values keeps center 0 and scale 1.
 * The fallbacks are recorded per field in the provenance.
 */
public final class NormaliserFitter {
    private final String method;
    private final int reservoirSize;
    private final Moments moments = new Moments();
    private final long[] count = moments.count;
    private final double[] mean = moments.mean;
    private final double[] m2 = moments.m2;
    private final double[][] reservoir;
    private final SplittableRandom random;

    public NormaliserFitter(String method, int reservoirSize, long seed) {
        if (!method.equals("standard") && !method.equals("robust")) {
            throw new IllegalArgumentException("method must be standard or robust, got " + method);
        }
        this.method = method;
        this.reservoirSize = reservoirSize;
        this.reservoir = method.equals("robust") ? new double[KeyframeRow.REGRESSIONS][] : null;
        this.random = new SplittableRandom(Seeds.derive(seed, "preprocess.normaliser"));
    }

    /** Adds the active entries of a row. */
    public void addRow(KeyframeRow row) {
        for (int k = 0; k < KeyframeRow.TRACKS; k++) {
            if (!row.active[k]) continue;
            for (int f = 0; f < KeyframeRow.REGRESSIONS; f++) add(f, row.regression[k * KeyframeRow.REGRESSIONS + f]);
        }
    }

    /** Adds one value of regression field {@code field}. */
    public void add(int field, double x) {
        moments.add(field, x);
        if (reservoir != null) sample(field, x, count[field]);
    }

    /** Whether {@link #addMoments} suffices (the standard method needs no individual values). */
    public boolean fitsFromMoments() {
        return reservoir == null;
    }

    /** Merges statistics gathered elsewhere (standard method only). */
    void addMoments(Moments other) {
        if (!fitsFromMoments()) throw new IllegalStateException("the robust method needs the values, not their moments");
        moments.merge(other);
    }

    private void sample(int field, double x, long n) {
        double[] r = reservoir[field];
        if (r == null) r = reservoir[field] = new double[Math.min(reservoirSize, 1024)];
        if (n <= reservoirSize) {
            if (n > r.length) r = reservoir[field] = Arrays.copyOf(r, (int) Math.min(reservoirSize, (long) r.length * 2));
            r[(int) (n - 1)] = x;
        } else {
            long j = random.nextLong(n);
            if (j < reservoirSize) r[(int) j] = x;
        }
    }

    /** Values seen per field. */
    public long count(int field) {
        return count[field];
    }

    /** The fitted normaliser; {@code provenance} is extended with the per-field statistics. */
    public Normaliser fit(Map<String, Object> provenance) {
        int fields = KeyframeRow.REGRESSIONS;
        double[] center = new double[fields];
        double[] scale = new double[fields];
        String[] note = new String[fields];
        for (int f = 0; f < fields; f++) {
            double sd = count[f] > 0 ? Math.sqrt(m2[f] / count[f]) : 0;
            note[f] = "fitted";
            if (count[f] == 0) {
                center[f] = 0;
                scale[f] = 1;
                note[f] = "no active values: identity";
                continue;
            }
            if (method.equals("standard")) {
                center[f] = mean[f];
                scale[f] = sd;
            } else {
                int n = (int) Math.min(count[f], reservoirSize);
                double[] sorted = Arrays.copyOf(reservoir[f], n);
                Arrays.sort(sorted);
                center[f] = quantile(sorted, 0.5);
                scale[f] = quantile(sorted, 0.75) - quantile(sorted, 0.25);
                if (!(scale[f] > 1e-12)) {
                    scale[f] = sd;
                    note[f] = "interquartile range 0: standard deviation";
                }
            }
            if (!(scale[f] > 1e-12)) {
                scale[f] = 1;
                note[f] = "constant: scale 1";
            }
        }
        Map<String, Object> prov = new LinkedHashMap<>(provenance);
        // The fit's statistics are notes of the provenance record (util.Provenance), beside any given.
        @SuppressWarnings("unchecked")
        Map<String, Object> notes = new LinkedHashMap<>(prov.get("notes") instanceof Map<?, ?> given ? (Map<String, Object>) given : Map.of());
        Map<String, Object> stats = new LinkedHashMap<>();
        for (int f = 0; f < fields; f++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("active_values", count[f]);
            s.put("mean", mean[f]);
            s.put("std", count[f] > 0 ? Math.sqrt(m2[f] / count[f]) : 0.0);
            if (method.equals("robust")) s.put("sampled", Math.min(count[f], reservoirSize));
            s.put("note", note[f]);
            stats.put(dev.autoeditor.timeline.KeyframeColumns.REGRESSION_FIELDS.get(f), s);
        }
        notes.put("statistics", stats);
        if (method.equals("robust")) notes.put("reservoir_size", reservoirSize);
        prov.put("notes", notes);
        return new Normaliser(method, center, scale, prov);
    }

    /** Type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 1) return sorted[0];
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
