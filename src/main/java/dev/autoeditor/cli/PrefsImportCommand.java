package dev.autoeditor.cli;

import dev.autoeditor.prefs.LineProblem;
import dev.autoeditor.prefs.PairImporter;
import dev.autoeditor.prefs.PairStore;
import dev.autoeditor.timeline.table.SamplingRate;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code auto-editor prefs import FILE}: pairs made elsewhere, as JSON lines or the CSV form, into a pair file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import preference pairs made elsewhere: JSON lines (auto-editor-pair/1) or a CSV naming Premiere XML exports.",
        footer = {"",
                "CSV columns: context_export,sequence,context_s,side_a_export,side_b_export,preferred (A, B or tie);"
                        + " paths relative to the CSV; context_s is END or START-END in seconds. Details: docs/prefs.md.",
                "Pairs already in the output are not added again, so an interrupted import can simply be run again.",
                "Exit codes: 0 every row imported; 3 some rows bad (each named with its line on stderr, the rest imported);"
                        + " 1 no good row (nothing written).",
                "Example: auto-editor prefs import ratings.csv --run-dir runs/mine"})
public final class PrefsImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "A .jsonl file of pairs or a .csv of rated exports.")
    Path input;

    @Option(names = "--output", paramLabel = "PAIRS.jsonl",
            description = "The pair file to append to (created if missing); default: <run-dir>/" + PairStore.DEFAULT_FILE + ".")
    Path output;

    @Option(names = "--fps", paramLabel = "RATE|native",
            description = "CSV form: the rate exports are converted at (5, 2.5, 30000/1001, native); default: config convert.sample_fps.")
    String fps;

    @Option(names = "--judge-id", paramLabel = "ID",
            description = "CSV form: who judged, recorded as the pairs' judge id (kind import); default: the CSV's file name.")
    String judgeId;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        String rateText = fps != null ? fps : config().getString("convert.sample_fps");
        SamplingRate sampling;
        try {
            sampling = SamplingRate.parse(rateText, fps != null ? "--fps" : "config key 'convert.sample_fps'");
        } catch (dev.autoeditor.util.UserException e) {
            throw new dev.autoeditor.config.ConfigException(e.getMessage()); // a bad option or setting: exit 2
        }
        Path target = output != null ? output : run.layout().resolve(PairStore.DEFAULT_FILE);
        PairImporter.Result r = new PairImporter().importFile(input, new PairStore(target), new PairImporter.Options(sampling, judgeId));
        for (LineProblem p : r.problems()) err().println("bad row: " + p);
        out().println("imported " + r.added() + " pair(s) from " + r.input() + " into " + r.store()
                + (r.duplicates() > 0 ? " (" + r.duplicates() + " already there)" : "")
                + (r.problems().isEmpty() ? "" : "; " + r.problems().size() + " bad row(s) skipped, named above"));
        return r.problems().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
