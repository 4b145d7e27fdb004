package dev.autoeditor.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.Calibration;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.SupervisedObjective;
import dev.autoeditor.train.Trainer;
import dev.autoeditor.train.TrainingWindows;
import dev.autoeditor.train.eval.ModelSummary;
import dev.autoeditor.train.eval.ModelUnderTest;
import dev.autoeditor.train.eval.ThresholdCalibrator;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * checkpoints/finetune/summary.json: the starting model as it came ({@code before}), the fine-tuned
 * model ({@code after}) and the same architecture trained on the house style alone ({@code scratch}),
 * each at its best checkpoint, on the fine-tuning data's test split: the {@link ModelSummary} figures
 * (cut_f1, cut_ap, mae_normalised, motion_mae_normalised, asset_accuracy) and {@code val_loss}, the
 * supervised loss on the fine-tuning data's validation split (what early stopping watched; dropout
 * off). Every model's cut threshold is tuned on that same validation split (after and scratch: their
 * calibration when training ended; before: tuned the same way here), so cut F1 compares models, not
 * thresholds tuned on other data.
 *
 * @param metrics model name to its figures, in the order before, after, scratch
 * @param models  model name to where it came from (checkpoint, phase, step, cut threshold)
 * @param document the whole summary, as written
 */
public record FinetuneSummary(Map<String, Map<String, Object>> metrics, Map<String, Map<String, Object>> models,
                              Map<String, Object> document) {
    private static final Logger log = LoggerFactory.getLogger(FinetuneSummary.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String FILE = "summary.json";
    public static final String FORMAT = "auto-editor-finetune-summary/1";
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SCRATCH = "scratch";
    /** The compared models, in the summary's order. */
    public static final List<String> MODELS = List.of(BEFORE, AFTER, SCRATCH);
    /** The keys of each model's figures: {@link ModelSummary#KEYS}, then val_loss. */
    public static final List<String> KEYS = keys();

    private static List<String> keys() {
        List<String> k = new java.util.ArrayList<>(ModelSummary.KEYS);
        k.add("val_loss");
        return List.copyOf(k);
    }

    public Map<String, Object> metrics(String model) {
        return metrics.get(model);
    }

    /**
     * Measures the three checkpoints on {@code windows} (opened from {@code windowsDir}).
     *
     * @param checkpoints model name (before, after, scratch) to its checkpoint JSON
     * @param startsFrom  the phase the starting model came from
     * @param root        paths are written relative to it
     */
    static FinetuneSummary measure(Map<String, Path> checkpoints, String startsFrom, Path windowsDir, TrainingWindows windows, Config cfg,
                                   FinetuneSettings settings, Path root) {
        int tolerance = cfg.getInt("evaluate.cut_tolerance", 0, 1000);
        int batchSize = cfg.getInt("evaluate.batch_size", 1, 1 << 16);
        int maxWindows = cfg.getInt("evaluate.max_windows", 0, Integer.MAX_VALUE);
        if (!Files.isDirectory(windowsDir.resolve(Split.TEST.id()))) {
            throw new UserException("the fine-tuning data in " + windowsDir + " has no test split to compare the models on; give more projects "
                    + "(finetune.data, or finetune.synth_projects for the built-in house style)");
        }
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        Map<String, Map<String, Object>> models = new LinkedHashMap<>();
        int testWindows;
        try (ShardDataset test = ShardDataset.open(windowsDir, Split.TEST)) {
            testWindows = test.size();
            if (testWindows == 0) {
                throw new UserException("the fine-tuning data's test split in " + windowsDir + " has no windows; give more or longer projects");
            }
            for (String name : MODELS) {
                Path json = checkpoints.get(name);
                ModelArtifact artifact = ModelArtifact.load(json);
                TransformerModel model = artifact.frameTransformer();
                // The starting model's threshold was tuned on its own data: tune it on the house style's validation split, as the others were.
                Calibration calibration = name.equals(BEFORE) || artifact.calibration().isEmpty()
                        ? ThresholdCalibrator.of(cfg, windows).calibrate(model) : artifact.calibration().get();
                double threshold = calibration.threshold("model");
                Map<String, Object> figures = ModelSummary.measure(ModelUnderTest.of(model), threshold, test, artifact.normaliser(),
                        tolerance, batchSize, maxWindows);
                figures.put("val_loss", validationLoss(model, windows, cfg));
                metrics.put(name, figures);
                Map<String, Object> from = new LinkedHashMap<>();
                from.put("checkpoint", root.relativize(json.toAbsolutePath().normalize()).toString());
                from.put("phase", artifact.info().phase());
                from.put("step", artifact.info().step());
                from.put("weights_sha256", artifact.info().weightsSha256());
                from.put("cut_threshold", threshold);
                from.put("threshold_from", calibration.thresholdFrom());
                models.put(name, from);
                log.info("finetune summary: {} {}", name, figures);
                System.gc();
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("split", Split.TEST.id());
        doc.putAll(metrics);
        doc.put("models", models);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("windows_dir", root.relativize(windowsDir.toAbsolutePath().normalize()).toString());
        data.put("train_windows", windows.train().size());
        data.put("val_windows", windows.val() == null ? 0 : windows.val().size());
        data.put("test_windows", testWindows);
        doc.put("data", data);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("starts_from", startsFrom);
        training.put("lr", settings.lr());
        training.put("head_lr", settings.headLr());
        training.put("warmup_steps", settings.warmupSteps());
        training.put("epochs", settings.epochs());
        training.put("max_steps", settings.maxSteps());
        training.put("patience", settings.patience());
        training.put("freeze_layers", settings.freezeLayers());
        training.put("scratch_lr", cfg.getDouble("train.lr"));
        training.put("scratch_warmup_steps", cfg.getInt("train.warmup_steps"));
        doc.put("training", training);
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (String name : MODELS) inputs.put(name, models.get(name).get("weights_sha256"));
        inputs.putAll(windows.inputs());
        inputs.put("windows_dir", data.get("windows_dir"));
        doc.put("provenance", Provenance.of(FinetunePhase.NAME, cfg.getLong("seed"), cfg.select(FinetunePhase.KEYS), inputs).toMap());
        return new FinetuneSummary(metrics, models, doc);
    }

    /** The supervised loss on the validation split, without dropout, as training computed it; null without one. */
    private static Double validationLoss(TransformerModel model, TrainingWindows windows, Config cfg) {
        if (windows.val() == null || windows.val().size() == 0) return null;
        SupervisedObjective objective = new SupervisedObjective(model.config(), LossSettings.from(cfg));
        objective.attach(model);
        return Trainer.meanLoss(model, objective, windows.val(), BatchIterator.Options.evaluation(cfg)).total();
    }

    /** Writes the summary to {@code file} (a temporary name moved into place). */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(document) + "\n");
    }
}
