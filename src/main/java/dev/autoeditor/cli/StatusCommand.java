package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.PhaseStatus;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.pipeline.TrainingOrchestrator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code auto-editor status}: each phase's state, what is stale and why, and what a full-run would do next. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each phase of a run directory: done, stale (and why), pending, interrupted or failed, "
                + "and what `full-run` would run next.",
                "Compares against the run's saved settings (config.resolved.yaml) unless --profile, --config or --set is given."})
public final class StatusCommand extends BaseCommand {
    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        RunLayout layout = run.layout();
        PrintWriter out = out();
        Config config = settings(layout);
        List<PhaseStatus> status = new TrainingOrchestrator(layout, config, StandardPhases.all(), "").status();
        out.println("run directory " + layout.root() + (Files.exists(layout.manifest()) ? "" : " (no manifest.json yet: nothing has run)"));
        String row = "  %-" + PhaseRunner.WIDTH + "s %-12s %s%n";
        out.printf(row, "phase", "state", "detail");
        for (PhaseStatus s : status) {
            out.printf(row, s.phase(), s.state(), detail(s));
        }
        out.println("final model: " + layout.finalModel().map(Path::toString).orElse("none yet"));
        List<String> next = status.stream().filter(PhaseStatus::wouldRun).map(PhaseStatus::phase).toList();
        if (next.isEmpty()) {
            out.println("next: nothing; every phase is up to date");
        } else {
            PhaseStatus first = status.stream().filter(PhaseStatus::wouldRun).findFirst().orElseThrow();
            out.println("next: " + String.join(", ", next) + " (first " + first.phase() + ": " + String.join("; ", first.reasons()) + ")");
        }
        return ExitCodes.OK;
    }

    /** The saved settings of the run unless the user gave settings on this command line. */
    private Config settings(RunLayout layout) throws Exception {
        var parsed = spec.commandLine().getParseResult();
        boolean explicit = parsed.hasMatchedOption("--profile") || parsed.hasMatchedOption("--config") || parsed.hasMatchedOption("--set");
        if (!explicit && Files.exists(layout.resolvedConfig())) {
            return ConfigLoader.fromSaved(Files.readString(layout.resolvedConfig()));
        }
        return config();
    }

    private static String detail(PhaseStatus s) {
        PhaseRecord r = s.record();
        StringBuilder d = new StringBuilder();
        if (!s.reasons().isEmpty()) d.append(String.join("; ", s.reasons()));
        if (r != null && r.seconds != null && s.state() != PhaseStatus.State.DISABLED) {
            if (d.length() > 0) d.append(" | ");
            d.append(String.format("last attempt %.1f s, %d attempt(s)", r.seconds, r.attempts));
        }
        return d.toString();
    }
}
