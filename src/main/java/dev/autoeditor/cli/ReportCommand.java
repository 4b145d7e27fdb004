package dev.autoeditor.cli;

import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.report.ReportWriter;
import dev.autoeditor.util.FolderLock;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor report}: one self-contained HTML page that shows what a run did. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page (charts embedded, no script, nothing loaded from elsewhere) that shows "
                + "what a run did: each phase's status and time, the data, training curves, the evaluation beside the baselines, "
                + "distillation, fine-tuning and RLHF results, and timeline pictures of generated edits.",
                "It reads only the run directory's files; a section is present when its files exist, and a damaged file is "
                + "named in its section. See docs/report.md."})
public final class ReportCommand extends BaseCommand {
    @Mixin
    RunDirOptions run;

    @Option(names = "--out", paramLabel = "FILE.html",
            description = "Where to write the page (default: report/index.html in the run directory).")
    Path out;

    @Option(names = "--force", description = "Replace an existing page.")
    boolean force;

    @Override
    protected int run() throws Exception {
        var layout = run.layout();
        Path page = out != null ? OutputPaths.file(out, "--out", "report.html") : layout.resolve(ReportWriter.DEFAULT_PAGE);
        ReportWriter.Result result;
        try (FolderLock lock = FolderLock.acquire(page.toAbsolutePath().getParent(), "write the page elsewhere (--out)", java.util.List.of())) {
            result = new ReportWriter(layout.root(), StandardPhases.names()).write(page, force);
        }
        if (!result.problems().isEmpty()) {
            err().println("the report names " + result.problems().size() + " problem(s) with the run's files, first: " + result.problems().get(0));
        }
        out().println("wrote " + result.page());
        return ExitCodes.OK;
    }
}
