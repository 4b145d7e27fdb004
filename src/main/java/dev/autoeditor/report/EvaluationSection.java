package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The evaluation on the test split, from eval/test.json (evaluate's JSON layout): the metrics of the
 * model beside persistence and the random cutter, per-track cut F1, and the calibration of the cut
 * probability. Expected additions to evaluate's layout, written by the evaluate phase:
 * {@code predictors.<name>.per_track: [{track, cuts_true, cuts_predicted, cuts_matched, cut_precision,
 * cut_recall, cut_f1}]} and {@code calibration: [{p_low, p_high, count, cuts, predicted_mean,
 * observed_rate}]} with {@code calibration_summary: {predictor, positions, cuts, ece, brier}}.
 */
final class EvaluationSection {
    static final String ID = "evaluation";
    static final String TITLE = "Evaluation";
    static final String FILE = "eval/test.json";

    private EvaluationSection() {}

    static Optional<Section> build(RunFiles files) {
        if (!files.exists(FILE)) return Optional.empty();
        List<String> problems = new ArrayList<>();
        Html h = new Html();
        Optional<JsonNode> doc = files.json(FILE, problems);
        if (doc.isEmpty()) {
            h.problems(problems);
            return Optional.of(new Section(ID, TITLE, h.toString(), problems));
        }
        JsonNode d = doc.get();
        JsonNode predictors = d.path("predictors");
        if (!predictors.isObject() || predictors.size() == 0) {
            problems.add(FILE + " has no \"predictors\" object: it is not evaluate's JSON layout (" + d.path("format").asText("no format") + ")");
            h.problems(problems);
            return Optional.of(new Section(ID, TITLE, h.toString(), problems));
        }
        h.p(String.format(Locale.ROOT, "Split %s: %s windows; cuts match within %s sampled frames; cut thresholds tuned on %s.",
                d.path("split").asText("?"), d.path("windows").asText("?"), d.path("cut_tolerance").asText("?"),
                d.path("threshold_from").asText("?")));
        h.raw(metricsTable(predictors));
        JsonNode model = d.path("provenance").path("model");
        if (model.isObject()) {
            h.note("Model: " + model.path("checkpoint").asText("?") + " (step " + model.path("step").asText("?") + ", "
                    + model.path("parameters").asText("?") + " parameters).");
        }
        List<ChartImage> charts = new ArrayList<>();
        perTrack(predictors, problems).ifPresent(charts::add);
        calibration(d, problems).ifPresent(charts::add);
        h.problems(problems);
        h.grid(charts);
        if (d.path("calibration_summary").isObject()) {
            JsonNode c = d.path("calibration_summary");
            h.note(String.format(Locale.ROOT, "Calibration of the %s's cut probability over %s track-positions (%s cuts): expected calibration "
                            + "error %s, Brier score %s. A point above the diagonal means cuts happen more often than predicted.",
                    c.path("predictor").asText("model"), c.path("positions").asText("?"), c.path("cuts").asText("?"),
                    Json.cell(c.path("ece")), Json.cell(c.path("brier"))));
        }
        if (d.path("calibration").isArray()) h.details("Calibration bins", calibrationTable(d.path("calibration")));
        return Optional.of(new Section(ID, TITLE, h.toString(), problems));
    }

    private static String metricsTable(JsonNode predictors) {
        List<String> names = Json.fieldNames(predictors);
        Map<String, Map<String, JsonNode>> flat = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (String n : names) {
            Map<String, JsonNode> f = Json.flatten(predictors.get(n));
            f.keySet().removeIf(k -> k.startsWith("per_track"));
            flat.put(n, f);
            keys.addAll(f.keySet());
        }
        List<List<String>> rows = new ArrayList<>();
        for (String key : keys) {
            int better = direction(key);
            double best = best(names.stream().mapToDouble(n -> Json.number(flat.get(n).get(key))).toArray(), better);
            List<String> row = new ArrayList<>();
            row.add(key.replace('_', ' '));
            for (String n : names) {
                JsonNode v = flat.get(n).get(key);
                String text = Json.cell(v);
                boolean isBest = better != 0 && Double.isFinite(best) && Json.number(v) == best;
                row.add(isBest ? Html.cell("<strong>" + Html.esc(text) + "</strong>") : text);
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>();
        header.add("metric");
        header.addAll(names);
        return new Html().table(header, rows).toString() + "<p class=\"note\">Bold: the best value of a row where higher (accuracy, "
                + "precision, recall, F1) or lower (errors) is better.</p>\n";
    }

    /**
     * The best of a row's values in the given direction, or NaN when there is nothing to single out:
     * no direction, fewer than two numbers, or all of them equal.
     */
    static double best(double[] values, int direction) {
        if (direction == 0) return Double.NaN;
        double best = Double.NaN;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            finite++;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            if (Double.isNaN(best) || (direction > 0 ? v > best : v < best)) best = v;
        }
        return finite >= 2 && hi > lo ? best : Double.NaN;
    }

    /** +1 when higher is better, -1 when lower is, 0 when the row is a count or a setting. */
    static int direction(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("accuracy") || k.endsWith("precision") || k.endsWith("recall") || k.endsWith("f1") || k.endsWith("_ap")) return 1;
        // Throughput (distill's windows_per_s, frames_per_s_batch1), the reward model's score and the win rate: higher.
        if (k.contains("_per_s") || k.endsWith("reward_model_score") || k.equals("win_rate")) return 1;
        if (k.startsWith("mae") || k.contains("_mae") || k.contains("error") || k.endsWith("_w1") || k.endsWith("w1_s") || k.endsWith("loss")) return -1;
        return 0;
    }

    private static Optional<ChartImage> perTrack(JsonNode predictors, List<String> problems) {
        Map<String, Map<Integer, Double>> f1 = new LinkedHashMap<>();
        Set<Integer> tracks = new java.util.TreeSet<>();
        for (String n : Json.fieldNames(predictors)) {
            JsonNode pt = predictors.get(n).path("per_track");
            if (!pt.isArray()) continue;
            Map<Integer, Double> m = new LinkedHashMap<>();
            for (JsonNode t : pt) {
                int track = t.path("track").asInt(-1);
                if (track < 1) continue;
                m.put(track, Json.number(t.path("cut_f1")));
                if (t.path("cuts_true").asLong(0) > 0) tracks.add(track);
            }
            f1.put(n, m);
        }
        if (f1.isEmpty()) {
            problems.add(FILE + " has no per_track cut scores (predictors.<name>.per_track): it was written by `auto-editor evaluate --json`, "
                    + "not the evaluate phase; run `auto-editor full-run` to get them");
            return Optional.empty();
        }
        if (tracks.isEmpty()) return Optional.empty();
        List<String> labels = new ArrayList<>();
        for (int t : tracks) labels.add("V" + t);
        Map<String, double[]> series = new LinkedHashMap<>();
        f1.forEach((n, m) -> {
            double[] v = new double[labels.size()];
            int i = 0;
            for (int t : tracks) v[i++] = m.getOrDefault(t, Double.NaN);
            series.put(n, v);
        });
        return Optional.of(Charts.bars("Cut F1 per track (tracks with true cuts)", "track", "cut F1", labels, series, false, true));
    }

    private static Optional<ChartImage> calibration(JsonNode d, List<String> problems) {
        JsonNode bins = d.path("calibration");
        if (!bins.isArray()) {
            problems.add(FILE + " has no calibration bins (\"calibration\": [{p_low, p_high, count, predicted_mean, observed_rate}]); "
                    + "the evaluate phase writes them");
            return Optional.empty();
        }
        int n = bins.size();
        double[] predicted = new double[n];
        double[] observed = new double[n];
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            JsonNode b = bins.get(i);
            predicted[i] = Json.number(b.path("predicted_mean"));
            observed[i] = Json.number(b.path("observed_rate"));
            counts[i] = b.path("count").asLong(0);
        }
        return Optional.of(Charts.calibration("Calibration of the cut probability", predicted, observed, counts));
    }

    private static String calibrationTable(JsonNode bins) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode b : bins) {
            rows.add(List.of(Json.cell(b.path("p_low")) + " - " + Json.cell(b.path("p_high")), Json.cell(b.path("count")),
                    Json.cell(b.path("cuts")), Json.cell(b.path("predicted_mean")), Json.cell(b.path("observed_rate"))));
        }
        return new Html().table(List.of("predicted probability", "track-positions", "cuts", "mean predicted", "observed rate"), rows).toString();
    }
}
