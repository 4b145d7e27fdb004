package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.pipeline.EvaluatePhase;
import dev.autoeditor.pipeline.ModelSource;
import dev.autoeditor.pipeline.Phase;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.SamplesPhase;
import dev.autoeditor.pipeline.Selection;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code auto-editor full-run}: every phase in order, skipping what is done, resuming what was
 * interrupted. Its description lists the phases of {@link StandardPhases} ({@link #description}).
 */
@Command(name = "full-run", mixinStandardHelpOptions = true)
public final class FullRunCommand extends BaseCommand {
    @Mixin
    RunDirOptions run;

    @Option(names = "--from", paramLabel = "PHASE", description = "Consider only this phase and those after it.")
    String from;

    @Option(names = "--only", paramLabel = "PHASE", description = "Consider only this phase (earlier phases must be done).")
    String only;

    @Option(names = "--force", description = "Redo the considered phases even when up to date, and replace files this run did not make.")
    boolean force;

    /** The help text: the phases in order, those the default settings switch off marked. */
    static String[] description(List<Phase> phases) {
        Config defaults = ConfigLoader.defaults();
        List<String> names = new ArrayList<>();
        Set<String> switches = new LinkedHashSet<>();
        for (Phase p : phases) {
            List<String> read = new ArrayList<>();
            boolean on = p.enabled(defaults.recording(read::add));
            if (!on) switches.addAll(read);
            names.add(on ? p.name() : p.name() + "*");
        }
        return new String[] {
            "Run the whole pipeline in a run directory: " + String.join(", ", names) + "."
                    + (switches.isEmpty() ? "" : " (* switched off by default; switched on by " + String.join(", ", switches) + ".)"),
            "Phases that are done with unchanged inputs are skipped; a phase whose inputs changed is redone with "
                    + "everything after it; an interrupted training phase resumes from its last checkpoint.",
        };
    }

    @Override
    protected int run() throws Exception {
        RunLayout layout = run.layout();
        PrintWriter out = out();
        out.println("full-run in " + layout.root() + " (profile " + global.profile() + ")");
        String resume = RunDirOptions.commandLineOf(spec);
        PhaseRunner.run(config(), layout, new Selection(from, only, force), resume, out);
        out.println("results in " + layout.root() + ":");
        out.println("  data:        " + layout.resolve("data"));
        out.println("  checkpoints: " + layout.resolve("checkpoints"));
        Optional<ModelSource> model = layout.finalModelOf(StandardPhases.all());
        if (model.isPresent()) {
            Path checkpoint = model.get().checkpoint();
            Path metrics = checkpoint.resolveSibling("metrics");
            String kind = checkpoint.getFileName().toString().equals("best.json") ? "best by validation loss" : "last checkpoint";
            out.println("  model:       " + checkpoint + " (the final model, from " + model.get().phase() + ": " + kind
                    + (Files.isDirectory(metrics) ? "; metrics in " + metrics : "") + ")");
        }
        out.println("  manifest:    " + layout.manifest() + " (see `auto-editor status --run-dir " + layout.root() + "`)");
        printSamples(layout, out);
        Path report = layout.resolve(ReportWriter.DEFAULT_PAGE);
        if (Files.isRegularFile(report)) out.println("  report:      " + report);
        Path table = layout.resolve(EvaluatePhase.TEST_TABLE);
        if (Files.isRegularFile(table)) {
            out.println();
            out.println("the final model on the test split (" + layout.resolve(EvaluatePhase.TEST_JSON) + "):");
            out.print(Files.readString(table));
        }
        out.flush();
        return PhaseRunner.inputsLeftOut(layout, StandardPhases.names(), resume, summary(), err());
    }

    /** The samples phase's edits, one line each (samples/index.json); a damaged index is named, not fatal. */
    private static void printSamples(RunLayout layout, PrintWriter out) {
        Path index = layout.resolve(SamplesPhase.INDEX);
        if (!Files.isRegularFile(index)) return;
        try {
            var samples = new com.fasterxml.jackson.databind.ObjectMapper().readTree(index.toFile()).path("samples");
            for (var s : samples) {
                Path xml = index.resolveSibling(s.path("xml").asText());
                out.println("  sample:      " + xml + " (" + s.path("prompt").asText() + ", '" + s.path("sequence").asText() + "' after "
                        + s.path("prompt_seconds").asText() + " s; frames in " + index.resolveSibling(s.path("generated_csv").asText()).getFileName()
                        + ", true continuation in " + index.resolveSibling(s.path("truth_csv").asText()).getFileName() + ")");
            }
        } catch (java.io.IOException e) {
            out.println("  samples:     " + index + " is unreadable (" + e.getMessage() + ")");
        }
    }
}
