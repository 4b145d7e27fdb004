package dev.autoeditor.cli;

import dev.autoeditor.data.Split;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.train.eval.EvaluationReport;
import dev.autoeditor.train.eval.EvaluationRun;
import dev.autoeditor.train.eval.ModelUnderTest;
import dev.autoeditor.train.eval.NormaliserLookup;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor evaluate}: the model beside persistence and a rate-matched random cutter. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a trained model on held-out windows beside two baselines: persistence (frame t+1 = frame t) "
                + "and a random cutter that cuts at the training split's per-frame rate.",
                "Active accuracy and F1, asset accuracy on active targets, regression MAE in original units, and cut-point "
                + "F1 within +-evaluate.cut_tolerance frames (cut thresholds tuned on the validation split). See docs/evaluation.md."})
public final class EvaluateCommand extends BaseCommand {
    @Option(names = "--model", paramLabel = "CKPT",
            description = "Checkpoint .json, or a checkpoint folder (its best.json, else last.json). "
                    + "Default: the run directory's final model (best.json, else last.json, of the last model phase that made one).")
    Path model;

    @Option(names = "--data", paramLabel = "WINDOWS_DIR",
            description = "Folder written by `auto-editor window`. Default: the run directory's data/windows.")
    Path data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "train|val|test",
            description = "Split to score (default: ${DEFAULT-VALUE}); thresholds are always tuned on val.")
    String split;

    @Option(names = "--normaliser", paramLabel = "FILE",
            description = "normaliser.json of the windows (default: the checkpoint's, else preprocessed/ beside WINDOWS_DIR).")
    Path normaliser;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the table as JSON, with provenance.")
    Path json;

    @Option(names = "--force", description = "Overwrite the --json file.")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        // Without --model or --data, the run directory supplies them: its final model and its windows.
        RunLayout layout = run.layout();
        if (model == null) {
            model = layout.finalModel().orElseThrow(() -> new UserException("no trained model in " + layout.root()
                    + "; pass --model CKPT, or run `auto-editor full-run --run-dir " + layout.root() + "` first"));
        }
        if (data == null) data = layout.windows();
        Split chosen;
        try {
            chosen = Split.of(split);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split: " + e.getMessage());
        }
        if (!Files.isDirectory(data.resolve(chosen.id()))) {
            throw new UserException("no " + chosen.id() + " windows in " + data + "; pass --data with a folder written by `auto-editor window`");
        }
        if (json != null) AtomicFiles.checkOverwrite(json, force);
        var cfg = config();
        ModelUnderTest loaded = ModelUnderTest.load(model);
        NormaliserLookup.Found norm = NormaliserLookup.find(normaliser, loaded.info().normaliser(), data);
        EvaluationReport report = EvaluationRun.run(new EvaluationRun.Inputs(loaded, loaded.describe(), data, chosen,
                norm.normaliser(), norm.info()), cfg);
        out().print(report.toTable());
        if (json != null) {
            report.writeJson(json);
            out().println("wrote " + json);
        }
        return ExitCodes.OK;
    }
}
