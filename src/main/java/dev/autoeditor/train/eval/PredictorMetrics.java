package dev.autoeditor.train.eval;

import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.util.OrderedMaps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One predictor's scores on one split; see {@link FrameScorer} and {@link CutScorer} for the
 * definitions.
 *
 * @param predictor     the predictor's name
 * @param cutThreshold  the change-probability threshold used for cuts (tuned on the validation split)
 * @param trackFrames   track-positions scored (windows x scored positions x tracks)
 * @param activeTargets track-positions whose target is active (asset and regression are scored there)
 * @param maeOriginal   per regression field, MAE in original units
 */
public record PredictorMetrics(
        String predictor,
        double cutThreshold,
        long trackFrames,
        long activeTargets,
        double activeAccuracy,
        double activePrecision,
        double activeRecall,
        double activeF1,
        double assetAccuracy,
        Map<String, Double> maeOriginal,
        double maeNormalised,
        long trueCuts,
        long predictedCuts,
        long matchedCuts,
        double cutPrecision,
        double cutRecall,
        double cutF1) {

    public static PredictorMetrics of(String predictor, double threshold, FrameScorer frames, BinaryCounts cuts) {
        Map<String, Double> mae = new LinkedHashMap<>();
        for (int f = 0; f < KeyframeColumns.REGRESSIONS; f++) {
            mae.put(KeyframeColumns.REGRESSION_FIELDS.get(f), frames.maeOriginal(f));
        }
        BinaryCounts a = frames.active();
        return new PredictorMetrics(predictor, threshold, a.total(), frames.activeTargets(),
                a.accuracy(), a.precision(), a.recall(), a.f1(), frames.assetAccuracy(),
                OrderedMaps.copyOf(mae), frames.maeNormalised(),
                cuts.truePositives() + cuts.falseNegatives(),
                cuts.truePositives() + cuts.falsePositives(),
                cuts.truePositives(), cuts.precision(), cuts.recall(), cuts.f1());
    }
}
