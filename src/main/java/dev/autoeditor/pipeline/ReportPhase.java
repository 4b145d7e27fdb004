package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.report.ReportWriter;
import java.io.IOException;
import java.util.List;

/**
 * The last phase of a full run: report/index.html, one page that shows what the run did (see
 * {@link ReportWriter}). It reads every earlier phase's files, so its upstream is every earlier phase;
 * the orchestrator also runs it when a phase fails, so the page shows the failed and pending phases.
 */
public final class ReportPhase extends DeclaredPhase {
    public static final String NAME = "report";
    public static final String OUTPUT = "report";

    private final List<String> phaseOrder;

    /**
     * @param upstream   the phases before this one whose outputs the page shows
     * @param phaseOrder every phase of the pipeline in order (this one included), so those that have
     *                   not run show as pending
     */
    public ReportPhase(List<String> upstream, List<String> phaseOrder) {
        super(NAME, 1, upstream, List.of(OUTPUT));
        this.phaseOrder = List.copyOf(phaseOrder);
    }

    @Override
    public boolean needsEveryUpstream() {
        return false;
    }

    @Override
    public boolean enabled(Config config) {
        return config.getBoolean("report.enabled");
    }

    @Override
    public List<String> configKeys(Config config) {
        return List.of();
    }

    @Override
    public void run(PhaseContext context) throws IOException {
        // The orchestrator has cleared report/ (or it never existed): replacing is this phase's own business.
        ReportWriter.Result result = new ReportWriter(context.layout().root(), phaseOrder).asPhase(NAME)
                .write(context.layout().resolve(ReportWriter.DEFAULT_PAGE), true);
        context.note("page", ReportWriter.DEFAULT_PAGE);
        context.note("sections", result.sections().size());
        context.note("problems", result.problems().size());
    }
}
