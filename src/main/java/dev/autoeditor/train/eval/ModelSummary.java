package dev.autoeditor.train.eval;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.util.Progress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quality figures a model phase's summary reports for each model (distill's teacher, student and
 * scratch; finetune's before and after), on one split, teacher-forced, in a fixed key order:
 * <ul>
 *   <li>{@code cut_f1}: cut-point F1 at {@code cutThreshold} within {@code cutTolerance} frames, micro-averaged
 *       ({@link CutScorer}, exactly as {@code evaluate} scores it);</li>
 *   <li>{@code cut_ap}: the threshold-free average precision ({@link AveragePrecision}) of the per-track
 *       change probability ({@link TrackStates#changeProbability}) at every scored position and track,
 *       against whether the track's state really changes at t+1: exact positions, no tolerance;</li>
 *   <li>{@code mae_normalised}: regression MAE in normalised units where the target track is active
 *       ({@link FrameScorer});</li>
 *   <li>{@code motion_mae_normalised}: the same error only on the values that move: a track showing the
 *       same asset class at t and t+1 (the clip continues) whose field changes from t to t+1, where
 *       persistence is not trivially right; null when the split has no such value;</li>
 *   <li>{@code asset_accuracy}: most probable asset class against the true one, where the target track
 *       is active ({@link FrameScorer}).</li>
 * </ul>
 * Pass a model as {@link ModelUnderTest}, which frees each batch's off-heap arrays.
 */
public final class ModelSummary {
    /** The keys of {@link #measure}, in order. */
    public static final java.util.List<String> KEYS = java.util.List.of(
            "cut_f1", "cut_ap", "mae_normalised", "motion_mae_normalised", "asset_accuracy");

    private ModelSummary() {}

    /**
     * Scores {@code model} on the first {@code maxWindows} windows of {@code split} (0 = all), in batches
     * of {@code batchSize}.
     */
    public static Map<String, Object> measure(FramePredictor model, double cutThreshold, ShardDataset split, Normaliser normaliser,
                                              int cutTolerance, int batchSize, int maxWindows) {
        return score(model, cutThreshold, split, normaliser, cutTolerance, batchSize, maxWindows).result();
    }

    /** {@link #measure}, keeping the scorer: its per-window cut counts feed a bootstrap. */
    public static Scorer score(FramePredictor model, double cutThreshold, ShardDataset split, Normaliser normaliser,
                               int cutTolerance, int batchSize, int maxWindows) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        Scorer scorer = new Scorer(cutThreshold, cutTolerance, normaliser);
        int n = maxWindows > 0 ? Math.min(maxWindows, split.size()) : split.size();
        try (Progress progress = Progress.start("summary of " + model.name(), n, "windows")) {
            for (int start = 0; start < n; start += batchSize) {
                int size = Math.min(batchSize, n - start);
                WindowBatch batch = Batches.read(split, start, size);
                scorer.add(batch, model.predict(batch));
                progress.step(size);
            }
        }
        return scorer;
    }

    /** The figures of {@link #measure}, accumulated batch by batch, and each window's cut counts. */
    public static final class Scorer {
        private final double threshold;
        private final int tolerance;
        private final FrameScorer frames;
        private final CutScorer cuts;
        private final AveragePrecision ap = new AveragePrecision();
        private final MotionError motion = new MotionError();
        private final java.util.List<long[]> windowCuts = new java.util.ArrayList<>();

        public Scorer(double cutThreshold, int cutTolerance, Normaliser normaliser) {
            this.threshold = cutThreshold;
            this.tolerance = cutTolerance;
            this.frames = new FrameScorer(normaliser);
            this.cuts = new CutScorer(new double[] {cutThreshold}, cutTolerance);
        }

        public void add(WindowBatch batch, Predictions p) {
            frames.add(batch, p);
            cuts.add(batch, p);
            addChanges(ap, batch, p);
            motion.add(batch, p);
            for (int b = 0; b < batch.size(); b++) windowCuts.add(cutCounts(batch, p, b, threshold, tolerance));
        }

        /** The figures, keys in the order of {@link #KEYS}. */
        public Map<String, Object> result() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cut_f1", cuts.counts(0).f1());
            m.put("cut_ap", ap.value());
            m.put("mae_normalised", frames.maeNormalised());
            m.put("motion_mae_normalised", motion.count() == 0 ? null : motion.mae());
            m.put("asset_accuracy", frames.assetAccuracy());
            return m;
        }

        /** Per window scored, in order: matched, predicted and true cuts (summed, they give {@code cut_f1}). */
        public java.util.List<long[]> windowCuts() {
            return java.util.Collections.unmodifiableList(windowCuts);
        }
    }

    /** Every scored (position, track) of the batch: its change probability, and whether the state changes. */
    static void addChanges(AveragePrecision ap, WindowBatch batch, Predictions p) {
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t + 1 < batch.length(); t++) {
                if (!TrackStates.scored(batch, b, t)) continue;
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int now = TrackStates.state(batch, b, t, k);
                    boolean cut = TrackStates.state(batch, b, t + 1, k) != now;
                    ap.add(Math.min(1, Math.max(0, TrackStates.changeProbability(p, b, t, k, now))), cut);
                }
            }
        }
    }

    /**
     * Cut counts of window {@code b} of a batch at one threshold: matched, predicted and true cuts, over
     * its tracks (what {@link CutScorer} pools), for resampling windows in a bootstrap.
     */
    public static long[] cutCounts(WindowBatch batch, Predictions p, int b, double threshold, int tolerance) {
        int length = batch.length();
        int[] truth = new int[length];
        int[] predicted = new int[length];
        long[] out = new long[3];
        for (int k = 0; k < WindowBatch.TRACKS; k++) {
            int nTruth = 0;
            int nPredicted = 0;
            for (int t = 0; t + 1 < length; t++) {
                if (!TrackStates.scored(batch, b, t)) continue;
                int now = TrackStates.state(batch, b, t, k);
                if (TrackStates.state(batch, b, t + 1, k) != now) truth[nTruth++] = t + 1;
                if (TrackStates.changeProbability(p, b, t, k, now) >= threshold) predicted[nPredicted++] = t + 1;
            }
            out[0] += CutMatching.matches(truth, nTruth, predicted, nPredicted, tolerance);
            out[1] += nPredicted;
            out[2] += nTruth;
        }
        return out;
    }

    /** Regression error on the values that move inside a clip. */
    static final class MotionError {
        private double absError;
        private long values;

        void add(WindowBatch batch, Predictions p) {
            int length = batch.length();
            int r = WindowBatch.REGRESSIONS;
            for (int b = 0; b < batch.size(); b++) {
                for (int t = 0; t + 1 < length; t++) {
                    if (!TrackStates.scored(batch, b, t)) continue;
                    for (int k = 0; k < WindowBatch.TRACKS; k++) {
                        int now = TrackStates.state(batch, b, t, k);
                        if (now == TrackStates.OFF || TrackStates.state(batch, b, t + 1, k) != now) continue;
                        int at = TrackStates.index(length, b, t, k);
                        int next = TrackStates.index(length, b, t + 1, k);
                        int predictedAt = TrackStates.index(length, b, t, k);
                        for (int f = 0; f < r; f++) {
                            float before = batch.regression()[at * r + f];
                            float target = batch.regression()[next * r + f];
                            if (before == target) continue;
                            absError += Math.abs(p.regression()[predictedAt * r + f] - target);
                            values++;
                        }
                    }
                }
            }
        }

        long count() {
            return values;
        }

        double mae() {
            return values == 0 ? 0 : absError / values;
        }
    }
}
