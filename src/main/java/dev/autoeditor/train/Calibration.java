package dev.autoeditor.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model needs to be scored on exports it has never seen, decided on its own data when its
 * training ends: each predictor's cut threshold tuned on the validation split at
 * {@code evaluate.cut_tolerance}, and the training split's per-track cut rates (the random cutter's
 * rates). Stored in the checkpoint, so {@code evaluate --input} uses the model's own thresholds.
 *
 * @param cutTolerance  the cut tolerance the thresholds were tuned at, sampled frames
 * @param maxWindows    windows used from each split (0 = all)
 * @param thresholdFrom "val" (tuned on the validation split) or "default" (no validation windows)
 * @param thresholds    predictor name (model, persistence, random-cutter) to its cut threshold
 * @param cutRates      per-track cut rates of the training split
 * @param overallRate   cuts over positions, all tracks pooled
 * @param cuts          cuts counted on the training split
 * @param positions     track-positions counted
 * @param trainWindows  training windows measured
 * @param valWindows    validation windows tuned on
 */
public record Calibration(int cutTolerance, int maxWindows, String thresholdFrom, Map<String, Double> thresholds,
                          List<Double> cutRates, double overallRate, long cuts, long positions, int trainWindows, int valWindows) {
    public Calibration {
        thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        cutRates = List.copyOf(cutRates);
    }

    /** The threshold of {@code predictor}; fails naming the ones known. */
    public double threshold(String predictor) {
        Double t = thresholds.get(predictor);
        if (t == null) throw new IllegalArgumentException("no cut threshold for " + predictor + " (have " + thresholds.keySet() + ")");
        return t;
    }

    public double[] cutRatesArray() {
        return cutRates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cut_tolerance", cutTolerance);
        m.put("max_windows", maxWindows);
        m.put("threshold_from", thresholdFrom);
        m.put("thresholds", thresholds);
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("overall", overallRate);
        rates.put("per_track", cutRates);
        rates.put("cuts", cuts);
        rates.put("positions", positions);
        m.put("train_cut_rate", rates);
        Map<String, Object> windows = new LinkedHashMap<>();
        windows.put("train", trainWindows);
        windows.put("val", valWindows);
        m.put("windows", windows);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Calibration fromMap(Map<String, Object> m) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("thresholds")).forEach((k, v) -> thresholds.put(k, ((Number) v).doubleValue()));
        Map<String, Object> rates = (Map<String, Object>) m.get("train_cut_rate");
        List<Double> perTrack = ((List<Number>) rates.get("per_track")).stream().map(Number::doubleValue).toList();
        Map<String, Object> windows = (Map<String, Object>) m.get("windows");
        return new Calibration(((Number) m.get("cut_tolerance")).intValue(), ((Number) m.get("max_windows")).intValue(),
                (String) m.get("threshold_from"), thresholds, perTrack, ((Number) rates.get("overall")).doubleValue(),
                ((Number) rates.get("cuts")).longValue(), ((Number) rates.get("positions")).longValue(),
                ((Number) windows.get("train")).intValue(), ((Number) windows.get("val")).intValue());
    }
}
