package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.generate.BatchOneGeneration;
import dev.autoeditor.pipeline.DistillPhase;
import dev.autoeditor.pipeline.InterruptNotice;
import dev.autoeditor.train.distill.DistillSettings;
import dev.autoeditor.train.distill.Distillation;
import dev.autoeditor.util.FolderLock;
import dev.autoeditor.util.Interruption;
import dev.autoeditor.util.UserException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor distill}: a smaller student from a teacher, with a from-scratch control and a summary. */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = {"Distil a teacher (distill.teacher) into a smaller student (distill.model.*): the teacher's softened "
                + "predictions and the true frames (distill.temperature, distill.alpha, distill.regression_weight), up to "
                + "distill.max_steps steps; the same student from scratch as a control; OUT/summary.json compares the three.",
                "Without --data/--out: the distill phase of the run directory. With them: on any windows, teacher and folder."})
public final class DistillCommand extends BaseCommand {
    @Option(names = "--data", paramLabel = "DIR", description = "Folder written by `auto-editor window`.")
    Path data;

    @Option(names = "--teacher", paramLabel = "CKPT", description = "The teacher's checkpoint (a .json, or a folder's best.json).")
    Path teacher;

    @Option(names = "--out", paramLabel = "DIR", description = "The student's checkpoint folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the runs in OUT from their last checkpoints.")
    boolean resume;

    @Option(names = "--force", description = "Start afresh although OUT already holds checkpoints (they are replaced as training goes).")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (data == null && out == null && teacher == null && !resume) return PhaseRunner.runOnly(this, run, DistillPhase.NAME, force);
        if (data == null || out == null || teacher == null) {
            throw new UserException("give --data, --teacher and --out together, or none of them to distil in the run directory "
                    + "(--run-dir, default: the current directory; the teacher is then distill.teacher)");
        }
        if (resume && force) throw new UserException("give --resume (continue the runs in OUT) or --force (start over), not both");
        OutputPaths.folder(out, "--out", "gets the student's checkpoints");
        Distillation.Result r;
        // OUT holds the student, OUT/scratch the control and OUT/summary.json: one lock covers all three.
        try (FolderLock lock = FolderLock.acquire(out, "write to another folder (--out)", List.of());
                Interruption.Registration notice = Interruption.whileRunning(() -> interruptedAt(out))) {
            Config cfg = config();
            r = Distillation.run(new Distillation.Inputs(data, teacher, teacher.toString(), out, resume, force), cfg,
                    BatchOneGeneration.from(cfg, DistillSettings.from(cfg).speedFrames()));
        }
        PrintWriter s = summary();
        s.printf("distill: student %d parameters (teacher %d, %.1f%%), %d steps%s%n", r.student().parameters(), r.teacherParameters(),
                100.0 * r.student().parameters() / r.teacherParameters(), r.student().steps(), r.student().stoppedEarly() ? " (stopped early)" : "");
        s.printf("  best checkpoint %s%n", r.student().bestCheckpoint() == null ? r.student().lastCheckpoint() : r.student().bestCheckpoint());
        s.printf("  summary %s%n", r.summaryFile());
        out().print(table(r.summary()));
        return ExitCodes.OK;
    }

    /** The summary as a table: one row per figure, one column per model. */
    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> summary) {
        List<String> models = List.of("teacher", "student", "scratch");
        List<String> rows = List.of("parameters", "windows_per_s", "frames_per_s_batch1", "cut_f1", "cut_ap", "mae_normalised",
                "motion_mae_normalised", "asset_accuracy");
        StringBuilder b = new StringBuilder(String.format("%-22s %12s %12s %12s%n", "on the " + summary.get("split") + " split", "teacher", "student", "scratch"));
        for (String row : rows) {
            b.append(String.format("%-22s", row));
            for (String m : models) {
                Object v = ((Map<String, Object>) summary.get(m)).get(row);
                b.append(String.format(" %12s", v == null ? "-" : v instanceof Double d ? String.format("%.4f", d) : v.toString()));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    private String interruptedAt(Path out) {
        String checkpoint = InterruptNotice.checkpointIn(out);
        String command = RunDirOptions.commandLineOf(spec).replaceAll(" --force\\b", "");
        if (checkpoint == null) return "distillation in " + out + " stopped before its first checkpoint; run the same command again: " + command;
        if (!resume) command += " --resume";
        return "distillation in " + out + " stopped; saved: newest checkpoint " + checkpoint + "; resume with: " + command;
    }
}
