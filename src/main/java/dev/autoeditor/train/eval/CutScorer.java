package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Predictions;

/**
 * Cut-point precision, recall and F1 at one or more change-probability thresholds, micro-averaged:
 * matches, predicted cuts and true cuts are summed over every track of every window before the scores
 * are taken. Per track of a window, a true cut at frame t+1 is a change of {@link TrackStates#state}
 * from frame t; a predicted cut at t+1 is a position t whose change probability reaches the threshold.
 * Only positions where frames t and t+1 are both real count (padding is excluded). Predicted and true
 * cuts are matched one to one within the tolerance ({@link CutMatching}).
 */
public final class CutScorer {
    private final double[] thresholds;
    private final int tolerance;
    private final BinaryCounts[] counts;

    public CutScorer(double[] thresholds, int tolerance) {
        if (thresholds.length == 0) throw new IllegalArgumentException("at least one threshold");
        this.thresholds = thresholds.clone();
        this.tolerance = tolerance;
        this.counts = new BinaryCounts[thresholds.length];
        for (int i = 0; i < counts.length; i++) counts[i] = new BinaryCounts();
    }

    public void add(WindowBatch batch, Predictions predictions) {
        int length = batch.length();
        int[] truth = new int[length];
        int[][] predicted = new int[thresholds.length][length];
        int[] nPredicted = new int[thresholds.length];
        for (int b = 0; b < batch.size(); b++) {
            for (int k = 0; k < WindowBatch.TRACKS; k++) {
                int nTruth = 0;
                java.util.Arrays.fill(nPredicted, 0);
                for (int t = 0; t + 1 < length; t++) {
                    if (!TrackStates.scored(batch, b, t)) continue;
                    int now = TrackStates.state(batch, b, t, k);
                    if (TrackStates.state(batch, b, t + 1, k) != now) truth[nTruth++] = t + 1;
                    double change = TrackStates.changeProbability(predictions, b, t, k, now);
                    for (int h = 0; h < thresholds.length; h++) {
                        if (change >= thresholds[h]) predicted[h][nPredicted[h]++] = t + 1;
                    }
                }
                for (int h = 0; h < thresholds.length; h++) {
                    int matched = CutMatching.matches(truth, nTruth, predicted[h], nPredicted[h], tolerance);
                    counts[h].add(matched, nPredicted[h] - matched, nTruth - matched, 0);
                }
            }
        }
    }

    public double threshold(int i) {
        return thresholds[i];
    }

    public int thresholds() {
        return thresholds.length;
    }

    /** Counts at threshold {@code i} (true negatives are not defined for cut points and stay 0). */
    public BinaryCounts counts(int i) {
        return counts[i];
    }

    /**
     * The threshold with the highest F1; ties go to the threshold nearest 0.5, so a predictor whose
     * probabilities are all 0 or 1 (the baselines) gets 0.5.
     */
    public double bestThreshold() {
        int best = 0;
        for (int i = 1; i < thresholds.length; i++) {
            double f = counts[i].f1();
            double fb = counts[best].f1();
            if (f > fb || (f == fb && Math.abs(thresholds[i] - 0.5) < Math.abs(thresholds[best] - 0.5))) best = i;
        }
        return thresholds[best];
    }
}
