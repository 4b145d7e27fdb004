package dev.autoeditor.report;

import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import dev.autoeditor.util.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the report of a run directory: one self-contained HTML page (charts embedded as PNG data
 * URIs, styles inline, no script, nothing loaded from elsewhere) that reads only the run's files.
 * Each section is present when its input files exist; a damaged input still gives its section,
 * which names the file and what is wrong with it.
 *
 * <pre>{@code
 * ReportWriter.Result r = new ReportWriter(runDir, StandardPhases.names()).write(runDir.resolve(ReportWriter.DEFAULT_PAGE), force);
 * }</pre>
 */
public final class ReportWriter {
    /** Where the page goes in a run directory unless told otherwise. */
    public static final String DEFAULT_PAGE = "report/index.html";

    /** What was written: the page, its sections in order, and every problem found in the inputs. */
    public record Result(Path page, List<Section> sections, List<String> problems) {}

    private final RunFiles files;
    private final List<String> phaseOrder;
    private final String self;

    /**
     * @param runDir     the run directory
     * @param phaseOrder the pipeline's phases in order, so phases that have not run show as pending
     */
    public ReportWriter(Path runDir, List<String> phaseOrder) {
        this(new RunFiles(runDir), List.copyOf(phaseOrder), null);
    }

    private ReportWriter(RunFiles files, List<String> phaseOrder, String self) {
        this.files = files;
        this.phaseOrder = phaseOrder;
        this.self = self;
    }

    /**
     * The same writer run as the pipeline phase {@code phase}: the manifest records that phase as
     * running while it writes, so the page shows it as "writing" and leaves it out of the run's state.
     */
    public ReportWriter asPhase(String phase) {
        return new ReportWriter(files, phaseOrder, phase);
    }

    /**
     * Writes the page to {@code page} (to a temporary name, then moved into place). An existing page
     * is replaced only with {@code force}.
     */
    public Result write(Path page, boolean force) throws IOException {
        AtomicFiles.checkOverwrite(page, force);
        List<Section> sections = sections();
        String html = render(sections);
        Path parent = page.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicFiles.writeString(page, html);
        List<String> problems = new ArrayList<>();
        for (Section s : sections) problems.addAll(s.problems());
        return new Result(page.toAbsolutePath().normalize(), sections, problems);
    }

    /** The sections the run's files give, in page order. */
    public List<Section> sections() {
        if (!Files.isDirectory(files.root())) {
            throw new UserException("run directory " + files.root() + " does not exist; pass --run-dir with a folder `auto-editor full-run` wrote");
        }
        List<Section> out = new ArrayList<>();
        add(out, GlanceSection.build(files, phaseOrder, self));
        add(out, DataSection.build(files));
        add(out, TrainingSection.build(files, phaseOrder));
        add(out, EvaluationSection.build(files));
        add(out, PhaseSummarySection.distillation(files));
        add(out, PhaseSummarySection.finetuning(files));
        add(out, PhaseSummarySection.rlhf(files));
        out.addAll(PhaseSummarySection.others(files, phaseOrder));
        add(out, SamplesSection.build(files));
        if (out.isEmpty()) {
            throw new UserException("nothing to report in " + files.root() + ": no manifest.json, data or checkpoints; run `auto-editor full-run --run-dir "
                    + files.root() + "` first, or pass --run-dir with a run directory");
        }
        return out;
    }

    private static void add(List<Section> out, Optional<Section> s) {
        s.ifPresent(out::add);
    }

    /** The whole page. */
    String render(List<Section> sections) {
        String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"auto-editor ").append(Html.esc(Version.version())).append("\">\n")
                .append("<title>auto-editor report: ").append(Html.esc(files.root().getFileName() == null ? files.root().toString()
                        : files.root().getFileName().toString())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<header><h1>auto-editor report</h1>\n<p class=\"where\">Run directory <code>").append(Html.esc(files.root().toString()))
                .append("</code></p>\n<nav>");
        for (Section s : sections) {
            sb.append("<a href=\"#").append(s.id()).append("\">").append(Html.esc(s.title())).append("</a>");
            if (!s.problems().isEmpty()) sb.append("<span class=\"flag\" title=\"").append(s.problems().size()).append(" problem(s)\">!</span>");
            sb.append(' ');
        }
        sb.append("</nav></header>\n<main>\n");
        for (Section s : sections) {
            sb.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(Html.esc(s.title())).append("</h2>\n").append(s.html())
                    .append("</section>\n");
        }
        sb.append("</main>\n<footer>Written by auto-editor ").append(Html.esc(Version.version())).append(" at ").append(time)
                .append(" from the files of the run directory alone (manifest.json, config.resolved.yaml, data/, checkpoints/, eval/, samples/). ")
                .append("Rewrite it with <code>auto-editor report --run-dir ").append(Html.esc(files.root().toString()))
                .append(" --force</code>.</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static final String CSS = """
            body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 0; color: #222; background: #fff; }
            header { background: #f4f6f8; border-bottom: 1px solid #dde; padding: 12px 24px; }
            h1 { margin: 0 0 4px 0; font-size: 22px; }
            header .where { margin: 0 0 8px 0; color: #555; }
            nav a { margin-right: 14px; color: #0b5cad; text-decoration: none; font-weight: bold; }
            nav .flag { background: #c60; color: #fff; border-radius: 8px; padding: 0 5px; margin-left: -10px; margin-right: 10px; font-size: 11px; }
            main { padding: 0 24px 24px 24px; max-width: 1800px; }
            section { border-bottom: 1px solid #eee; padding-bottom: 12px; }
            h2 { margin-top: 28px; border-bottom: 2px solid #0b5cad; padding-bottom: 4px; }
            h3 { margin-top: 20px; }
            table { border-collapse: collapse; margin: 8px 0 12px 0; font-size: 13px; }
            th, td { border: 1px solid #d6d6d6; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #f0f2f4; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            code { font-size: 12px; }
            .problem { background: #fff4d6; border-left: 4px solid #d08a00; padding: 6px 10px; }
            .note { color: #555; font-size: 13px; }
            .st { padding: 1px 6px; border-radius: 3px; font-size: 12px; }
            .st.done { background: #d9f2dd; } .st.failed { background: #f8d0cc; } .st.pending { background: #e8e8e8; }
            .st.interrupted { background: #fde7c2; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 8px; }
            figure { margin: 4px 0; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; }
            details { margin: 8px 0; }
            footer { color: #777; font-size: 12px; padding: 12px 24px; }
            """;
}
