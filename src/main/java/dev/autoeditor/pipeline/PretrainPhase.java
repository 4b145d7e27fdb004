package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.train.Pretrainer;
import dev.autoeditor.train.ResumeMode;
import dev.autoeditor.train.TrainResult;
import dev.autoeditor.train.TrainSettings;
import java.util.List;
import java.util.Optional;

/**
 * The multi-track transformer trained on the main tree's windows, checkpoints in checkpoints/pretrain/.
 * Interrupted with unchanged inputs, it continues from its last checkpoint.
 */
public final class PretrainPhase extends DeclaredPhase {
    public static final String NAME = "pretrain";

    /**
     * Format 2: the graph gained persistence skips and the motion input; format-1 checkpoints cannot be resumed.
     * Format 3: initialisation and dropout seeds come from util.Seeds (SHA-256 of "train.init" / "train.dropout"),
     * so the same seed trains other weights than format 2 did.
     */
    public PretrainPhase() {
        super(NAME, 3, List.of(PreprocessPhase.NAME, WindowPhase.NAME), List.of(RunLayout.PRETRAIN));
    }

    @Override
    public List<String> configKeys(Config config) {
        return TrainSettings.INPUT_KEYS;
    }

    @Override
    public List<String> runtimeKeys(Config config) {
        return TrainSettings.RUNTIME_KEYS;
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
    public void run(PhaseContext context) {
        ResumeMode mode = context.resume() ? ResumeMode.LATEST : ResumeMode.NONE;
        TrainResult r = Pretrainer.run(context.path(DataTree.MAIN.windows()), context.layout().pretrain(), context.config(), mode, true);
        context.note("epochs", r.epochsDone());
        context.note("steps", r.steps());
        context.note("parameters", r.parameters());
        context.note("best_val_loss", r.bestValLoss());
        context.note("stopped_early", r.stoppedEarly());
        context.note("best_checkpoint", r.bestCheckpoint() == null ? null : context.layout().root().relativize(r.bestCheckpoint()).toString());
    }
}
