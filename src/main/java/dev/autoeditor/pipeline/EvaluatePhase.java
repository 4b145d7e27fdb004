package dev.autoeditor.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.model.Backend;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.train.eval.EvaluationReport;
import dev.autoeditor.train.eval.ModelUnderTest;
import dev.autoeditor.train.eval.WindowEvaluation;
import dev.autoeditor.train.eval.Persistence;
import dev.autoeditor.train.eval.PredictorMetrics;
import dev.autoeditor.train.eval.RandomCutter;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The final model on the test split beside persistence and the random cutter: the table
 * {@code auto-editor evaluate} prints, written to eval/test.json in evaluate's JSON layout
 * ({@code auto-editor-evaluation/1}), with three additions the report draws: per-track cut scores
 * ({@code predictors.<name>.per_track}), calibration bins of the model's cut probability
 * ({@code calibration}, {@code calibration_summary}) and the machine and backend ({@code machine}).
 * The table as text goes to eval/test.txt, for full-run to print.
 */
public final class EvaluatePhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(EvaluatePhase.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String NAME = "evaluate";
    public static final String OUTPUT = "eval";
    public static final String TEST_JSON = "eval/test.json";
    public static final String TEST_TABLE = "eval/test.txt";

    /** Upstream: the windows and pretrain, the only model phase so far. */
    public EvaluatePhase() {
        this(List.of(PreprocessPhase.NAME, WindowPhase.NAME, PretrainPhase.NAME));
    }

    /** @param upstream the data phases and every model phase whose output can be the final model */
    public EvaluatePhase(List<String> upstream) {
        super(NAME, 1, upstream, List.of(OUTPUT));
    }

    @Override
    public List<String> configKeys(Config config) {
        List<String> keys = new ArrayList<>(config.keysUnder("evaluate"));
        keys.add("seed");
        return keys;
    }

    @Override
    public void checkSettings(Config config) {
        dev.autoeditor.train.eval.ThresholdCalibrator.Settings.from(config);
    }

    @Override
    public void run(PhaseContext context) throws IOException {
        RunLayout layout = context.layout();
        Config cfg = context.config();
        Path model = layout.finalModel().orElseThrow(() -> new UserException("no trained model in " + layout.root().resolve("checkpoints")
                + " to evaluate; run the training phases first (auto-editor full-run --run-dir " + layout.root() + ")"));
        Path windows = layout.windows();
        WindowEvaluation.Result evaluated = WindowEvaluation.run(model, windows, Split.TEST, cfg);
        ModelUnderTest loaded = evaluated.model();
        EvaluationReport report = evaluated.report();

        // One more pass with the thresholds tuned on validation: per-track cut scores and calibration.
        long started = System.nanoTime();
        List<PredictorMetrics> metrics = report.predictors();
        double[] thresholds = metrics.stream().mapToDouble(PredictorMetrics::cutThreshold).toArray();
        CutDiagnostics diagnostics;
        try (ShardDataset test = ShardDataset.open(windows, Split.TEST)) {
            int classes = test.assetClasses();
            @SuppressWarnings("unchecked")
            Map<String, Object> notes = (Map<String, Object>) report.provenance().get("notes");
            long cutterSeed = ((Number) notes.get("random_cutter_seed")).longValue();
            List<FramePredictor> predictors = List.of(loaded, new Persistence(classes),
                    new RandomCutter(classes, report.trainCutRates().perTrack(), cutterSeed));
            diagnostics = CutDiagnostics.measure(predictors, thresholds, test, report.cutTolerance(),
                    cfg.getInt("evaluate.batch_size", 1, 1 << 16), cfg.getInt("evaluate.max_windows", 0, Integer.MAX_VALUE));
        }
        log.info("evaluate: per-track cuts and calibration in {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        checkTotals(metrics, diagnostics);

        Map<String, Object> doc = report.toJsonTree();
        @SuppressWarnings("unchecked")
        Map<String, Object> byName = (Map<String, Object>) doc.get("predictors");
        for (int i = 0; i < metrics.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) byName.get(metrics.get(i).predictor());
            entry.put("per_track", diagnostics.perTrackJson(i));
        }
        doc.put("calibration", diagnostics.calibrationJson());
        doc.put("calibration_summary", diagnostics.calibrationSummary(metrics.get(0).predictor()));
        doc.put("machine", machine());
        Files.createDirectories(layout.resolve(OUTPUT));
        AtomicFiles.writeString(layout.resolve(TEST_JSON), JSON.writeValueAsString(doc) + "\n");
        AtomicFiles.writeString(layout.resolve(TEST_TABLE), report.toTable());
        context.note("model", layout.root().relativize(model.toAbsolutePath().normalize()).toString());
        for (PredictorMetrics m : metrics) context.note(m.predictor() + "_cut_f1", m.cutF1());
    }

    /**
     * The per-track counts are a second measurement of what the table pooled: they must add up to it,
     * or one of the two passes saw other predictions (a predictor that is not deterministic).
     */
    private static void checkTotals(List<PredictorMetrics> metrics, CutDiagnostics d) {
        for (int i = 0; i < metrics.size(); i++) {
            PredictorMetrics m = metrics.get(i);
            long[] t = d.totals(i);
            if (t[0] != m.trueCuts() || t[1] != m.predictedCuts() || t[2] != m.matchedCuts()) {
                throw new IllegalStateException(m.predictor() + ": per-track cuts (true " + t[0] + ", predicted " + t[1] + ", matched " + t[2]
                        + ") do not add up to the table's (" + m.trueCuts() + ", " + m.predictedCuts() + ", " + m.matchedCuts()
                        + "): its predictions differ between two passes over the same windows");
            }
        }
    }

    /** The machine and ND4J backend the evaluation ran on, for the report. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("backend", Backend.describe());
        return m;
    }
}
