package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
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
        run(command.config(), layout, new Selection(null, phase, force), RunDirOptions.commandLineOf(command.spec), summary);
        return ExitCodes.OK;
    }
}
