package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoeditor.util.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The data: projects, sequences, frames and windows per split (splits.json, windows.json), and from
 * one pass over data/keyframes.csv the cut rate, a histogram of shot lengths and the number of
 * visible tracks per frame, per split.
 */
final class DataSection {
    static final String ID = "data";
    static final String TITLE = "Data";
    static final String SPLITS = "data/preprocessed/splits.json";
    static final String NORMALISER = "data/preprocessed/normaliser.json";
    static final String WINDOWS = "data/windows/windows.json";
    static final String KEYFRAMES = "data/keyframes.csv";
    private static final List<String> ORDER = List.of("train", "val", "test");
    private static final String DROPPED = "dropped duplicates";

    private DataSection() {}

    static Optional<Section> build(RunFiles files) {
        if (!files.exists(SPLITS) && !files.exists(WINDOWS) && !files.exists(KEYFRAMES)) return Optional.empty();
        List<String> problems = new ArrayList<>();
        JsonNode splits = files.exists(SPLITS) ? files.json(SPLITS, problems).orElse(null) : null;
        JsonNode windows = files.exists(WINDOWS) ? files.json(WINDOWS, problems).orElse(null) : null;
        Map<String, String> splitOf = new LinkedHashMap<>();
        if (splits != null) {
            for (String split : ORDER) {
                for (JsonNode p : splits.path("projects").path(split)) splitOf.put(p.asText(), split);
            }
        }
        Map<String, KeyframeStats.Split> stats = null;
        if (files.exists(KEYFRAMES)) {
            try {
                stats = KeyframeStats.measure(files.resolve(KEYFRAMES), splitOf, splits == null ? List.of() : ORDER,
                        splits == null ? "all" : DROPPED);
            } catch (UserException | java.io.UncheckedIOException e) {
                problems.add(KEYFRAMES + " cannot be read to the end: " + e.getMessage());
            }
        }
        Html h = new Html();
        h.problems(problems);
        h.raw(splitTable(splits, windows, stats));
        if (splits != null && splits.path("duplicates").path("dropped").asInt(0) > 0) {
            h.note(splits.path("duplicates").path("dropped").asInt() + " exact re-exports were dropped by preprocess ("
                    + splits.path("duplicates").path("rows_dropped").asText() + " frames); they are counted apart above.");
        }
        if (stats != null) {
            List<ChartImage> charts = new ArrayList<>();
            shotHistogram(stats).ifPresent(charts::add);
            visibleTracks(stats).ifPresent(charts::add);
            h.grid(charts);
            h.note("A cut is a change of a track's state (off, or the source it shows) between consecutive sampled frames; "
                    + "the rate per track-frame pools all 20 tracks, as the evaluation's random cutter does. A shot is a run of "
                    + "frames in which a track shows one source.");
        }
        if (files.exists(NORMALISER)) {
            List<String> normProblems = new ArrayList<>();
            files.json(NORMALISER, normProblems).ifPresent(n -> h.details("Normaliser fitted on the training split ("
                    + n.path("method").asText("?") + ")", normaliserTable(n)));
            h.problems(normProblems);
            problems.addAll(normProblems);
        }
        return Optional.of(new Section(ID, TITLE, h.toString(), problems));
    }

    private static String splitTable(JsonNode splits, JsonNode windows, Map<String, KeyframeStats.Split> stats) {
        List<String> names = new ArrayList<>(ORDER);
        if (stats != null) for (String s : stats.keySet()) if (!names.contains(s)) names.add(s);
        List<List<String>> rows = new ArrayList<>();
        for (String split : names) {
            KeyframeStats.Split s = stats == null ? null : stats.get(split);
            JsonNode counts = splits == null ? null : splits.path("counts").path(split);
            JsonNode win = windows == null ? null : windows.path("splits").path(split);
            if (s == null && (counts == null || counts.isMissingNode()) && (win == null || win.isMissingNode())) continue;
            rows.add(List.of(split,
                    counts != null && counts.has("projects") ? counts.path("projects").asText() : "",
                    s != null ? Long.toString(s.sequences) : win != null && win.has("sequences") ? win.path("sequences").asText() : "",
                    s != null ? Long.toString(s.frames) : counts != null && counts.has("rows") ? counts.path("rows").asText() : "",
                    s != null ? String.format(Locale.ROOT, "%.1f", s.seconds / 60) : "",
                    win != null && win.has("windows") ? win.path("windows").asText() : "",
                    s != null ? fixed(s.cutsPerMinute(), 1) : "",
                    s != null ? fixed(s.cutRatePerTrackFrame(), 5) : "",
                    s != null ? fixed(s.medianShotSeconds(), 1) : "",
                    s != null ? fixed(s.meanVisibleTracks(), 2) : ""));
        }
        if (rows.isEmpty()) return "";
        return new Html().table(List.of("split", "projects", "sequences", "frames", "minutes", "windows", "cuts per minute",
                "cut rate per track-frame", "median shot (s)", "visible tracks per frame (mean)"), rows).toString();
    }

    private static Optional<ChartImage> shotHistogram(Map<String, KeyframeStats.Split> stats) {
        List<Double> all = new ArrayList<>();
        for (KeyframeStats.Split s : stats.values()) all.addAll(s.shotSeconds);
        if (all.isEmpty()) return Optional.empty();
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p95 = sorted[(int) Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))];
        double step = TimelinePicture.niceStep(Math.max(p95, 1e-3) / 12);
        int bins = (int) Math.ceil(p95 / step) + 1; // the last bin holds everything longer
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            labels.add(b == bins - 1 ? ">= " + trim(b * step) : trim(b * step) + "-" + trim((b + 1) * step));
        }
        Map<String, double[]> share = new LinkedHashMap<>();
        for (KeyframeStats.Split s : stats.values()) {
            if (s.shotSeconds.isEmpty()) continue;
            double[] counts = new double[bins];
            for (double v : s.shotSeconds) counts[(int) Math.min(bins - 1, Math.floor(v / step))]++;
            for (int b = 0; b < bins; b++) counts[b] = 100.0 * counts[b] / s.shotSeconds.size();
            share.put(s.name + " (" + s.shotSeconds.size() + " shots)", counts);
        }
        return Optional.of(Charts.bars("Shot lengths", "seconds", "% of the split's shots", labels, share, false));
    }

    private static Optional<ChartImage> visibleTracks(Map<String, KeyframeStats.Split> stats) {
        int max = 0;
        for (KeyframeStats.Split s : stats.values()) {
            for (int v = 0; v < s.visibleTracks.length; v++) if (s.visibleTracks[v] > 0) max = Math.max(max, v);
        }
        List<String> labels = new ArrayList<>();
        for (int v = 0; v <= max; v++) labels.add(Integer.toString(v));
        Map<String, double[]> share = new LinkedHashMap<>();
        for (KeyframeStats.Split s : stats.values()) {
            if (s.frames == 0) continue;
            double[] pct = new double[max + 1];
            for (int v = 0; v <= max; v++) pct[v] = 100.0 * s.visibleTracks[v] / s.frames;
            share.put(s.name, pct);
        }
        if (share.isEmpty()) return Optional.empty();
        return Optional.of(Charts.bars("Visible tracks per frame", "tracks showing a clip", "% of the split's frames", labels, share, false));
    }

    private static String normaliserTable(JsonNode n) {
        List<List<String>> rows = new ArrayList<>();
        JsonNode fields = n.path("fields");
        for (int i = 0; i < fields.size(); i++) {
            rows.add(List.of(fields.get(i).asText(), Html.number(n.path("center").path(i).asDouble(Double.NaN)),
                    Html.number(n.path("scale").path(i).asDouble(Double.NaN))));
        }
        return new Html().table(List.of("field", "center", "scale"), rows).toString();
    }

    private static String fixed(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "n/a";
    }

    private static String trim(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
