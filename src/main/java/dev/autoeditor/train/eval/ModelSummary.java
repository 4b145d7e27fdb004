package dev.autoeditor.train.eval;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures the distill and finetune phases report for each model they compare (their
 * summary.json), on one split, in one pass over its windows:
 * <ul>
 *   <li>{@code cut_f1}: cut-point F1 at the given threshold, within the tolerance ({@link CutScorer});</li>
 *   <li>{@code cut_ap}: average precision of the per-track cut probability, free of any threshold: every
 *       scored position is a candidate cut ranked by its change probability, candidates are matched in
 *       that order to the nearest unmatched true cut of the same track and window within the tolerance
 *       (the spotting-task AP of event detection), and AP is the mean of the precision at each match
 *       over all true cuts;</li>
 *   <li>{@code mae_normalised}: regression MAE on active targets, mean over fields, normalised units ({@link FrameScorer});</li>
 *   <li>{@code motion_mae_normalised}: the same MAE only where the frame is inside a clip (the track is
 *       on at t and t+1 with the same asset class) and its regression values change from t to t+1 (by
 *       more than {@link #STILL} in some field): where persistence is not trivially right;</li>
 *   <li>{@code asset_accuracy}: asset-class accuracy on active targets ({@link FrameScorer}).</li>
 * </ul>
 * A figure with nothing to measure (no true cut for AP, no active target, no moving frame) is null.
 */
public final class ModelSummary {
    /** Keys of {@link #measure}'s map, in its order: a contract of every summary.json that uses it. */
    public static final List<String> KEYS = List.of("cut_f1", "cut_ap", "mae_normalised", "motion_mae_normalised", "asset_accuracy");
    /** A change smaller than this, in normalised units, is no change (values of a still frame repeat exactly). */
    public static final double STILL = 1e-6;

    private ModelSummary() {}

    /**
     * Measures {@code model} on {@code split}.
     *
     * @param cutThreshold the model's change-probability threshold for cut F1 (its calibration's)
     * @param cutTolerance cut matching tolerance, sampled frames
     * @param batchSize    windows per prediction call
     * @param maxWindows   windows used, 0 = all
     */
    public static Map<String, Object> measure(FramePredictor model, double cutThreshold, ShardDataset split, Normaliser normaliser,
                                              int cutTolerance, int batchSize, int maxWindows) {
        return measure(model, cutThreshold, (WindowDataset) split, normaliser, cutTolerance, batchSize, maxWindows);
    }

    /** {@link #measure(FramePredictor, double, ShardDataset, Normaliser, int, int, int)} on any windows. */
    public static Map<String, Object> measure(FramePredictor model, double cutThreshold, WindowDataset split, Normaliser normaliser,
                                              int cutTolerance, int batchSize, int maxWindows) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1");
        FrameScorer frames = new FrameScorer(normaliser);
        CutScorer cuts = new CutScorer(new double[] {cutThreshold}, cutTolerance);
        CutRanking ranking = new CutRanking(cutTolerance);
        MotionError motion = new MotionError();
        int n = maxWindows > 0 ? Math.min(maxWindows, split.size()) : split.size();
        for (int start = 0; start < n; start += batchSize) {
            int size = Math.min(batchSize, n - start);
            WindowBatch batch = Batches.read(split, start, size);
            Predictions p = model.predict(batch);
            if (p.size() != batch.size() || p.length() != batch.length() || p.classes() != split.assetClasses()) {
                throw new IllegalStateException(model.name() + " returned predictions of shape [" + p.size() + ", " + p.length() + ", "
                        + p.classes() + " classes] for windows of [" + batch.size() + ", " + batch.length() + ", " + split.assetClasses() + "]");
            }
            frames.add(batch, p);
            cuts.add(batch, p);
            ranking.add(batch, p, start);
            motion.add(batch, p);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        BinaryCounts c = cuts.counts(0);
        m.put("cut_f1", c.f1());
        m.put("cut_ap", ranking.averagePrecision());
        m.put("mae_normalised", frames.activeTargets() == 0 ? null : frames.maeNormalised());
        m.put("motion_mae_normalised", motion.mae());
        m.put("asset_accuracy", frames.activeTargets() == 0 ? null : frames.assetAccuracy());
        return m;
    }

    /** Every scored position's change probability, and the true cuts per window and track, for average precision. */
    static final class CutRanking {
        private final int tolerance;
        private float[] scores = new float[1 << 12];
        private long[] keys = new long[1 << 12];
        private int candidates;
        /** True cut frames by (window * TRACKS + track); absent when the track has none. */
        private final Map<Long, int[]> truth = new LinkedHashMap<>();
        private long trueCuts;
        private int length;

        CutRanking(int tolerance) {
            if (tolerance < 0) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
            this.tolerance = tolerance;
        }

        /** Adds a batch whose first window is window {@code first} of the split. */
        void add(WindowBatch batch, Predictions p, int first) {
            length = batch.length();
            int[] cutsOfTrack = new int[length];
            for (int b = 0; b < batch.size(); b++) {
                long window = first + b;
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int nCuts = 0;
                    for (int t = 0; t + 1 < length; t++) {
                        if (!TrackStates.scored(batch, b, t)) continue;
                        int now = TrackStates.state(batch, b, t, k);
                        if (TrackStates.state(batch, b, t + 1, k) != now) cutsOfTrack[nCuts++] = t + 1;
                        candidate((float) TrackStates.changeProbability(p, b, t, k, now), (window * length + t) * WindowBatch.TRACKS + k);
                    }
                    if (nCuts > 0) {
                        truth.put(window * WindowBatch.TRACKS + k, Arrays.copyOf(cutsOfTrack, nCuts));
                        trueCuts += nCuts;
                    }
                }
            }
        }

        private void candidate(float score, long key) {
            if (candidates == scores.length) {
                scores = Arrays.copyOf(scores, candidates * 2);
                keys = Arrays.copyOf(keys, candidates * 2);
            }
            scores[candidates] = score;
            keys[candidates++] = key;
        }

        /** Null when there is no true cut. */
        Double averagePrecision() {
            if (trueCuts == 0) return null;
            Integer[] order = new Integer[candidates];
            for (int i = 0; i < candidates; i++) order[i] = i;
            // Highest probability first; ties in position order, so the result is deterministic.
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Long.compare(keys[a], keys[b]));
            Map<Long, boolean[]> matched = new LinkedHashMap<>();
            long hits = 0;
            double sum = 0;
            for (int rank = 0; rank < candidates; rank++) {
                long key = keys[order[rank]];
                int k = (int) (key % WindowBatch.TRACKS);
                long windowFrame = key / WindowBatch.TRACKS;
                int cutAt = (int) (windowFrame % length) + 1;
                long track = (windowFrame / length) * WindowBatch.TRACKS + k;
                int[] cuts = truth.get(track);
                if (cuts != null) {
                    boolean[] used = matched.computeIfAbsent(track, x -> new boolean[cuts.length]);
                    int best = -1;
                    for (int j = 0; j < cuts.length; j++) {
                        int gap = Math.abs(cuts[j] - cutAt);
                        if (!used[j] && gap <= tolerance && (best < 0 || gap < Math.abs(cuts[best] - cutAt))) best = j;
                    }
                    if (best >= 0) {
                        used[best] = true;
                        hits++;
                        sum += (double) hits / (rank + 1);
                        if (hits == trueCuts) break; // recall is 1: later candidates add no precision points
                    }
                }
            }
            return sum / trueCuts;
        }
    }

    /** Regression MAE, mean over fields in normalised units, on frames inside a clip that move. */
    static final class MotionError {
        private double sum;
        private long frames;

        void add(WindowBatch batch, Predictions p) {
            int length = batch.length();
            int r = WindowBatch.REGRESSIONS;
            float[] values = batch.regression();
            for (int b = 0; b < batch.size(); b++) {
                for (int t = 0; t + 1 < length; t++) {
                    if (!TrackStates.scored(batch, b, t)) continue;
                    for (int k = 0; k < WindowBatch.TRACKS; k++) {
                        int now = TrackStates.state(batch, b, t, k);
                        if (now == TrackStates.OFF || TrackStates.state(batch, b, t + 1, k) != now) continue;
                        int from = TrackStates.index(length, b, t, k) * r;
                        int to = TrackStates.index(length, b, t + 1, k) * r;
                        boolean moves = false;
                        for (int f = 0; f < r && !moves; f++) moves = Math.abs(values[to + f] - values[from + f]) > STILL;
                        if (!moves) continue;
                        double error = 0;
                        for (int f = 0; f < r; f++) error += Math.abs(p.regression()[from + f] - values[to + f]);
                        sum += error / r;
                        frames++;
                    }
                }
            }
        }

        /** Null when no frame moved. */
        Double mae() {
            return frames == 0 ? null : sum / frames;
        }
    }
}
