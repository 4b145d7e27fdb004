package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;

/**
 * Per-frame cut rates of a split: for each track, the share of scored positions (frames t and t+1
 * both real) where the track's state changes from t to t+1. Overlapping windows count a frame pair
 * once per window holding it, which leaves the rate (a ratio) unbiased up to the window edges.
 *
 * @param perTrack    cut rate of each track
 * @param overall     cuts over positions, all tracks pooled
 * @param cuts        cuts counted
 * @param positions   track-positions counted (positions x tracks)
 */
public record CutRates(double[] perTrack, double overall, long cuts, long positions) {

    /** Measures the rates over the first {@code maxWindows} windows (0 = all). */
    public static CutRates measure(WindowDataset data, int batchSize, int maxWindows) {
        int n = maxWindows > 0 ? Math.min(maxWindows, data.size()) : data.size();
        long[] cuts = new long[WindowBatch.TRACKS];
        long framePairs = 0;
        for (int start = 0; start < n; start += batchSize) {
            WindowBatch batch = Batches.read(data, start, Math.min(batchSize, n - start));
            for (int b = 0; b < batch.size(); b++) {
                for (int t = 0; t + 1 < batch.length(); t++) {
                    if (!TrackStates.scored(batch, b, t)) continue;
                    framePairs++;
                    for (int k = 0; k < WindowBatch.TRACKS; k++) {
                        if (TrackStates.state(batch, b, t, k) != TrackStates.state(batch, b, t + 1, k)) cuts[k]++;
                    }
                }
            }
        }
        double[] rate = new double[WindowBatch.TRACKS];
        long total = 0;
        for (int k = 0; k < rate.length; k++) {
            rate[k] = framePairs == 0 ? 0 : (double) cuts[k] / framePairs;
            total += cuts[k];
        }
        long positions = framePairs * WindowBatch.TRACKS;
        return new CutRates(rate, positions == 0 ? 0 : (double) total / positions, total, positions);
    }
}
