package dev.autoeditor.cli;

import dev.autoeditor.pipeline.FinetunePhase;
import dev.autoeditor.pipeline.FinetuneSummary;
import dev.autoeditor.pipeline.InterruptNotice;
import dev.autoeditor.pipeline.ModelSource;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.util.FolderLock;
import dev.autoeditor.util.Interruption;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor finetune}: the starting model learns the house style of the fine-tuning data. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"Fine-tune a trained model on one editor's exports (finetune.*): warm start, a lower learning rate "
                + "for the trunk (finetune.lr) and a higher one for the output heads (finetune.head_lr), optionally frozen "
                + "lower layers (finetune.freeze_layers); beside it the same architecture trained on that data alone, and "
                + "OUT/summary.json comparing before, after and scratch on its test split.",
                "Without --model/--data/--out: the run directory's finetune phase (data/finetune/windows/, starting from the "
                        + "distilled student, or pretrain's model when distill is off); it resumes an interrupted attempt by itself."})
public final class FinetuneCommand extends BaseCommand {
    @Option(names = "--model", paramLabel = "CKPT", description = "The model to start from (a checkpoint .json, or a folder's best.json).")
    Path model;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Windows made with that model's normaliser and window settings (preprocess.normaliser=from_model, then window).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Checkpoint folder (the scratch baseline goes to OUT/scratch/).")
    Path out;

    @Option(names = "--resume", description = "Continue the runs whose checkpoints are in OUT.")
    boolean resume;

    @Option(names = "--force", description = "Start afresh although OUT already holds checkpoints (they are replaced as training goes).")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (model == null && data == null && out == null && !resume) return PhaseRunner.runOnly(this, run, FinetunePhase.NAME, force);
        if (model == null || data == null || out == null) {
            throw new UserException("give --model, --data and --out, or none of them to fine-tune in the run directory "
                    + "(--run-dir, default: the current directory)");
        }
        OutputPaths.folder(out, "--out", "gets the fine-tuned checkpoints");
        if (!Files.exists(model)) throw new UserException("--model " + model + " not found; name a checkpoint .json or a model folder");
        Path checkpoint = CheckpointStore.resolve(model, true).toAbsolutePath().normalize();
        Path folder = out.toAbsolutePath().normalize();
        FinetunePhase.Result r;
        // OUT holds the fine-tuned model, OUT/scratch the baseline and OUT/summary.json: one lock covers all three.
        try (FolderLock lock = FolderLock.acquire(out, "write to another folder (--out)", List.of());
                Interruption.Registration notice = Interruption.whileRunning(() -> interruptedAt(out))) {
            // Checked under the lock, so that a fine-tune another command is writing is not taken for a finished one.
            if (!resume && !force && (Files.exists(out.resolve(CheckpointStore.LAST + ".json")) || Files.exists(out.resolve(FinetuneSummary.FILE)))) {
                throw new UserException(out + " already holds a fine-tune; pass --resume to continue it or --force to start over");
            }
            r = FinetunePhase.train(new ModelSource("the given model", checkpoint), data, folder, config(), resume, folder);
        }
        summary().printf("finetune: %d steps, %d epochs%s; scratch baseline %d steps%n", r.tuned().steps(), r.tuned().epochsDone(),
                r.tuned().stoppedEarly() ? " (stopped early)" : "", r.scratch().steps());
        for (String name : FinetuneSummary.MODELS) {
            Map<String, Object> m = r.summary().metrics(name);
            summary().printf("  %-8s cut F1 %s, motion MAE %s, val loss %s%n", name, m.get("cut_f1"), m.get("motion_mae_normalised"), m.get("val_loss"));
        }
        summary().printf("  summary %s%n", out.resolve(FinetuneSummary.FILE));
        return ExitCodes.OK;
    }

    /** What Ctrl-C leaves: the newest checkpoint in OUT, and this command with --resume. */
    private String interruptedAt(Path out) {
        String checkpoint = InterruptNotice.checkpointIn(out);
        String command = RunDirOptions.commandLineOf(spec).replaceAll(" --force\\b", "");
        if (!resume) command += " --resume";
        if (checkpoint == null) return "fine-tuning in " + out + " stopped before its first checkpoint; resume with: " + command;
        return "fine-tuning in " + out + " stopped; saved: newest checkpoint " + checkpoint + "; resume with: " + command;
    }
}
