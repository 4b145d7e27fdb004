package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.generate.EditGenerator;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.generate.GenerationEvaluation;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.TestExports;
import dev.autoeditor.timeline.table.InputFiles;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor evaluate-generation}: generated continuations against the true ones, beside two baselines. */
@Command(name = "evaluate-generation", mixinStandardHelpOptions = true,
        description = {"Continue every non-overlapping context + evaluate_generation.horizon_s (20 s) stretch of each sequence of the test "
                + "split (or of --input exports) with the model (evaluate_generation.samples times, at generate.temperature), "
                + "persistence and the random cutter, all through the same decoding constraints, and compare each with the true "
                + "continuation: |cuts per minute - truth|, shot-length Wasserstein distance, |visible tracks - truth|, "
                + "|source return rate - truth|, scale and position Wasserstein distances (mean over sequences; lower is better).",
                "See docs/generate.md."})
public final class EvaluateGenerationCommand extends BaseCommand {
    @Option(names = "--model", paramLabel = "CKPT",
            description = "Checkpoint .json, or a checkpoint folder. Default: the run directory's final model.")
    Path model;

    @Option(names = "--input", arity = "1..*", paramLabel = "EXPORT.xml|FOLDER",
            description = "Exports to continue (files, or folders searched for *.xml) instead of the run's test split.")
    List<Path> input;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON (format auto-editor-generation-eval/1).")
    Path json;

    @Option(names = "--force", description = "Overwrite the --json file.")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        try (OutputLocks locks = OutputLocks.forFiles("write the JSON elsewhere (--json)", json)) {
            return evaluate();
        }
    }

    private int evaluate() throws Exception {
        if (json != null) AtomicFiles.checkOverwrite(json, force);
        RunLayout layout = run.layout();
        Path checkpoint = model != null ? model : layout.finalModel().orElseThrow(() -> new UserException("no trained model in "
                + layout.root() + "; pass --model CKPT, or --run-dir with a run that trained one"));
        Config cfg = config();
        ModelArtifact artifact = ModelArtifact.load(checkpoint);
        EditGenerator generator = new EditGenerator(artifact, GenerateSettings.from(cfg));
        List<Path> exports;
        Map<String, Object> source;
        if (input != null) {
            exports = InputFiles.expand(input);
            source = new LinkedHashMap<>();
            source.put("input", input.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        } else {
            exports = TestExports.of(layout, artifact);
            source = TestExports.describe(layout, TestExports.treeOf(layout, artifact));
        }
        GenerationEvaluation.Settings settings = new GenerationEvaluation.Settings(cfg.getDouble("evaluate_generation.horizon_s", 0.1, 86_400),
                cfg.getInt("evaluate_generation.samples", 1, 1000));
        GenerationEvaluation.Report report = GenerationEvaluation.run(generator, exports, settings, source);
        out().print(report.table());
        if (json != null) {
            report.writeJson(json);
            out().println("wrote " + json);
        }
        return ExitCodes.OK;
    }
}
