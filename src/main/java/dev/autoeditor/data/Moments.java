package dev.autoeditor.data;

/**
 * Count, mean and sum of squared deviations of each regression field (Welford's update), mergeable
 * (Chan, Golub and LeVeque's pairwise formula) so per-project statistics gathered in one pass can be
 * combined for whichever projects end up in the training split.
 */
final class Moments {
    final long[] count = new long[KeyframeRow.REGRESSIONS];
    final double[] mean = new double[KeyframeRow.REGRESSIONS];
    final double[] m2 = new double[KeyframeRow.REGRESSIONS];

    /** Adds the active entries of a row. */
    void addRow(KeyframeRow row) {
        for (int k = 0; k < KeyframeRow.TRACKS; k++) {
            if (!row.active[k]) continue;
            for (int f = 0; f < KeyframeRow.REGRESSIONS; f++) add(f, row.regression[k * KeyframeRow.REGRESSIONS + f]);
        }
    }

    void add(int field, double x) {
        long n = ++count[field];
        double delta = x - mean[field];
        mean[field] += delta / n;
        m2[field] += delta * (x - mean[field]);
    }

    void merge(Moments other) {
        for (int f = 0; f < KeyframeRow.REGRESSIONS; f++) {
            long nb = other.count[f];
            if (nb == 0) continue;
            long na = count[f];
            long n = na + nb;
            double delta = other.mean[f] - mean[f];
            mean[f] += delta * nb / n;
            m2[f] += other.m2[f] + delta * delta * ((double) na * nb / n);
            count[f] = n;
        }
    }

    double std(int field) {
        return count[field] > 0 ? Math.sqrt(m2[field] / count[field]) : 0;
    }
}
