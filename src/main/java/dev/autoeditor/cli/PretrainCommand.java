package dev.autoeditor.cli;

import dev.autoeditor.pipeline.InterruptNotice;
import dev.autoeditor.pipeline.PretrainPhase;
import dev.autoeditor.train.Init;
import dev.autoeditor.train.TrainResult;
import dev.autoeditor.util.FolderLock;
import dev.autoeditor.util.Interruption;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor pretrain}: train the frame transformer on window shards, with checkpoints and resume. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Train the multi-track frame transformer (model.*) on the windows from `auto-editor window` (train.*).",
                "Writes OUT/{last,best,epoch-NNNN}.json beside their weights, and OUT/metrics/{steps,epochs}.{jsonl,csv}."})
public final class PretrainCommand extends BaseCommand {
    @Option(names = "--data", paramLabel = "DIR", description = "Folder written by `auto-editor window`.")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Checkpoint folder.")
    Path out;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "PATH",
            description = "Continue from OUT's last checkpoint, or from the checkpoint PATH (a .json or a folder).")
    String resume;

    @Option(names = "--warm-start", paramLabel = "CKPT",
            description = "Start a new run from another model's weights (a .json, or a folder's best.json): parameters copied "
                    + "by name where shapes match, the rest initialised from the seed, a fresh optimizer at step 0.")
    Path warmStart;

    @Option(names = "--force", description = "Start afresh although OUT already holds checkpoints (they are replaced as training goes).")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        // Neither folder given: the run directory's pretrain phase, which resumes an interrupted attempt by itself.
        if (data == null && out == null && resume == null && warmStart == null) return PhaseRunner.runOnly(this, run, PretrainPhase.NAME, force);
        PretrainPhase.checkTrainingSettings(config());
        if (out != null) OutputPaths.folder(out, "--out", "gets the checkpoints");
        if (data == null || out == null) {
            throw new UserException("give both --data and --out, or neither to train in the run directory (--run-dir, default: the current directory)");
        }
        if (warmStart != null && resume != null) {
            throw new UserException("give --resume (continue this run exactly) or --warm-start (a new run from another model's weights), not both");
        }
        Init init = warmStart != null ? new Init.WarmStart(warmStart) : resume == null ? new Init.Scratch() : resume.isEmpty() ? Init.resumeIfPresent(out) : new Init.Resume(Path.of(resume));
        if (resume != null && resume.isEmpty() && init instanceof Init.Scratch) {
            org.slf4j.LoggerFactory.getLogger(PretrainCommand.class).info("--resume: no checkpoint in {} yet, starting from the beginning", out);
        }
        TrainResult r;
        try (FolderLock lock = FolderLock.acquire(out, "write to another folder (--out)", List.of());
                Interruption.Registration notice = Interruption.whileRunning(() -> interruptedAt(out))) {
            r = PretrainPhase.train(data, out, config(), init, force);
        }
        summary().printf("pretrain: %d parameters, %d epochs, %d steps%s%n", r.parameters(), r.epochsDone(), r.steps(),
                r.stoppedEarly() ? " (stopped early)" : "");
        if (Double.isNaN(r.lastValLoss())) summary().printf("  no epoch finished in this run: validation runs at the end of each epoch%n");
        else summary().printf("  validation loss %.5f (best %.5f)%n", r.lastValLoss(), r.bestValLoss());
        summary().printf("  last checkpoint %s%n", r.lastCheckpoint());
        if (r.bestCheckpoint() != null) summary().printf("  best checkpoint %s%n", r.bestCheckpoint());
        return ExitCodes.OK;
    }

    /** What Ctrl-C leaves: the newest checkpoint in OUT, and this command with --resume. */
    private String interruptedAt(Path out) {
        String checkpoint = InterruptNotice.checkpointIn(out);
        String command = RunDirOptions.commandLineOf(spec).replaceAll(" --force\\b", "");
        if (checkpoint == null) return "training in " + out + " stopped before its first checkpoint; run the same command again: " + command;
        if (resume == null) command += " --resume";
        return "training in " + out + " stopped; saved: newest checkpoint " + checkpoint + "; resume with: " + command;
    }
}
