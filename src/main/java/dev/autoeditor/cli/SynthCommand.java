package dev.autoeditor.cli;

import dev.autoeditor.timeline.synth.SynthCorpus;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.synth.SynthStyle;
import dev.autoeditor.timeline.synth.SynthSummary;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auto-editor synth}: writes the synthetic corpus (styles documented in docs/synth.md). */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write synthetic Premiere XML projects edited in documented styles (docs/synth.md).")
public final class SynthCommand extends BaseCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the projects to.")
    Path out;

    @Option(names = "--projects", paramLabel = "N", description = "Number of projects (default: synth.projects).")
    Integer projects;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: the config's seed).")
    Long seed;

    @Option(names = "--style", split = ",", paramLabel = "NAME",
            description = "Only these styles (default: synth.styles): interview, vlog, split_screen, montage, multicam.")
    List<String> styles;

    @Option(names = "--force", description = "Replace existing project files in DIR.")
    boolean force;

    @Override
    protected int run() throws Exception {
        SynthOptions options = SynthOptions.fromConfig(config());
        if (projects != null) {
            if (projects < 1) throw new UserException("--projects is " + projects + "; give 1 or more", ExitCodes.USAGE, null);
            options = options.withProjects(projects);
        }
        if (seed != null) options = options.withSeed(seed);
        if (styles != null) options = options.withStyles(parseStyles(styles));
        String sampleFps = config().getString("convert.sample_fps");
        SamplingRate sampling = SamplingRate.parse(sampleFps, "config key 'convert.sample_fps'");
        SynthSummary summary = SynthCorpus.write(out, options, force);
        out().printf(Locale.ROOT, "%d projects in %s (%s): %d written, %d already there and identical%n", options.projects(), out,
                describe(summary.projectsPerStyle()), options.projects() - summary.unchanged(), summary.unchanged());
        out().printf(Locale.ROOT, "%.1f hours of timeline, %d clips; convert at %s fps will give %d keyframe-table rows%n",
                summary.totalSeconds() / 3600, summary.clips(), sampleFps, summary.tableRows(sampling));
        return ExitCodes.OK;
    }

    private static List<SynthStyle> parseStyles(List<String> names) {
        List<SynthStyle> out = new ArrayList<>();
        for (String n : names) {
            SynthStyle s = SynthStyle.byName(n.trim());
            if (s == null) {
                throw new UserException("--style '" + n + "' is not a style; choose from " + SynthStyle.names(),
                        ExitCodes.USAGE, null);
            }
            out.add(s);
        }
        return out;
    }

    private static String describe(Map<SynthStyle, Integer> perStyle) {
        List<String> parts = new ArrayList<>();
        for (SynthStyle s : SynthStyle.values()) {
            Integer n = perStyle.get(s);
            if (n != null) parts.add(n + " " + s.configName());
        }
        return String.join(", ", parts);
    }
}
