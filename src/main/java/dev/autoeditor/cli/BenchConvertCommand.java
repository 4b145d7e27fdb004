package dev.autoeditor.cli;

import dev.autoeditor.timeline.table.ConvertBenchmark;
import dev.autoeditor.timeline.table.ConvertOptions;
import dev.autoeditor.timeline.table.SamplingRate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auto-editor bench convert}: conversion speed beside bare StAX parsing of the same bytes. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Conversion speed (MB/s, rows/s) beside the speed of merely parsing the same XML bytes.",
        footer = {"", "The files are held in memory and converted on one thread into a null writer (no disk);"
                + " files that do not convert are skipped. Figures and method: docs/convert.md.",
                "Example: auto-editor bench convert --input ../shared/data/real-xml -q"})
public final class BenchConvertCommand extends BaseCommand {
    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "xmeml files or folders (searched for *.xml).")
    List<Path> inputs;

    @Option(names = "--fps", paramLabel = "RATE|native", description = "Sampling; default: config convert.sample_fps.")
    String fps;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "N", description = "Unmeasured rounds first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "5", paramLabel = "N", description = "Measured rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    protected int run() throws Exception {
        SamplingRate sampling = ConvertOptions.fromConfig(config(), fps, false).sampling();
        ConvertBenchmark.Result r = new ConvertBenchmark().run(inputs, sampling, warmup, repeat);
        PrintWriter out = out();
        out.printf("files %d (%d skipped: they do not convert), %.1f MB, %d rows at %s fps; median of %d rounds after %d warm-up%n",
                r.files(), r.skipped(), r.bytes() / 1e6, r.rows(), sampling, r.rounds(), warmup);
        out.printf("parse only (StAX next() loop): %8.3f s  %8.1f MB/s%n", r.parseSeconds(), r.parseMBps());
        out.printf("convert (model, table, CSV):   %8.3f s  %8.1f MB/s  %10.0f rows/s%n",
                r.convertSeconds(), r.convertMBps(), r.rowsPerSecond());
        out.printf("convert / parse time ratio:    %8.2f%n", r.ratio());
        return ExitCodes.OK;
    }
}
