package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.Init;
import dev.autoeditor.train.SupervisedObjective;
import dev.autoeditor.train.TrainResult;
import dev.autoeditor.train.TrainSettings;
import dev.autoeditor.train.TrainingRun;
import dev.autoeditor.train.TrainingWindows;
import dev.autoeditor.train.eval.ThresholdCalibrator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The multi-track transformer trained on the main tree's windows with the supervised objective,
 * checkpoints in checkpoints/pretrain/. Interrupted with unchanged inputs, it continues from its last
 * checkpoint.
 */
public final class PretrainPhase extends DeclaredPhase {
    public static final String NAME = "pretrain";

    /**
     * Format 2: the graph gained persistence skips and the motion input; format-1 checkpoints cannot be resumed.
     * Format 3: initialisation and dropout seeds come from util.Seeds (SHA-256 of "train.init" / "train.dropout").
     * Format 4: checkpoint format 2 (the graph built in code, weights and optimizer moments by name in an
     * .npz, normaliser, data spec and cut thresholds inside).
     */
    public PretrainPhase() {
        super(NAME, 4, List.of(PreprocessPhase.NAME, WindowPhase.NAME), List.of(RunLayout.PRETRAIN));
    }

    @Override
    public List<String> configKeys(Config config) {
        return TrainingRun.SUPERVISED_INPUT_KEYS;
    }

    @Override
    public List<String> runtimeKeys(Config config) {
        List<String> keys = new ArrayList<>(TrainSettings.RUNTIME_KEYS);
        keys.add("evaluate.batch_size"); // windows per prediction call while calibrating: speed only
        return keys;
    }

    @Override
    public Optional<String> modelOutput() {
        return Optional.of(RunLayout.PRETRAIN);
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public void checkSettings(Config config) {
        checkTrainingSettings(config);
    }

    /** What every training run reads: the architecture, train.*, the loss, and the evaluate.* settings of its calibration. */
    public static void checkTrainingSettings(Config config) {
        ModelConfig.from(config);
        TrainSettings.from(config);
        ThresholdCalibrator.Settings.from(config);
    }

    @Override
    public void run(PhaseContext context) {
        Path dir = context.layout().pretrain();
        TrainResult r = train(context.path(DataTree.MAIN.windows()), dir, context.config(), context.resume() ? Init.resumeIfPresent(dir) : new Init.Scratch(), true);
        context.note("epochs", r.epochsDone());
        context.note("steps", r.steps());
        context.note("parameters", r.parameters());
        context.note("best_val_loss", r.bestValLoss());
        context.note("stopped_early", r.stoppedEarly());
        context.note("best_checkpoint", r.bestCheckpoint() == null ? null : context.layout().root().relativize(r.bestCheckpoint()).toString());
    }

    /**
     * Pretrains a frame transformer on the windows in {@code windowsDir} into {@code checkpointDir}: the
     * supervised objective, every checkpoint calibrated when training ends.
     *
     * @param force start from scratch although {@code checkpointDir} holds checkpoints
     */
    public static TrainResult train(Path windowsDir, Path checkpointDir, Config cfg, Init init, boolean force) {
        ModelConfig model = ModelConfig.from(cfg);
        try (TrainingWindows windows = TrainingWindows.open(windowsDir)) {
            return TrainingRun.phase(NAME)
                    .config(cfg)
                    .windows(windows)
                    .checkpoints(checkpointDir)
                    .network(TransformerModel.KIND, model)
                    .init(init)
                    .objective(new SupervisedObjective(model, LossSettings.from(cfg)))
                    .calibrator(ThresholdCalibrator.of(cfg, windows))
                    .force(force)
                    .run();
        }
    }
}
