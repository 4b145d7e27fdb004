package dev.autoeditor.cli;

import dev.autoeditor.generate.Continuation;
import dev.autoeditor.generate.EditGenerator;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.generate.GeneratedFiles;
import dev.autoeditor.generate.GenerationPrompt;
import dev.autoeditor.generate.StepListener;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor generate}: a trained model continues a prompt's sequence and writes Premiere XML. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Continue an edit with a trained model: the prompt's sequence cut at --prompt-seconds (clips before kept as "
                + "they are, with audio and effects) followed by --seconds of generated edit, written as Premiere Pro XML.",
                "Frame by frame at the model's sample rate: per video track the model samples whether it shows a clip and which "
                + "source (--temperature; 0 is greedy and almost never cuts), with Basic Motion and Crop its predicted values. "
                + "New sources come from the prompt's unused media; a source that runs out forces a cut. See docs/generate.md."})
public final class GenerateCommand extends BaseCommand {
    @Option(names = "--model", paramLabel = "CKPT",
            description = "Checkpoint .json, or a checkpoint folder (its best.json, else last.json). Default: the run directory's final model.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "PROJECT.xml", description = "The Premiere Pro / FCP7 XML export to continue.")
    Path prompt;

    @Option(names = "--sequence", paramLabel = "NAME", description = "The prompt's sequence to continue (default: its first).")
    String sequence;

    @Option(names = "--prompt-seconds", paramLabel = "S",
            description = "Keep the prompt up to S seconds (rounded up to the next sampled frame) and continue from there. Default: the whole sequence.")
    Double promptSeconds;

    @Option(names = "--seconds", required = true, paramLabel = "N", description = "Seconds of edit to generate.")
    double seconds;

    @Option(names = "--out", required = true, paramLabel = "EDIT.xml", description = "The edit to write.")
    Path out;

    @Option(names = "--frames-csv", paramLabel = "FILE.csv",
            description = "Also write the generated frames as a keyframe CSV in the format `convert` writes.")
    Path framesCsv;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (default: generate.temperature).")
    Double temperature;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every draw (default: the config's seed).")
    Long seed;

    @Option(names = "--force", description = "Overwrite --out and --frames-csv.")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        // Everything that can be refused is refused before a byte is written.
        if (model != null && run.runDir != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --model CKPT or --run-dir DIR (its final model), not both");
        }
        // The folders of the edit and its frames are this command's until it ends (another generate cannot mix its files in).
        try (OutputLocks locks = OutputLocks.forFiles("write elsewhere (--out, --frames-csv)", out, framesCsv)) {
            return generate();
        }
    }

    private int generate() throws Exception {
        AtomicFiles.checkOverwrite(out, force);
        if (framesCsv != null) AtomicFiles.checkOverwrite(framesCsv, force);
        if (framesCsv != null && framesCsv.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new UserException("--frames-csv and --out are the same file (" + out + "); name two files");
        }
        GenerateSettings settings = GenerateSettings.from(config());
        if (temperature != null) settings = settings.withTemperature(temperature);
        if (seed != null) settings = settings.withSeed(seed);
        EditGenerator generator = new EditGenerator(ModelArtifact.load(modelPath()), settings);
        Project project = XmemlReader.forEditing().read(prompt);
        Sequence chosen = EditGenerator.sequence(project, sequence, prompt.toString());
        PromptCut cut = generator.cut(project, chosen, promptSeconds, prompt.toString());
        int frames = generator.framesFor(cut, seconds);

        Continuation c = generator.generate(List.of(new GenerationPrompt(cut, frames, 0)), StepListener.NONE).get(0);
        GeneratedFiles.Written written = GeneratedFiles.write(c, out, framesCsv);
        EditCheck.Report check = written.check();
        summary().printf(Locale.ROOT, "generate: %s sequence '%s', context up to %.3f s, %d frames (%.3f s) at %s samples/s, temperature %s, seed %d%n",
                prompt, chosen.name(), chosen.rate().seconds(cut.cutFrame()), frames,
                chosen.rate().seconds(cut.frameOfSample(cut.firstSample() + frames)) - chosen.rate().seconds(cut.cutFrame()),
                generator.sampling(), settings.temperature(), settings.seed());
        summary().printf(Locale.ROOT, "  %d generated cut(s), %d forced by a source running out, %d new source(s), %d 'other' decode(s); log-probability %.3f%n",
                check.cuts(), c.forcedCuts(), c.newClassDecodes(), c.otherDecodes(), c.logProb());
        out().println("wrote " + out + " (" + check.summary() + ")");
        if (framesCsv != null) out().println("wrote " + framesCsv + " (" + frames + " generated frames)");
        return ExitCodes.OK;
    }

    private Path modelPath() {
        if (model != null) return model;
        RunLayout layout = run.layout();
        return layout.finalModel().orElseThrow(() -> new UserException("no trained model in " + layout.root()
                + "; pass --model CKPT, or --run-dir with a run that trained one"));
    }
}
