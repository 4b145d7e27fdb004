package dev.autoeditor.cli;

import dev.autoeditor.generate.EditGenerator;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.generate.GenerationCheck;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.timeline.table.InputFiles;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code auto-editor bench generate-check}: the structural check of many generated edits, with its counts. */
@Command(name = "generate-check", mixinStandardHelpOptions = true,
        description = {"Generate --edits edits at generate.temperature from the prompts of the exports (every sequence with video, cut at a "
                + "third, a half and two thirds in turn) and check each: the structural check (defined files, no overlaps, in < out "
                + "within the source, keyframes inside clips, video linked to audio), read back without a warning, converted back to "
                + "the frames recorded. Prints the counts of cuts, 'other'-class decodes and forced run-out cuts; exits 1 when an "
                + "edit fails or the edits hold fewer than 200 cuts, no 'other' decode or no forced cut. See docs/generate.md."})
public final class BenchGenerateCheckCommand extends BaseCommand {
    @Option(names = "--model", paramLabel = "CKPT", description = "Checkpoint .json or folder. Default: the run directory's final model.")
    Path model;

    @Option(names = "--input", arity = "1..*", paramLabel = "EXPORT.xml|FOLDER",
            description = "Exports to take prompts from. Default: every export under the run directory's data/raw.")
    List<Path> input;

    @Option(names = "--edits", defaultValue = "100", description = "Edits to generate (default: ${DEFAULT-VALUE}).")
    int edits;

    @Option(names = "--seconds", defaultValue = "20", description = "Seconds generated per edit (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (edits < 1 || !(seconds > 0)) throw new ParameterException(spec.commandLine(), "--edits must be >= 1 and --seconds > 0");
        RunLayout layout = run.layout();
        Path checkpoint = model != null ? model : layout.finalModel().orElseThrow(() -> new UserException("no trained model in "
                + layout.root() + "; pass --model CKPT, or --run-dir with a run that trained one"));
        EditGenerator generator = new EditGenerator(ModelArtifact.load(checkpoint), GenerateSettings.from(config()));
        List<Path> files = InputFiles.expand(input != null ? input : List.of(layout.raw()));
        int[] skipped = {0};
        List<GenerationCheck.Prompt> prompts = GenerationCheck.prompts(files, generator, skipped);
        long started = System.nanoTime();
        GenerationCheck.Result r = GenerationCheck.run(generator, prompts, skipped[0], edits, seconds);
        out().printf(Locale.ROOT, "generate-check: model %s, temperature %s, %d exports, %.1f s%n", checkpoint, generator.settings().temperature(),
                files.size(), (System.nanoTime() - started) / 1e9);
        out().println(r.summary());
        List<String> unmet = new ArrayList<>();
        if (r.cuts() < 200) unmet.add("fewer than 200 cuts (" + r.cuts() + ")");
        if (r.otherDecodes() < 1) unmet.add("no 'other'-class decode");
        if (r.forcedCuts() < 1) unmet.add("no forced run-out cut");
        for (String f : r.failures()) out().println("FAILED " + f);
        out().println(r.ok() && unmet.isEmpty() ? "PASS: every edit is clean and the edits hold at least 200 cuts, an 'other'-class decode and a forced cut"
                : "FAIL: " + r.failures().size() + " edit(s) failed" + (unmet.isEmpty() ? "" : "; " + String.join(", ", unmet)));
        return r.ok() && unmet.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
