package dev.autoeditor.cli;

import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.Selection;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor full-run}: every phase in order, skipping what is done, resuming what was interrupted. */
@Command(name = "full-run", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline in a run directory: download-models, download-data, convert, preprocess, "
                + "window, pretrain.",
                "Phases that are done with unchanged inputs are skipped; a phase whose inputs changed is redone with "
                + "everything after it; an interrupted training phase resumes from its last checkpoint."})
public final class FullRunCommand extends BaseCommand {
    @Mixin
    RunDirOptions run;

    @Option(names = "--from", paramLabel = "PHASE", description = "Consider only this phase and those after it.")
    String from;

    @Option(names = "--only", paramLabel = "PHASE", description = "Consider only this phase (earlier phases must be done).")
    String only;

    @Option(names = "--force", description = "Redo the considered phases even when up to date, and replace files this run did not make.")
    boolean force;

    @Override
    protected int run() throws Exception {
        RunLayout layout = run.layout();
        PrintWriter out = out();
        out.println("full-run in " + layout.root() + " (profile " + global.profile() + ")");
        PhaseRunner.run(config(), layout, new Selection(from, only, force), RunDirOptions.commandLineOf(spec), out);
        out.println("results in " + layout.root() + ":");
        out.println("  data:        " + layout.resolve("data"));
        out.println("  checkpoints: " + layout.resolve("checkpoints"));
        Path best = layout.pretrain().resolve("best.json");
        if (Files.exists(best)) out.println("  model:       " + best + " (best by validation loss; metrics in " + layout.pretrain().resolve("metrics") + ")");
        out.println("  manifest:    " + layout.manifest() + " (see `auto-editor status --run-dir " + layout.root() + "`)");
        return ExitCodes.OK;
    }
}
