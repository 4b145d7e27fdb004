package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.CheckpointInfo;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.Init;
import dev.autoeditor.train.SupervisedObjective;
import dev.autoeditor.train.TrainResult;
import dev.autoeditor.train.TrainSettings;
import dev.autoeditor.train.TrainingRun;
import dev.autoeditor.train.TrainingWindows;
import dev.autoeditor.train.eval.ThresholdCalibrator;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fine-tuning: the starting model (the distilled student, or pretrain's model when distill is off)
 * learns one editor's house style from the fine-tuning tree's windows (data/finetune/, normalised with
 * the starting model's normaliser and windowed its way). Warm start with a fresh optimizer at step 0,
 * a lower learning rate for the pretrained trunk (finetune.lr) and a higher one for the output heads
 * (finetune.head_lr), optionally the input embedding and lower blocks frozen (finetune.freeze_layers). Beside it, the same architecture is trained on the house style alone with
 * the same step budget (checkpoints/finetune/scratch/), and checkpoints/finetune/summary.json compares
 * the starting model as it came, the fine-tuned one and the scratch one on the house style's test split.
 * Interrupted with unchanged inputs, it continues from the last checkpoint of the run it was in.
 */
public final class FinetunePhase extends DeclaredPhase {
    public static final String NAME = "finetune";
    /**
     * The model phase fine-tuning starts from in the full pipeline: distill. When that phase is switched off the orchestrator puts the last enabled model
     * phase before it in its place ({@link PhaseContext#sourceModel()}).
     */
    public static final String STARTS_FROM = DistillPhase.NAME;
    /** Its model folder. */
    public static final String OUTPUT = "checkpoints/finetune";
    /** The scratch baseline's checkpoints, inside the model folder. */
    public static final String SCRATCH = "scratch";
    /** The scratch baseline's phase name in its checkpoints (a resume checks it). */
    static final String SCRATCH_PHASE = NAME + "-scratch";

    /** The standard phase: it starts from {@link #STARTS_FROM}. */
    public FinetunePhase() {
        this(STARTS_FROM);
    }

    /**
     * Format 1: checkpoints (format 2) of the fine-tune in checkpoints/finetune/, of the scratch baseline
     * in checkpoints/finetune/scratch/, and summary.json.
     *
     * @param startsFrom the model phase it starts from in the full pipeline
     */
    public FinetunePhase(String startsFrom) {
        super(NAME, 1, List.of(startsFrom, DataTree.FINETUNE.phaseName(PreprocessPhase.NAME), DataTree.FINETUNE.phaseName(WindowPhase.NAME)),
                List.of(OUTPUT));
    }

    @Override
    public boolean enabled(Config config) {
        return DataTree.FINETUNE.enabled(config);
    }

    /**
     * The settings that shape its outputs: a supervised run's (train.*, the evaluate.* keys the cut
     * thresholds are tuned at), less the architecture (the starting model's) and the keys finetune.*
     * replaces; and finetune.*. Recorded in its checkpoints' provenance and the summary's.
     */
    public static final List<String> KEYS = keys();

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(TrainingRun.SUPERVISED_INPUT_KEYS);
        keys.removeAll(ModelConfig.KEYS);
        keys.removeAll(List.of("train.epochs", "train.max_steps", "train.patience"));
        keys.addAll(FinetuneSettings.KEYS);
        return List.copyOf(keys);
    }

    @Override
    public List<String> configKeys(Config config) {
        return KEYS;
    }

    @Override
    public List<String> runtimeKeys(Config config) {
        List<String> keys = new ArrayList<>(TrainSettings.RUNTIME_KEYS);
        keys.add("evaluate.batch_size"); // windows per prediction call while calibrating and measuring: speed only
        return keys;
    }

    @Override
    public void checkSettings(Config config) {
        // The architecture is the starting model's; train.*, the loss, the calibration and finetune.* are read here.
        TrainSettings.from(config);
        dev.autoeditor.train.eval.ThresholdCalibrator.Settings.from(config);
        FinetuneSettings.from(config);
    }

    @Override
    public Optional<String> modelOutput() {
        return Optional.of(OUTPUT);
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        ModelSource source = context.sourceModel();
        Path out = context.path(OUTPUT);
        Result r = train(source, context.path(DataTree.FINETUNE.windows()), out, context.config(), context.resume(), context.layout().root());
        context.note("starts_from", source.phase());
        context.note("start_checkpoint", context.layout().root().relativize(source.checkpoint()).toString());
        context.note("epochs", r.tuned().epochsDone());
        context.note("steps", r.tuned().steps());
        context.note("best_val_loss", r.tuned().bestValLoss());
        context.note("scratch_steps", r.scratch().steps());
        context.note("scratch_best_val_loss", r.scratch().bestValLoss());
        context.note("best_checkpoint", r.tuned().bestCheckpoint() == null ? null
                : context.layout().root().relativize(r.tuned().bestCheckpoint()).toString());
        for (String model : FinetuneSummary.MODELS) {
            context.note(model + "_cut_f1", r.summary().metrics(model).get("cut_f1"));
            context.note(model + "_motion_mae_normalised", r.summary().metrics(model).get("motion_mae_normalised"));
        }
    }

    /** How the phase ended: both training runs and the summary. */
    public record Result(TrainResult tuned, TrainResult scratch, FinetuneSummary summary) {}

    /**
     * Fine-tunes {@code source}'s model on {@code windowsDir} into {@code out}, trains the scratch
     * baseline into {@code out/scratch}, and writes {@code out/summary.json}.
     *
     * @param resume continue the runs whose checkpoints are in {@code out} (an interrupted attempt)
     * @param root   paths in the summary are written relative to it (the run directory)
     */
    public static Result train(ModelSource source, Path windowsDir, Path out, Config cfg, boolean resume, Path root) throws Exception {
        FinetuneSettings settings = FinetuneSettings.from(cfg);
        CheckpointInfo start = CheckpointStore.read(source.checkpoint());
        if (!TransformerModel.KIND.equals(start.kind())) {
            throw new UserException("fine-tuning starts from a " + TransformerModel.KIND + ", but " + source.checkpoint() + " ("
                    + source.phase() + ") holds a " + start.kind());
        }
        ModelConfig model = start.model();
        settings.checkFreeze(model, source.checkpoint().toString());
        Path scratchDir = out.resolve(SCRATCH);
        try (TrainingWindows windows = TrainingWindows.open(windowsDir)) {
            if (!start.data().normaliser().sameStatistics(windows.spec().normaliser())) {
                throw new UserException("the fine-tuning windows in " + windowsDir + " were normalised differently from the starting model "
                        + source.checkpoint() + "; finetune-preprocess must reuse its normaliser: run auto-editor full-run --from finetune-preprocess");
            }
            // 1. The fine-tune: the starting weights, a fresh optimizer, finetune's rate and budget, lower layers frozen.
            TrainResult tuned = TrainingRun.phase(NAME)
                    .config(settings.fineTuning(cfg, model))
                    .windows(windows)
                    .checkpoints(out)
                    .network(start.kind(), model)
                    .init(resume ? Init.resumeOr(out, new Init.WarmStart(source.checkpoint())) : new Init.WarmStart(source.checkpoint()))
                    .inputKeys(KEYS)
                    .freezeLowerLayers(settings.freezeLayers())
                    .headLearningRateFactor(settings.headLrFactor())
                    .objective(new SupervisedObjective(model, LossSettings.from(cfg)))
                    .calibrator(ThresholdCalibrator.of(cfg, windows))
                    .force(true)
                    .run();
            // 2. The baseline: the same architecture on the house style alone, the same step budget, from the seed.
            TrainResult scratch = TrainingRun.phase(SCRATCH_PHASE)
                    .config(settings.scratch(cfg, model))
                    .windows(windows)
                    .checkpoints(scratchDir)
                    .network(start.kind(), model)
                    .init(resume ? Init.resumeOr(scratchDir, new Init.Scratch()) : new Init.Scratch())
                    .inputKeys(KEYS)
                    .objective(new SupervisedObjective(model, LossSettings.from(cfg)))
                    .calibrator(ThresholdCalibrator.of(cfg, windows))
                    .force(true)
                    .run();
            // 3. All three on the house style's test split.
            FinetuneSummary summary = FinetuneSummary.measure(Map.of(
                    FinetuneSummary.BEFORE, source.checkpoint(),
                    FinetuneSummary.AFTER, CheckpointStore.resolve(out, true),
                    FinetuneSummary.SCRATCH, CheckpointStore.resolve(scratchDir, true)), source.phase(), windowsDir, windows, cfg, settings, root);
            summary.write(out.resolve(FinetuneSummary.FILE));
            return new Result(tuned, scratch, summary);
        }
    }
}
