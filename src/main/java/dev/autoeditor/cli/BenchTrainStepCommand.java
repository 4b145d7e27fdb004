package dev.autoeditor.cli;

import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.train.bench.NativeThreads;
import dev.autoeditor.train.bench.TrainStepBenchmark;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auto-editor bench train-step}: median time of one training step of the frame transformer. */
@Command(name = "train-step", mixinStandardHelpOptions = true,
        description = {"Time the frame transformer's training step (inputs, forward, backward, clipping, AdamW) on "
                + "synthetic windows: warm-up steps, then the median of the measured ones.",
                "Compare with bench/pytorch_step.py; thread settings come from the environment (OMP_NUM_THREADS) and "
                + "the ND4J build from the Maven classifier. See docs/performance.md."})
public final class BenchTrainStepCommand extends BaseCommand {
    @Option(names = "--size", defaultValue = "reference", paramLabel = "reference|config",
            description = "reference: d_model 256, 8 heads, 3 layers, ff 768, batch 32 x 100 frames (other model.* as configured); "
                    + "config: model.*, train.batch_size and window.length (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--warmup", defaultValue = "3", description = "Steps run before timing (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "ND4J's OpenMP threads; 0 = as started (OMP_NUM_THREADS) (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--blas-threads", defaultValue = "0", paramLabel = "N",
            description = "BLAS threads; 0 = ND4J's default (default: ${DEFAULT-VALUE}).")
    int blasThreads;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the timings and settings as JSON.")
    Path json;

    @Option(names = "--force", description = "Overwrite the --json file.")
    boolean force;

    @Override
    protected int run() throws Exception {
        if (threads < 0 || blasThreads < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads and --blas-threads must be >= 0");
        }
        if (warmup < 0 || steps < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--warmup must be >= 0 and --steps >= 1");
        if (json != null) AtomicFiles.checkOverwrite(json, force);
        var cfg = config();
        ModelConfig mc;
        int batch;
        int length;
        switch (size) {
            case "reference" -> {
                mc = TrainStepBenchmark.reference(cfg);
                batch = TrainStepBenchmark.REFERENCE_BATCH;
                length = TrainStepBenchmark.REFERENCE_LENGTH;
            }
            case "config" -> {
                mc = ModelConfig.from(cfg);
                batch = cfg.getInt("train.batch_size", 1, 1 << 16);
                length = cfg.getInt("window.length", 2, 1 << 16);
            }
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--size must be reference or config, got '" + size + "'");
        }
        NativeThreads.apply(threads, blasThreads);
        Path work = Files.createTempDirectory("auto-editor-bench");
        TrainStepBenchmark.Result r;
        try {
            r = TrainStepBenchmark.run(cfg, mc, batch, length, warmup, steps, work);
        } finally {
            Trees.delete(work);
        }
        Map<String, Object> b = r.backend();
        out().printf("train step: %d parameters, batch %d x %d frames%n", r.parameters(), batch, length);
        out().printf("backend: %s, build %s, OMP threads %s, BLAS threads %s (OMP_NUM_THREADS=%s)%n", b.get("backend"),
                b.get("native_build"), b.get("omp_threads_set"), b.get("blas_threads_set"), b.get("OMP_NUM_THREADS"));
        out().printf("median %.1f ms per step (min %.1f, max %.1f) over %d steps after %d warm-up; loss %.4f -> %.4f; "
                        + "load average %.2f -> %.2f%n", r.timings().median(), r.timings().min(), r.timings().max(), steps, warmup,
                r.firstLoss(), r.lastLoss(), r.loadBefore(), r.loadAfter());
        if (json != null) {
            r.writeJson(json);
            out().println("wrote " + json);
        }
        return ExitCodes.OK;
    }
}
