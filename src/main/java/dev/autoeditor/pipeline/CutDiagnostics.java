package dev.autoeditor.pipeline;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.train.eval.BinaryCounts;
import dev.autoeditor.train.eval.CutMatching;
import dev.autoeditor.train.eval.TrackStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the evaluation table pools and the report shows apart, measured in one more pass over the
 * scored split with each predictor's tuned threshold: cut precision, recall and F1 per track (the
 * same definitions and matching as {@code CutScorer}, so the tracks' counts add up to the table's),
 * and the calibration of the first predictor's change probability (the model's): per probability
 * bin, how many track-positions fell in it, their mean predicted probability and how often the track
 * really changed state.
 */
final class CutDiagnostics {
    /** Bin edges of the calibration: fine near 0, where the probability of a cut almost always lies. */
    static final double[] CALIBRATION_EDGES = {0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    private final int tolerance;
    private final List<BinaryCounts[]> perTrack = new ArrayList<>();
    private final long[] binCount = new long[CALIBRATION_EDGES.length - 1];
    private final long[] binCuts = new long[CALIBRATION_EDGES.length - 1];
    private final double[] binSum = new double[CALIBRATION_EDGES.length - 1];
    private double squaredError;

    private CutDiagnostics(int predictors, int tolerance) {
        this.tolerance = tolerance;
        for (int i = 0; i < predictors; i++) {
            BinaryCounts[] tracks = new BinaryCounts[WindowBatch.TRACKS];
            for (int k = 0; k < tracks.length; k++) tracks[k] = new BinaryCounts();
            perTrack.add(tracks);
        }
    }

    /**
     * Scores the first {@code maxWindows} windows (0 = all) of {@code data}, in batches, with the
     * given per-predictor thresholds; calibration is of {@code predictors.get(0)}.
     */
    static CutDiagnostics measure(List<FramePredictor> predictors, double[] thresholds, WindowDataset data, int tolerance,
                                  int batchSize, int maxWindows) {
        CutDiagnostics d = new CutDiagnostics(predictors.size(), tolerance);
        int n = maxWindows > 0 ? Math.min(maxWindows, data.size()) : data.size();
        for (int start = 0; start < n; start += batchSize) {
            int size = Math.min(batchSize, n - start);
            WindowBatch batch = WindowBatch.allocate(size, data.length());
            for (int row = 0; row < size; row++) data.read(start + row, batch, row);
            for (int i = 0; i < predictors.size(); i++) {
                Predictions p = predictors.get(i).predict(batch);
                d.addCuts(i, batch, p, thresholds[i]);
                if (i == 0) d.addCalibration(batch, p);
            }
        }
        return d;
    }

    private void addCuts(int predictor, WindowBatch batch, Predictions p, double threshold) {
        int length = batch.length();
        int[] truth = new int[length];
        int[] predicted = new int[length];
        for (int b = 0; b < batch.size(); b++) {
            for (int k = 0; k < WindowBatch.TRACKS; k++) {
                int nTruth = 0;
                int nPredicted = 0;
                for (int t = 0; t + 1 < length; t++) {
                    if (!TrackStates.scored(batch, b, t)) continue;
                    int now = TrackStates.state(batch, b, t, k);
                    if (TrackStates.state(batch, b, t + 1, k) != now) truth[nTruth++] = t + 1;
                    if (TrackStates.changeProbability(p, b, t, k, now) >= threshold) predicted[nPredicted++] = t + 1;
                }
                int matched = CutMatching.matches(truth, nTruth, predicted, nPredicted, tolerance);
                perTrack.get(predictor)[k].add(matched, nPredicted - matched, nTruth - matched, 0);
            }
        }
    }

    private void addCalibration(WindowBatch batch, Predictions p) {
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t + 1 < batch.length(); t++) {
                if (!TrackStates.scored(batch, b, t)) continue;
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int now = TrackStates.state(batch, b, t, k);
                    boolean cut = TrackStates.state(batch, b, t + 1, k) != now;
                    double prob = Math.max(0, Math.min(1, TrackStates.changeProbability(p, b, t, k, now)));
                    int bin = bin(prob);
                    binCount[bin]++;
                    binSum[bin] += prob;
                    if (cut) binCuts[bin]++;
                    double err = prob - (cut ? 1 : 0);
                    squaredError += err * err;
                }
            }
        }
    }

    /** The bin of probability p: edges[i] <= p < edges[i+1], with 1 in the last bin. */
    static int bin(double p) {
        for (int i = 1; i < CALIBRATION_EDGES.length - 1; i++) if (p < CALIBRATION_EDGES[i]) return i - 1;
        return CALIBRATION_EDGES.length - 2;
    }

    /** Per-track counts of predictor i, as {@code per_track} entries (track 1-based). */
    List<Map<String, Object>> perTrackJson(int predictor) {
        List<Map<String, Object>> out = new ArrayList<>();
        BinaryCounts[] tracks = perTrack.get(predictor);
        for (int k = 0; k < tracks.length; k++) {
            BinaryCounts c = tracks[k];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("track", k + 1);
            m.put("cuts_true", c.truePositives() + c.falseNegatives());
            m.put("cuts_predicted", c.truePositives() + c.falsePositives());
            m.put("cuts_matched", c.truePositives());
            m.put("cut_precision", c.precision());
            m.put("cut_recall", c.recall());
            m.put("cut_f1", c.f1());
            out.add(m);
        }
        return out;
    }

    /** The {@code calibration} array: one entry per bin, empty bins with null means. */
    List<Map<String, Object>> calibrationJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < binCount.length; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("p_low", CALIBRATION_EDGES[i]);
            m.put("p_high", CALIBRATION_EDGES[i + 1]);
            m.put("count", binCount[i]);
            m.put("cuts", binCuts[i]);
            m.put("predicted_mean", binCount[i] == 0 ? null : binSum[i] / binCount[i]);
            m.put("observed_rate", binCount[i] == 0 ? null : (double) binCuts[i] / binCount[i]);
            out.add(m);
        }
        return out;
    }

    /**
     * {@code calibration_summary}: positions, cuts, the expected calibration error (bin-weighted mean
     * of |mean predicted - observed rate|) and the Brier score (mean squared error of the probability).
     */
    Map<String, Object> calibrationSummary(String predictor) {
        long positions = 0;
        long cuts = 0;
        double ece = 0;
        for (int i = 0; i < binCount.length; i++) {
            positions += binCount[i];
            cuts += binCuts[i];
        }
        for (int i = 0; i < binCount.length; i++) {
            if (binCount[i] == 0) continue;
            ece += (double) binCount[i] / positions * Math.abs(binSum[i] / binCount[i] - (double) binCuts[i] / binCount[i]);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("predictor", predictor);
        m.put("positions", positions);
        m.put("cuts", cuts);
        m.put("ece", positions == 0 ? null : ece);
        m.put("brier", positions == 0 ? null : squaredError / positions);
        m.put("bin_edges", CALIBRATION_EDGES.clone());
        return m;
    }

    /** Per-track counts of predictor i summed over tracks: {true, predicted, matched}. */
    long[] totals(int predictor) {
        long[] t = new long[3];
        for (BinaryCounts c : perTrack.get(predictor)) {
            t[0] += c.truePositives() + c.falseNegatives();
            t[1] += c.truePositives() + c.falsePositives();
            t[2] += c.truePositives();
        }
        return t;
    }
}
