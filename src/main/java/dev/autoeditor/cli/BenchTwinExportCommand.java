package dev.autoeditor.cli;

import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.train.bench.TrainStepBenchmark;
import dev.autoeditor.train.bench.TwinExport;
import dev.autoeditor.util.AtomicFiles;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auto-editor bench twin-export}: the Java side of bench/twin_check.py (is the PyTorch twin in step?). */
@Command(name = "twin-export", mixinStandardHelpOptions = true,
        description = {"Write the frame transformer's initial weights, one fixed synthetic batch, and the Java side's parameter "
                + "count, loss parts and gradient norm on it (dropout off, equal loss weights, Huber delta 1), for "
                + "bench/twin_check.py to compare with the PyTorch twin (bench/pytorch_step.py). See docs/performance.md."})
public final class BenchTwinExportCommand extends BaseCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for weights.npz, batch.npz and java.json.")
    Path out;

    @Option(names = "--size", defaultValue = "reference", paramLabel = "reference|config",
            description = "reference: the full profile's model and batch; config: model.*, train.batch_size and window.length "
                    + "as configured (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--force", description = "Overwrite the files in --out.")
    boolean force;

    @Override
    protected int run() throws Exception {
        // Weights, batch and Java's figures must come from one run: the folder is this command's until it ends.
        try (OutputLocks locks = OutputLocks.forFolders("write to another folder (--out)", out)) {
            return export();
        }
    }

    private int export() throws Exception {
        for (String f : new String[] {"weights.npz", "batch.npz", "java.json"}) AtomicFiles.checkOverwrite(out.resolve(f), force);
        var cfg = config();
        TrainStepBenchmark.Size s = switch (size) {
            case "reference" -> TrainStepBenchmark.reference();
            case "config" -> new TrainStepBenchmark.Size(ModelConfig.from(cfg), cfg.getInt("train.batch_size", 1, 1 << 16),
                    cfg.getInt("window.length", 2, 1 << 16));
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--size must be reference or config, got '" + size + "'");
        };
        Map<String, Object> doc = TwinExport.write(cfg, s.model(), s.batch(), s.length(), out);
        out().printf("%s parameters, batch %d x %d frames; loss %s; gradient norm %.6f%n", doc.get("parameters"), s.batch(), s.length(),
                doc.get("loss"), (double) doc.get("gradient_norm"));
        out().println("wrote " + out.resolve("java.json") + ", weights.npz and batch.npz");
        return ExitCodes.OK;
    }
}
