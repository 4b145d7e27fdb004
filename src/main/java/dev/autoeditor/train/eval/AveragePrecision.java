package dev.autoeditor.train.eval;

import java.util.Arrays;

/**
 * Threshold-free average precision of scores against yes/no labels: the area under the
 * precision-recall curve as a step function, AP = sum over thresholds (R_n - R_{n-1}) P_n, taking
 * every distinct score as a threshold from the highest down (scikit-learn's
 * {@code average_precision_score}; tied scores enter together, so the order of ties does not matter).
 * 0 when there is no positive label.
 */
public final class AveragePrecision {
    /** Each entry: the score's float bits (scores lie in [0, 1], where bit order is value order) shifted left, plus the label. */
    private long[] keys = new long[1024];
    private int n;
    private long positives;

    public void add(double score, boolean positive) {
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("scores must lie in [0, 1], got " + score);
        if (n == keys.length) keys = Arrays.copyOf(keys, keys.length * 2);
        // +0.0f: -0.0 would sort apart from 0.
        keys[n++] = ((long) Float.floatToIntBits((float) score + 0.0f) << 1) | (positive ? 1 : 0);
        if (positive) positives++;
    }

    public long count() {
        return n;
    }

    public long positives() {
        return positives;
    }

    public double value() {
        if (positives == 0) return 0;
        long[] sorted = Arrays.copyOf(keys, n);
        Arrays.sort(sorted);
        double ap = 0;
        long truePositives = 0;
        long predicted = 0;
        int i = n - 1;
        while (i >= 0) {
            long bits = sorted[i] >>> 1;
            long tpBefore = truePositives;
            // Every entry with this score is predicted positive at this threshold.
            while (i >= 0 && (sorted[i] >>> 1) == bits) {
                truePositives += sorted[i] & 1;
                predicted++;
                i--;
            }
            if (truePositives > tpBefore) ap += (double) (truePositives - tpBefore) / positives * truePositives / predicted;
        }
        return ap;
    }
}
