package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.Split;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.eval.EvaluationReport;
import dev.autoeditor.train.eval.ExportEvaluation;
import dev.autoeditor.train.eval.WindowEvaluation;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code auto-editor evaluate}: the model beside persistence and a rate-matched random cutter. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a trained model beside two baselines: persistence (frame t+1 = frame t) and a random cutter "
                + "that cuts at the training split's per-frame rate.",
                "Active accuracy and F1, asset accuracy on active targets, regression MAE in original units, and cut-point "
                + "F1 within +-evaluate.cut_tolerance frames. See docs/evaluation.md.",
                "On a run's windows (--data, the default): cut thresholds are tuned on their validation split. On exports "
                + "the model has never seen (--input): they are converted, normalised and windowed as the model's training "
                + "data was, and scored with the thresholds stored in the model; nothing but the checkpoint is read."})
public final class EvaluateCommand extends BaseCommand {
    @Option(names = "--model", paramLabel = "CKPT",
            description = "Checkpoint .json, or a checkpoint folder (its best.json, else last.json). "
                    + "Default: the run directory's final model (best.json, else last.json, of the last model phase that made one).")
    Path model;

    @Option(names = "--data", paramLabel = "WINDOWS_DIR",
            description = "Folder written by `auto-editor window`. Default: the run directory's data/windows.")
    Path data;

    @Option(names = "--input", arity = "1..*", paramLabel = "EXPORT.xml|FOLDER",
            description = "Premiere Pro XML exports (files, or folders searched for *.xml) to evaluate the model on, instead of windows.")
    List<Path> input;

    @Option(names = "--split", defaultValue = "test", paramLabel = "train|val|test",
            description = "Split of --data to score (default: ${DEFAULT-VALUE}); thresholds are always tuned on val.")
    String split;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the table as JSON, with provenance.")
    Path json;

    @Option(names = "--force", description = "Overwrite the --json file.")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (input != null && data != null) {
            throw new ParameterException(spec.commandLine(), "give --input (exports) or --data (windows), not both");
        }
        if (input != null && spec.commandLine().getParseResult().hasMatchedOption("--split")) {
            throw new ParameterException(spec.commandLine(), "--split chooses a split of --data; --input scores every window of the exports");
        }
        // Without --model, the run directory supplies its final model (and, without --input, its windows).
        RunLayout layout = run.layout();
        if (model == null) {
            model = layout.finalModel().orElseThrow(() -> new UserException("no trained model in " + layout.root()
                    + "; pass --model CKPT, or run `auto-editor full-run --run-dir " + layout.root() + "` first"));
        }
        if (json != null) OutputPaths.file(json, "--json", "evaluation.json");
        // The JSON's folder is this command's from the --force check to the write: another command cannot write it in between.
        try (OutputLocks lock = OutputLocks.forFiles("write the JSON elsewhere (--json)", json)) {
            if (json != null) AtomicFiles.checkOverwrite(json, force);
            var cfg = config();
            EvaluationReport report = input != null ? ExportEvaluation.run(ModelArtifact.load(model), input, cfg) : onWindows(cfg, layout);
            out().print(report.toTable());
            if (json != null) {
                report.writeJson(json);
                out().println("wrote " + json);
            }
        }
        return ExitCodes.OK;
    }

    private EvaluationReport onWindows(Config cfg, RunLayout layout) {
        if (data == null) data = layout.windows();
        Split chosen;
        try {
            chosen = Split.of(split);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--split: " + e.getMessage());
        }
        if (!Files.isDirectory(data.resolve(chosen.id()))) {
            throw new UserException("no " + chosen.id() + " windows in " + data + "; pass --data with a folder written by `auto-editor window`");
        }
        return WindowEvaluation.run(model, data, chosen, cfg).report();
    }
}
