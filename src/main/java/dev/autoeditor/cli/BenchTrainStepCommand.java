package dev.autoeditor.cli;

import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.NativeThreads;
import dev.autoeditor.train.bench.StepProfiler;
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
        description = {"Time the frame transformer's training step on synthetic windows: warm-up steps, then the median "
                + "wall time of the measured ones, everything the training loop does once per step included (batch, feeds and "
                + "dropout masks, forward, backward, gradient norm and clipping, AdamW, the GC that frees off-heap memory), "
                + "and the process's peak resident memory. With --op-profile, a per-op profile instead.",
                "Compare with bench/pytorch_step.py; thread settings come from the environment (OMP_NUM_THREADS) and "
                + "the ND4J build from the Maven classifier. See docs/performance.md."})
public final class BenchTrainStepCommand extends BaseCommand {
    @Option(names = "--size", defaultValue = "reference", paramLabel = "reference|config",
            description = "reference: the full profile's model, train.batch_size and window.length, whatever else is configured "
                    + "(d_model 256, 8 heads, 3 layers, ff 768, asset embedding 16, batch 32 x 100 frames); "
                    + "config: model.*, train.batch_size and window.length as configured (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--op-profile", paramLabel = "DIR",
            description = "Profile the steps op by op instead: write DIR/trace.json (SameDiff's Chrome trace) and DIR/profile.json "
                    + "(time per stage, per op type forward and backward, matrix-product share).")
    Path opProfile;

    @Option(names = "--force", description = "Overwrite the --json file or the --op-profile files.")
    boolean force;

    @Override
    protected int run() throws Exception {
        if (threads < 0 || blasThreads < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads and --blas-threads must be >= 0");
        }
        if (warmup < 0 || steps < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--warmup must be >= 0 and --steps >= 1");
        if (json != null && opProfile != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--json and --op-profile measure different things; give one");
        }
        try (OutputLocks locks = opProfile != null ? OutputLocks.forFolders("write the profile elsewhere (--op-profile)", opProfile)
                : OutputLocks.forFiles("write the JSON elsewhere (--json)", json)) {
            return measure();
        }
    }

    private int measure() throws Exception {
        if (json != null) AtomicFiles.checkOverwrite(json, force);
        if (opProfile != null) {
            AtomicFiles.checkOverwrite(opProfile.resolve("profile.json"), force);
            AtomicFiles.checkOverwrite(opProfile.resolve("trace.json"), force);
        }
        var cfg = config();
        ModelConfig mc;
        int batch;
        int length;
        switch (size) {
            case "reference" -> {
                TrainStepBenchmark.Size ref = TrainStepBenchmark.reference();
                mc = ref.model();
                batch = ref.batch();
                length = ref.length();
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
        if (opProfile != null) {
            StepProfiler.Report p = StepProfiler.run(cfg, mc, batch, length, warmup, steps, opProfile);
            out().printf("train step profile: %d parameters, batch %d x %d frames; load average %.2f -> %.2f; peak RSS %.0f MB%n",
                    p.parameters(), batch, length, p.loadBefore(), p.loadAfter(), p.peakRssMb());
            p.describe().forEach(out()::println);
            out().println("wrote " + opProfile.resolve("profile.json") + " and " + opProfile.resolve("trace.json"));
            return ExitCodes.OK;
        }
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
        out().printf("median %.1f ms per step, everything included (min %.1f, max %.1f) over %d steps after %d warm-up; "
                        + "without the GC %.1f ms; peak RSS %.0f MB; loss %.4f -> %.4f; load average %.2f -> %.2f%n",
                r.timings().median(), r.timings().min(), r.timings().max(), steps, warmup, r.computeTimings().median(),
                r.peakRssMb(), r.firstLoss(), r.lastLoss(), r.loadBefore(), r.loadAfter());
        if (json != null) {
            r.writeJson(json);
            out().println("wrote " + json);
        }
        return ExitCodes.OK;
    }
}
