package dev.autoeditor.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.table.AssetNumbering;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.train.Calibration;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.Progress;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate-generation}: generated continuations against the true ones. Every sequence with
 * video of the exports is cut into non-overlapping stretches of a context (the frames the model sees,
 * its window length - 1) and a horizon ({@code horizonSeconds}, 20 s); each horizon is generated
 * {@code samples} times by the model at the configured temperature (never tuned here), once by
 * persistence and {@code samples} times by the random cutter, all through the same loop and decoding
 * constraints. Per predictor and sequence the continuations' statistics are pooled
 * ({@link EditStatistics}) and compared with the true horizons': |cuts per minute - truth|, the
 * shot-length Wasserstein distance, |visible tracks - truth|, |source return rate - truth|, and the
 * Wasserstein distances of scale and of position (the mean of x and y); the report is the mean over
 * sequences (a sequence where a statistic is undefined on either side, such as a return rate without
 * cuts, is left out of that mean and counted).
 */
public final class GenerationEvaluation {
    private static final Logger log = LoggerFactory.getLogger(GenerationEvaluation.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String FORMAT = "auto-editor-generation-eval/1";
    public static final List<String> PREDICTORS = List.of("model", "persistence", "random-cutter");
    /** The metric keys of each predictor, in order (a contract). */
    public static final List<String> METRICS = List.of("cuts_per_min_abs_error", "shot_length_w1_s", "visible_tracks_abs_error",
            "source_return_rate_abs_error", "scale_w1", "position_w1");

    /** The evaluation's own settings. */
    public record Settings(double horizonSeconds, int samples) {
        public Settings {
            if (!(horizonSeconds > 0)) throw new IllegalArgumentException("horizon must be positive, got " + horizonSeconds);
            if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
    }

    /** The result: the JSON document (fixed key order) and the table. */
    public record Report(Map<String, Object> document, String table) {
        public void writeJson(Path file) throws IOException {
            AtomicFiles.writeString(file, JSON.writeValueAsString(document) + "\n");
        }
    }

    private GenerationEvaluation() {}

    /**
     * Evaluates {@code generator}'s model on {@code exports}; {@code source} describes where they came
     * from (a split of a run, or --input) for the report.
     */
    public static Report run(EditGenerator generator, List<Path> exports, Settings settings, Map<String, Object> source) throws IOException {
        Calibration calibration = generator.artifact().calibration().orElseThrow(() -> new UserException("model "
                + generator.artifact().json() + " was written before its training ended and has no training cut rates for the random"
                + " cutter; evaluate the best.json or last.json of a finished run"));
        long seed = generator.settings().seed();
        WindowSpec spec = WindowSpec.of(generator.artifact().data());
        List<ContinuationPolicy> policies = List.of(generator.modelPolicy(), new PersistencePolicy(spec.normaliser()),
                new RandomCutterPolicy(calibration.cutRatesArray(), Seeds.derive(seed, "evaluate-generation.random-cutter"), spec.normaliser()));
        int[] perPolicySamples = {settings.samples(), 1, settings.samples()};
        Generator loop = generator.generator();

        List<Map<String, Double>> bySequence = new ArrayList<>();
        List<Map<String, Object>> files = new ArrayList<>();
        EditStatistics truthAll = new EditStatistics();
        EditStatistics[] generatedAll = {new EditStatistics(), new EditStatistics(), new EditStatistics()};
        int sequences = 0;
        int contexts = 0;
        int tooShort = 0;
        int skippedFiles = 0;
        XmemlReader reader = XmemlReader.forEditing();
        Progress progress = Progress.start("evaluate-generation", exports.size(), "exports");
        for (Path file : exports) {
            progress.step(1);
            Project project;
            try {
                project = reader.read(file, w -> {});
            } catch (UserException e) {
                log.warn("not evaluated: {}", e.getMessage());
                skippedFiles++;
                continue;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", file.toAbsolutePath().normalize().toString());
            f.put("sha256", Hashing.sha256(file));
            int used = 0;
            for (Sequence s : project.sequences()) {
                List<PromptCut> cuts = segments(generator, project, s, file, settings.horizonSeconds());
                if (cuts == null) continue;
                if (cuts.isEmpty()) {
                    tooShort++;
                    continue;
                }
                int horizon = generator.framesFor(cuts.get(0), settings.horizonSeconds());
                EditStatistics truth = new EditStatistics();
                for (PromptCut cut : cuts) addTruth(truth, cut, horizon);
                for (PromptCut cut : cuts) addTruth(truthAll, cut, horizon);
                Map<String, Double> row = new LinkedHashMap<>();
                for (int p = 0; p < policies.size(); p++) {
                    List<GenerationPrompt> prompts = new ArrayList<>();
                    for (int i = 0; i < cuts.size(); i++) {
                        for (int j = 0; j < perPolicySamples[p]; j++) {
                            prompts.add(new GenerationPrompt(cuts.get(i), horizon, (long) (contexts + i) * perPolicySamples[p] + j));
                        }
                    }
                    EditStatistics generated = new EditStatistics();
                    for (Continuation c : loop.run(policies.get(p), prompts, StepListener.NONE)) {
                        addGenerated(generated, c);
                        addGenerated(generatedAll[p], c);
                    }
                    for (Map.Entry<String, Double> e : compare(generated, truth).entrySet()) {
                        row.put(PREDICTORS.get(p) + "/" + e.getKey(), e.getValue());
                    }
                }
                bySequence.add(row);
                sequences++;
                used++;
                contexts += cuts.size();
            }
            f.put("sequences", used);
            files.add(f);
        }
        progress.close();
        if (sequences == 0) {
            throw new UserException("no sequence of " + exports.size() + " export(s) is long enough for one context of " + spec.contextFrames()
                    + " frames and a " + settings.horizonSeconds() + " s horizon at " + generator.sampling() + " samples/s (" + tooShort
                    + " too short, " + skippedFiles + " files without video)");
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("model", generator.artifact().describe());
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("sample_fps", generator.sampling().toString());
        setup.put("context_frames", spec.contextFrames());
        setup.put("horizon_s", settings.horizonSeconds());
        Map<String, Object> perContext = new LinkedHashMap<>();
        for (int p = 0; p < PREDICTORS.size(); p++) perContext.put(PREDICTORS.get(p), perPolicySamples[p]);
        setup.put("samples_per_context", perContext);
        setup.put("temperature", generator.settings().temperature());
        setup.put("temperature_from", "config generate.temperature");
        setup.put("seed", seed);
        doc.put("settings", setup);
        doc.put("source", source);
        doc.put("sequences", sequences);
        doc.put("contexts", contexts);
        doc.put("sequences_too_short", tooShort);
        doc.put("files_without_video", skippedFiles);
        Map<String, Object> predictors = new LinkedHashMap<>();
        for (String name : PREDICTORS) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String metric : METRICS) m.put(metric, mean(bySequence, name + "/" + metric));
            Map<String, Object> counted = new LinkedHashMap<>();
            for (String metric : METRICS) counted.put(metric, count(bySequence, name + "/" + metric));
            m.put("sequences_counted", counted);
            predictors.put(name, m);
        }
        doc.put("predictors", predictors);
        doc.put("truth", statistics(truthAll));
        Map<String, Object> generated = new LinkedHashMap<>();
        for (int p = 0; p < PREDICTORS.size(); p++) generated.put(PREDICTORS.get(p), statistics(generatedAll[p]));
        doc.put("generated", generated);
        doc.put("files", files);
        Map<String, Object> settingsRecorded = new LinkedHashMap<>();
        settingsRecorded.put("generate.temperature", generator.settings().temperature());
        settingsRecorded.put("evaluate_generation.horizon_s", settings.horizonSeconds());
        settingsRecorded.put("evaluate_generation.samples", settings.samples());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("model", generator.artifact().info().weightsSha256());
        doc.put("provenance", Provenance.of("evaluate-generation", seed, settingsRecorded, inputs).toMap());
        return new Report(doc, table(doc));
    }

    /**
     * The prompt cuts of {@code s}: stretch i holds context samples [i(C+H), i(C+H)+C) and horizon
     * [i(C+H)+C, (i+1)(C+H)); null when the model cannot serve the sequence (no video, tracks above V20).
     */
    static List<PromptCut> segments(EditGenerator generator, Project project, Sequence s, Path file, double horizonSeconds) {
        PromptCut probe;
        int context = generator.policy().contextFrames();
        try {
            probe = generator.cut(project, s, null, file.toString());
        } catch (UserException e) {
            return null;
        }
        long samples = probe.firstSample();
        List<PromptCut> cuts = new ArrayList<>();
        long at = context;
        Integer horizon = null;
        while (true) {
            long frame = probe.frameOfSample(at);
            // Half a frame before the sampled frame: rounded up, the cut lands exactly on it.
            double seconds = (frame - 0.5) * s.rate().fpsDenominator() / s.rate().fpsNumerator();
            PromptCut cut = PromptCut.atSeconds(project, s, generator.sampling(), Math.max(0, seconds));
            if (cut.firstSample() != at) throw new IllegalStateException("cutting " + s.name() + " at sample " + at + " gave " + cut.firstSample());
            if (horizon == null) horizon = generator.framesFor(cut, horizonSeconds);
            if (at + horizon > samples) break;
            cuts.add(cut);
            at += horizon + context;
        }
        return cuts;
    }

    private static void addTruth(EditStatistics stats, PromptCut cut, int horizon) {
        long first = cut.firstSample();
        List<double[]> rows = new ArrayList<>(horizon);
        for (int j = 0; j < horizon; j++) rows.add(cut.originalRow(first + j));
        AssetNumbering numbering = AssetNumbering.of(cut.original(), KeyframeTable.TRACKS);
        stats.add(cut.originalRow(first - 1), rows, seconds(cut, horizon), a -> numbering.source(a).key(), shownBefore(cut));
    }

    private static void addGenerated(EditStatistics stats, Continuation c) {
        PromptCut cut = c.prompt().cut();
        List<Source> sources = c.builder().cursor().sources();
        IntFunction<String> key = a -> sources.get(a).key();
        stats.add(cut.contextRow(cut.firstSample() - 1), c.frames(), seconds(cut, c.generated()), key, shownBefore(cut));
    }

    private static Set<String> shownBefore(PromptCut cut) {
        Set<String> keys = new HashSet<>();
        for (Source s : cut.numbering().sources()) keys.add(s.key());
        return keys;
    }

    private static double[] seconds(PromptCut cut, int n) {
        double[] out = new double[n];
        var rate = cut.cut().rate();
        for (int j = 0; j < n; j++) {
            long from = cut.frameOfSample(cut.firstSample() + j);
            long to = cut.frameOfSample(cut.firstSample() + j + 1);
            out[j] = (double) (to - from) * rate.fpsDenominator() / rate.fpsNumerator();
        }
        return out;
    }

    /** One sequence's errors of a predictor against the truth (NaN where undefined). */
    static Map<String, Double> compare(EditStatistics generated, EditStatistics truth) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cuts_per_min_abs_error", Math.abs(generated.cutsPerMinute() - truth.cutsPerMinute()));
        m.put("shot_length_w1_s", EditStatistics.wasserstein1(generated.shotLengths(), truth.shotLengths()));
        m.put("visible_tracks_abs_error", Math.abs(generated.visibleTracks() - truth.visibleTracks()));
        m.put("source_return_rate_abs_error", Math.abs(generated.sourceReturnRate() - truth.sourceReturnRate()));
        m.put("scale_w1", EditStatistics.wasserstein1(generated.scales(), truth.scales()));
        m.put("position_w1", (EditStatistics.wasserstein1(generated.positionsX(), truth.positionsX())
                + EditStatistics.wasserstein1(generated.positionsY(), truth.positionsY())) / 2);
        return m;
    }

    private static Map<String, Object> statistics(EditStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minutes", finite(s.minutes()));
        m.put("cuts", s.cuts());
        m.put("cuts_per_min", finite(s.cutsPerMinute()));
        m.put("shots", s.shotLengths().length);
        m.put("shot_length_mean_s", finite(s.meanShotSeconds()));
        m.put("visible_tracks", finite(s.visibleTracks()));
        m.put("source_return_rate", finite(s.sourceReturnRate()));
        m.put("scale_mean", finite(mean(s.scales())));
        m.put("position_x_mean", finite(mean(s.positionsX())));
        m.put("position_y_mean", finite(mean(s.positionsY())));
        return m;
    }

    private static double mean(double[] v) {
        if (v.length == 0) return Double.NaN;
        double sum = 0;
        for (double x : v) sum += x;
        return sum / v.length;
    }

    private static Object mean(List<Map<String, Double>> rows, String key) {
        double sum = 0;
        int n = 0;
        for (Map<String, Double> r : rows) {
            Double v = r.get(key);
            if (v != null && Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static int count(List<Map<String, Double>> rows, String key) {
        int n = 0;
        for (Map<String, Double> r : rows) {
            Double v = r.get(key);
            if (v != null && Double.isFinite(v)) n++;
        }
        return n;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The predictors side by side, the best of each row marked, then the truth's statistics. */
    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> doc) {
        Map<String, Object> predictors = (Map<String, Object>) doc.get("predictors");
        String[] labels = {"|cuts per minute - truth|", "shot length W1 (s)", "|visible tracks - truth|", "|source return rate - truth|",
            "scale W1 (%)", "position W1 (frame)"};
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d sequences, %d contexts (lower is better; * best)%n", (Integer) doc.get("sequences"),
                (Integer) doc.get("contexts")));
        sb.append(String.format(Locale.ROOT, "%-30s", ""));
        for (String p : PREDICTORS) sb.append(String.format(Locale.ROOT, "%15s", p));
        sb.append('\n');
        for (int i = 0; i < METRICS.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%-30s", labels[i]));
            double best = Double.POSITIVE_INFINITY;
            for (String p : PREDICTORS) {
                Object v = ((Map<String, Object>) predictors.get(p)).get(METRICS.get(i));
                if (v instanceof Double d) best = Math.min(best, d);
            }
            for (String p : PREDICTORS) {
                Object v = ((Map<String, Object>) predictors.get(p)).get(METRICS.get(i));
                String cell = v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) + (d == best ? "*" : " ") : "n/a ";
                sb.append(String.format(Locale.ROOT, "%15s", cell));
            }
            sb.append('\n');
        }
        Map<String, Object> truth = (Map<String, Object>) doc.get("truth");
        Map<String, Object> generated = (Map<String, Object>) doc.get("generated");
        sb.append(String.format(Locale.ROOT, "%-30s%15s", "", "truth"));
        for (String p : PREDICTORS) sb.append(String.format(Locale.ROOT, "%15s", p));
        sb.append('\n');
        for (String[] row : new String[][] {{"cuts per minute", "cuts_per_min"}, {"mean shot length (s)", "shot_length_mean_s"},
            {"visible tracks", "visible_tracks"}, {"source return rate", "source_return_rate"}}) {
            sb.append(String.format(Locale.ROOT, "%-30s%15s", row[0], number(truth.get(row[1]))));
            for (String p : PREDICTORS) sb.append(String.format(Locale.ROOT, "%15s", number(((Map<String, Object>) generated.get(p)).get(row[1]))));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String number(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "n/a";
    }
}
