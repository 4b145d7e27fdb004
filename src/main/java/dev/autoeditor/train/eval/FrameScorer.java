package dev.autoeditor.train.eval;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Predictions;

/**
 * Frame-level scores of next-frame predictions, over every track at every scored position (frames t
 * and t+1 both real):
 * <ul>
 *   <li>active: predicted on when its probability is at least 0.5; accuracy, and precision, recall
 *       and F1 with "on" as the positive class;</li>
 *   <li>asset accuracy on active targets: the most probable class (lowest index on ties) against the
 *       true class, where the track is on at t+1;</li>
 *   <li>regression MAE where the target is active, per field in original units (prediction and target
 *       both denormalised with the {@link Normaliser}), and the mean over fields in normalised units.</li>
 * </ul>
 */
public final class FrameScorer {
    private final Normaliser normaliser;
    private final BinaryCounts active = new BinaryCounts();
    private long assetCorrect;
    private long assetTotal;
    private final double[] absErrorOriginal = new double[WindowBatch.REGRESSIONS];
    private double absErrorNormalised;
    private long regressionTargets;

    public FrameScorer(Normaliser normaliser) {
        this.normaliser = normaliser;
    }

    public void add(WindowBatch batch, Predictions p) {
        int length = batch.length();
        int classes = p.classes();
        int r = WindowBatch.REGRESSIONS;
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t + 1 < length; t++) {
                if (!TrackStates.scored(batch, b, t)) continue;
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int pi = TrackStates.index(length, b, t, k);
                    int ti = TrackStates.index(length, b, t + 1, k);
                    boolean targetOn = batch.active()[ti] > 0.5f;
                    active.add(p.activeProb()[pi] >= 0.5f, targetOn);
                    if (!targetOn) continue;
                    assetTotal++;
                    if (argmax(p.assetProbs(), pi * classes, classes) == batch.assetClass()[ti]) assetCorrect++;
                    regressionTargets++;
                    for (int f = 0; f < r; f++) {
                        double predicted = p.regression()[pi * r + f];
                        double target = batch.regression()[ti * r + f];
                        absErrorNormalised += Math.abs(predicted - target) / r;
                        absErrorOriginal[f] += Math.abs(normaliser.denormalise(f, predicted) - normaliser.denormalise(f, target));
                    }
                }
            }
        }
    }

    static int argmax(float[] values, int offset, int n) {
        int best = 0;
        for (int c = 1; c < n; c++) if (values[offset + c] > values[offset + best]) best = c;
        return best;
    }

    public BinaryCounts active() {
        return active;
    }

    public double assetAccuracy() {
        return assetTotal == 0 ? 0 : (double) assetCorrect / assetTotal;
    }

    public long activeTargets() {
        return assetTotal;
    }

    /** Mean absolute error of regression field f in original units. */
    public double maeOriginal(int f) {
        return regressionTargets == 0 ? 0 : absErrorOriginal[f] / regressionTargets;
    }

    public double maeNormalised() {
        return regressionTargets == 0 ? 0 : absErrorNormalised / regressionTargets;
    }
}
