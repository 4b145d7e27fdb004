package dev.autoeditor.train.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.OrderedMaps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The evaluation table: every predictor's metrics on one split, side by side, with what produced it.
 *
 * @param split         the split scored ("test", "val", ...)
 * @param windows       windows scored
 * @param cutTolerance  cut matching tolerance, sampled frames
 * @param trainCutRates per-frame cut rates of the training split (the random cutter's rates)
 * @param thresholdFrom where the cut thresholds came from: "val" (tuned here), "checkpoint" (tuned when the model was trained) or "default"
 * @param predictors    one entry per predictor, the model first
 * @param provenance    checkpoint, data, config hash, seed, version, time
 */
public record EvaluationReport(String split, int windows, int cutTolerance, CutRates trainCutRates,
                               String thresholdFrom, List<PredictorMetrics> predictors,
                               Map<String, Object> provenance) {
    /** Format 2: the random cutter draws each window's stream with util.Seeds, so its figures differ from format 1's. */
    public static final String FORMAT = "auto-editor-evaluation/2";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Units of the regression fields in original (denormalised) terms. */
    private static final Map<String, Object> UNITS = OrderedMaps.of(
            "scale", "%", "pos_x", "frame", "pos_y", "frame",
            "crop_left", "%", "crop_right", "%", "crop_top", "%", "crop_bottom", "%");

    /** The table as aligned text, one metric per row and one predictor per column. */
    public String toTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(header());
        row(rows, "active accuracy", m -> fixed(m.activeAccuracy()));
        row(rows, "active F1", m -> fixed(m.activeF1()));
        row(rows, "asset accuracy (active targets)", m -> fixed(m.assetAccuracy()));
        for (String field : KeyframeColumns.REGRESSION_FIELDS) {
            row(rows, "MAE " + field + " (" + UNITS.get(field) + ")", m -> fixed(m.maeOriginal().get(field)));
        }
        row(rows, "MAE mean (normalised)", m -> fixed(m.maeNormalised()));
        row(rows, "cut precision", m -> fixed(m.cutPrecision()));
        row(rows, "cut recall", m -> fixed(m.cutRecall()));
        row(rows, "cut F1 (+-" + cutTolerance + " frames)", m -> fixed(m.cutF1()));
        row(rows, "cuts predicted / true", m -> m.predictedCuts() + " / " + m.trueCuts());
        row(rows, "cut threshold (" + thresholdFrom + ")", m -> String.format(Locale.ROOT, "%.2f", m.cutThreshold()));

        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "split %s: %d windows, %d track-positions, %d active targets; "
                        + "training cut rate %.4f per track-frame%n",
                split, windows, predictors.isEmpty() ? 0 : predictors.get(0).trackFrames(),
                predictors.isEmpty() ? 0 : predictors.get(0).activeTargets(), trainCutRates.overall()));
        for (String[] r : rows) {
            sb.append(pad(r[0], width[0], false));
            for (int c = 1; c < r.length; c++) sb.append("  ").append(pad(r[c], width[c], true));
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private String[] header() {
        String[] h = new String[predictors.size() + 1];
        h[0] = "metric";
        for (int i = 0; i < predictors.size(); i++) h[i + 1] = predictors.get(i).predictor();
        return h;
    }

    private void row(List<String[]> rows, String label, Function<PredictorMetrics, String> value) {
        String[] r = new String[predictors.size() + 1];
        r[0] = label;
        for (int i = 0; i < predictors.size(); i++) r[i + 1] = value.apply(predictors.get(i));
        rows.add(r);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    /** The report as a JSON document (what {@code --json} writes). */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("split", split);
        doc.put("windows", windows);
        doc.put("cut_tolerance", cutTolerance);
        doc.put("threshold_from", thresholdFrom);
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("overall", trainCutRates.overall());
        rates.put("per_track", trainCutRates.perTrack());
        rates.put("cuts", trainCutRates.cuts());
        rates.put("positions", trainCutRates.positions());
        doc.put("train_cut_rate", rates);
        Map<String, Object> byName = new LinkedHashMap<>();
        for (PredictorMetrics m : predictors) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("cut_threshold", m.cutThreshold());
            e.put("track_positions", m.trackFrames());
            e.put("active_targets", m.activeTargets());
            e.put("active_accuracy", m.activeAccuracy());
            e.put("active_precision", m.activePrecision());
            e.put("active_recall", m.activeRecall());
            e.put("active_f1", m.activeF1());
            e.put("asset_accuracy", m.assetAccuracy());
            Map<String, Object> mae = new LinkedHashMap<>();
            for (String field : KeyframeColumns.REGRESSION_FIELDS) mae.put(field, m.maeOriginal().get(field));
            e.put("mae_original", mae);
            e.put("mae_normalised", m.maeNormalised());
            e.put("cuts_true", m.trueCuts());
            e.put("cuts_predicted", m.predictedCuts());
            e.put("cuts_matched", m.matchedCuts());
            e.put("cut_precision", m.cutPrecision());
            e.put("cut_recall", m.cutRecall());
            e.put("cut_f1", m.cutF1());
            byName.put(m.predictor(), e);
        }
        doc.put("predictors", byName);
        doc.put("provenance", provenance);
        return doc;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonTree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the JSON atomically. */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson() + "\n");
    }
}
