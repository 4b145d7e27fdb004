package dev.autoeditor.train.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.CheckpointWriter;
import dev.autoeditor.train.Objective;
import dev.autoeditor.train.Optimizer;
import dev.autoeditor.train.StepMetrics;
import dev.autoeditor.train.SupervisedObjective;
import dev.autoeditor.train.TrainSettings;
import dev.autoeditor.train.Trainer;
import dev.autoeditor.train.TrainingListener;
import dev.autoeditor.train.TrainingState;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.OrderedMaps;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.Version;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the real training step: the {@link Trainer}'s own loop (next batch, graph input arrays and
 * dropout masks, forward and backward through the SameDiff graph, gradient norm, clipping, AdamW
 * update, and the {@code System.gc()} that frees ND4J's off-heap arrays), run on synthetic windows
 * ({@link BenchmarkBatch}). A step's time is the wall time between two successive step reports of the
 * trainer, so it holds everything the loop does once per step; the trainer's own per-step seconds
 * (which leave the GC and the listeners out) are kept beside it as {@code compute_ms}. The peak resident
 * memory of the process is read at the end. The DL4J side of the comparison with
 * bench/pytorch_step.py; the run stops after warm-up + measured steps, mid-epoch, before any
 * validation.
 */
public final class TrainStepBenchmark {
    private static final Logger log = LoggerFactory.getLogger(TrainStepBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The profile whose model, batch size and window length are "the reference size" (issue 17). */
    public static final String REFERENCE_PROFILE = "full";

    /** A model and the batch it trains on. */
    public record Size(ModelConfig model, int batch, int length) {}

    /**
     * The reference size: the {@code full} profile's model ({@code model.*}, dropout and asset
     * embedding included), {@code train.batch_size} and {@code window.length}, whatever the run's own
     * settings are, so every reference figure is of the same network.
     */
    public static Size reference() {
        Config full = ConfigLoader.load(REFERENCE_PROFILE, null, List.of());
        return new Size(ModelConfig.from(full), full.getInt("train.batch_size"), full.getInt("window.length"));
    }

    /** What one benchmark run measured. */
    public record Result(ModelConfig model, int batch, int length, long parameters, StepTimings timings, StepTimings computeTimings,
                         double firstLoss, double lastLoss, double loadBefore, double loadAfter, double peakRssMb, double rssMbAfter,
                         Map<String, Object> backend) {
        public Map<String, Object> toJsonTree() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("framework", "dl4j");
            doc.put("dl4j", Version.dl4j());
            doc.put("parameters", parameters);
            doc.put("batch", batch);
            doc.put("length", length);
            doc.putAll(model.toMap());
            doc.put("backend", backend);
            doc.put("warmup", timings.warmup());
            doc.put("steps", timings.stepMs().size());
            doc.put("timing", "wall time between successive step reports: batch, feeds and dropout masks, forward, backward, "
                    + "gradient norm and clipping, AdamW, System.gc()");
            doc.put("median_ms", round(timings.median()));
            doc.put("min_ms", round(timings.min()));
            doc.put("step_ms", timings.stepMs().stream().map(TrainStepBenchmark::round).toList());
            doc.put("compute_median_ms", round(computeTimings.median()));
            doc.put("compute_step_ms", computeTimings.stepMs().stream().map(TrainStepBenchmark::round).toList());
            doc.put("peak_rss_mb", round(peakRssMb));
            doc.put("rss_mb_after", round(rssMbAfter));
            doc.put("first_loss", firstLoss);
            doc.put("last_loss", lastLoss);
            doc.put("load_average_before", loadBefore);
            doc.put("load_average_after", loadAfter);
            doc.put("version", Version.version());
            doc.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            return doc;
        }

        public void writeJson(Path file) throws IOException {
            AtomicFiles.writeString(file, JSON.writeValueAsString(toJsonTree()) + "\n");
        }
    }

    private TrainStepBenchmark() {}

    /** The pieces of one benchmark training run, assembled as {@code TrainingRun} would for pretraining. */
    record Setup(Config run, TrainSettings settings, TransformerModel model, Objective objective, Optimizer optimizer,
                 WindowDataset windows, BatchIterator.Options batching) {}

    /** A fresh model of {@code mc}, its supervised objective and optimizer, and {@code batches} batches of synthetic windows. */
    static Setup prepare(Config cfg, ModelConfig mc, int batchSize, int length, int batches) {
        Map<String, Object> overrides = new LinkedHashMap<>(mc.toMap());
        overrides.put("train.batch_size", batchSize);
        overrides.put("train.epochs", 1);
        overrides.put("train.max_steps", batches - 1);
        Config run = cfg.with(overrides);
        TrainSettings settings = TrainSettings.from(run);
        TransformerModel model = TransformerModel.create(mc, settings.seedFor("init"));
        log.info("benchmark: {} parameters, batch {} x {} frames, d_model {}, {} heads, {} layers, ff {}, asset embedding {}",
                model.parameterCount(), batchSize, length, mc.dModel(), mc.heads(), mc.layers(), mc.ff(), mc.assetEmbedding());
        var windows = new RepeatedWindows(BenchmarkBatch.synthetic(batchSize, length, mc.assetClasses(), cfg.getLong("seed")),
                batchSize * batches, mc.assetClasses());
        Objective objective = new SupervisedObjective(mc, LossSettings.from(run));
        objective.attach(model);
        Optimizer optimizer = new Optimizer(model.sameDiff(), Optimizer.Settings.from(settings));
        return new Setup(run, settings, model, objective, optimizer, windows, BatchIterator.Options.training(run));
    }

    /**
     * @param cfg     the run's settings (train.*, seed); model size, batch and length are overridden
     * @param workDir an empty folder for the checkpoint the trainer writes when it stops
     */
    public static Result run(Config cfg, ModelConfig mc, int batchSize, int length, int warmup, int steps, Path workDir) {
        if (warmup < 0 || steps < 1) throw new IllegalArgumentException("need warmup >= 0 and steps >= 1");
        double loadBefore = loadAverage();
        int total = warmup + steps;
        // One batch more than the steps, so the trainer stops mid-epoch at max_steps without validating.
        Setup s = prepare(cfg, mc, batchSize, length, total + 1);
        long parameters = s.model().parameterCount();
        DataSpec data = new DataSpec(null, length, length, 1, mc.assetClasses(), Normaliser.identity());
        Provenance provenance = Provenance.of("bench train-step", s.settings().seed(), OrderedMaps.of(), OrderedMaps.of("data", "synthetic windows"));
        CheckpointWriter writer = new CheckpointWriter(new CheckpointStore(workDir), s.optimizer(), new CheckpointWriter.Header(s.model().kind(), mc,
                data, "bench train-step", s.objective().name(), Map.of(), new LinkedHashMap<>(s.run().asMap()), provenance),
                s.settings().checkpointEvery(), s.settings().keepLast());
        List<StepMetrics> seen = new ArrayList<>();
        // reported[i] = when step i was reported; reported[0] = when training started. Step i's wall time is
        // reported[i + 1] - reported[i]: the GC after step i - 1 and everything of step i.
        List<Long> reported = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onTrainingStart(int epoch, long step, long totalSteps) {
                reported.add(System.nanoTime());
            }

            @Override
            public void onStep(StepMetrics m) {
                reported.add(System.nanoTime());
                seen.add(m);
                log.info("step {}/{}: {} ms{}", m.step(), total, String.format("%.1f", (reported.get(reported.size() - 1)
                        - reported.get(reported.size() - 2)) / 1e6), m.step() <= warmup ? " (warm-up)" : "");
            }
        };
        Trainer trainer = new Trainer(s.model(), s.objective(), s.optimizer(), s.settings(),
                new Trainer.Data(s.windows(), null, s.batching(), BatchIterator.Options.evaluation(s.run())), writer, List.of(recorder));
        trainer.fit(TrainingState.BEGINNING);
        if (seen.size() != total) throw new IllegalStateException("the trainer ran " + seen.size() + " steps, expected " + total);

        List<Double> wall = new ArrayList<>();
        List<Double> compute = new ArrayList<>();
        for (int i = warmup; i < total; i++) {
            wall.add((reported.get(i + 1) - reported.get(i)) / 1e6);
            compute.add(seen.get(i).seconds() * 1000);
        }
        return new Result(mc, batchSize, length, parameters, new StepTimings(wall, warmup), new StepTimings(compute, warmup),
                seen.get(0).loss().total(), seen.get(total - 1).loss().total(), loadBefore, loadAverage(),
                ProcessMemory.peakRssMb(), ProcessMemory.rssMb(), BackendInfo.describe());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
