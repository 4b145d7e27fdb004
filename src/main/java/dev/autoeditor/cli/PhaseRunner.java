package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.pipeline.ConvertPhase;
import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.Selection;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.pipeline.TrainingOrchestrator;
import java.io.PrintWriter;
import java.util.List;

/** Runs phases of a run directory through the orchestrator and prints what each did. */
final class PhaseRunner {
    /** Width of the phase column in full-run's and status's tables: the longest registered name. */
    static final int WIDTH = StandardPhases.names().stream().mapToInt(String::length).max().orElse(16);

    private PhaseRunner() {}

    static List<TrainingOrchestrator.Outcome> run(Config config, RunLayout layout, Selection selection, String resumeCommand, PrintWriter out)
            throws Exception {
        TrainingOrchestrator orchestrator = new TrainingOrchestrator(layout, config, StandardPhases.all(), resumeCommand);
        List<TrainingOrchestrator.Outcome> outcomes = orchestrator.run(selection);
        for (TrainingOrchestrator.Outcome o : outcomes) {
            String detail = switch (o.action()) {
                case SKIPPED -> "up to date";
                case DISABLED -> o.detail();
                case RAN, RESUMED -> String.format("%.1f s", o.seconds());
            };
            out.printf("  %-" + WIDTH + "s %-8s %s%n", o.phase(), o.action(), detail);
        }
        return outcomes;
    }

    /** A phase subcommand called without --input/--output: run that phase alone in the run directory. */
    static int runOnly(BaseCommand command, RunDirOptions run, String phase, boolean force) throws Exception {
        RunLayout layout = run.layout();
        PrintWriter summary = command.summary();
        summary.println(phase + " in run directory " + layout.root());
        String resume = RunDirOptions.commandLineOf(command.spec);
        run(command.config(), layout, new Selection(null, phase, force), resume, summary);
        return inputsLeftOut(layout, List.of(phase), resume, summary, command.err());
    }

    /**
     * {@link ExitCodes#PARTIAL} when one of {@code phases} left damaged input files out (its manifest
     * notes list them under {@code files_failed}), each named on its own line under one error line;
     * {@link ExitCodes#OK} otherwise. It reads the manifest, so a run that skips the phase next time still
     * says so, until the files are fixed or removed. Files skipped for holding no video are only counted.
     */
    static int inputsLeftOut(RunLayout layout, List<String> phases, String resume, PrintWriter summary, PrintWriter err) {
        Manifest manifest = Manifest.load(layout.manifest());
        int code = ExitCodes.OK;
        for (String phase : phases) {
            PhaseRecord rec = manifest.get(phase);
            if (rec == null || rec.status != PhaseRecord.Status.DONE || rec.notes == null) continue;
            List<?> skipped = rec.notes.get(ConvertPhase.FILES_SKIPPED) instanceof List<?> l ? l : List.of();
            if (!skipped.isEmpty()) {
                summary.println(skipped.size() + " input file(s) hold no video and were skipped by " + phase + " (listed in "
                        + layout.manifest() + " under " + phase + ".notes." + ConvertPhase.FILES_SKIPPED + ")");
            }
            List<?> failed = rec.notes.get(ConvertPhase.FILES_FAILED) instanceof List<?> l ? l : List.of();
            if (failed.isEmpty()) continue;
            Object total = rec.notes.get("files_total");
            err.println("error: " + failed.size() + (total == null ? "" : " of " + total) + " input file(s) could not be converted ("
                    + phase + ") and were left out; the run finished without them; fix or remove them, then run again: " + resume);
            for (Object f : failed) err.println("  failed: " + f);
            code = ExitCodes.PARTIAL;
        }
        err.flush();
        return code;
    }
}
