package dev.autoeditor.cli;

import dev.autoeditor.timeline.synth.SynthCorpus;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.synth.SynthStyle;
import dev.autoeditor.timeline.synth.SynthSummary;
import dev.autoeditor.timeline.table.ConvertOptions;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.FolderLock;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auto-editor synth}: writes the synthetic corpus (styles documented in docs/synth.md). */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write synthetic Premiere XML projects edited in documented styles (docs/synth.md).",
        footer = {"", "Same seed, same bytes. Files already in DIR with exactly these bytes are kept (a re-run finishes"
                + " an interrupted corpus); any other is replaced only with --force. DIR/synth-manifest.json records"
                + " the settings and every file's SHA-256.",
                "Example: auto-editor synth --out data/synth --projects 24 --seed 42 --style interview,vlog"})
public final class SynthCommand extends BaseCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the projects to.")
    Path out;

    @Option(names = "--projects", paramLabel = "N", description = "Number of projects (default: synth.projects).")
    Integer projects;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: the config's seed).")
    Long seed;

    @Option(names = "--style", split = ",", paramLabel = "NAME",
            description = "Only these styles (default: synth.styles): interview, vlog, split_screen, montage, multicam;"
                    + " or house, the fine-tune default data's style.")
    List<String> styles;

    @Option(names = "--force", description = "Replace existing project files in DIR.")
    boolean force;

    @Override
    protected int run() throws Exception {
        OutputPaths.folder(out, "--out", "gets the projects");
        SynthOptions options = SynthOptions.fromConfig(config());
        if (projects != null) {
            if (projects < 1) throw new UserException("--projects is " + projects + "; give 1 or more", ExitCodes.USAGE, null);
            options = options.withProjects(projects);
        }
        if (seed != null) options = options.withSeed(seed);
        if (styles != null) options = options.withStyles(parseStyles(styles));
        SamplingRate sampling = ConvertOptions.fromConfig(config(), null, false).sampling();
        int threads = config().getInt("synth.threads", 0, 1024);
        SynthSummary summary;
        try (FolderLock lock = FolderLock.acquire(out, "write to another folder (--out)", List.of())) {
            summary = SynthCorpus.write(out, options, force, threads);
        }
        summary().println(summary);
        summary().printf(Locale.ROOT, "convert at %s fps will give %d keyframe-table rows%n", sampling,
                summary.tableRows(sampling));
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
}
