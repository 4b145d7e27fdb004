package dev.autoeditor.train.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
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
 * Times the real training step: the {@link Trainer}'s own loop (next batch, graph input arrays,
 * forward and backward through the SameDiff graph, gradient norm, clipping, AdamW update), run on
 * synthetic windows ({@link BenchmarkBatch}) and measured by the trainer itself (its per-step
 * seconds, which exclude the GC call and the listeners). The DL4J side of the comparison with
 * bench/pytorch_step.py; the run stops after warm-up + measured steps, mid-epoch, before any
 * validation.
 */
public final class TrainStepBenchmark {
    private static final Logger log = LoggerFactory.getLogger(TrainStepBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The reference size of issue 4 and docs/performance.md (dropout and asset embedding as the defaults). */
    public static final int REFERENCE_BATCH = 32;
    public static final int REFERENCE_LENGTH = 100;

    public static ModelConfig reference(Config cfg) {
        return new ModelConfig(256, 8, 3, 768, cfg.getDouble("model.dropout"), cfg.getInt("model.asset_classes"),
                cfg.getInt("model.asset_embedding"));
    }

    /** What one benchmark run measured. */
    public record Result(ModelConfig model, int batch, int length, long parameters, StepTimings timings,
                         double firstLoss, double lastLoss, double loadBefore, double loadAfter, Map<String, Object> backend) {
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
            doc.put("median_ms", round(timings.median()));
            doc.put("min_ms", round(timings.min()));
            doc.put("step_ms", timings.stepMs().stream().map(TrainStepBenchmark::round).toList());
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

    /**
     * @param cfg     the run's settings (train.*, seed); model size, batch and length are overridden
     * @param workDir an empty folder for the checkpoint the trainer writes when it stops
     */
    public static Result run(Config cfg, ModelConfig mc, int batchSize, int length, int warmup, int steps, Path workDir) {
        if (warmup < 0 || steps < 1) throw new IllegalArgumentException("need warmup >= 0 and steps >= 1");
        double loadBefore = loadAverage();
        int total = warmup + steps;
        Map<String, Object> overrides = new LinkedHashMap<>(mc.toMap());
        overrides.put("train.batch_size", batchSize);
        overrides.put("train.epochs", 1);
        overrides.put("train.max_steps", total);
        Config run = cfg.with(overrides);
        TrainSettings settings = TrainSettings.from(run);
        TransformerModel model = TransformerModel.create(mc, settings.seedFor("init"));
        long parameters = model.parameterCount();
        log.info("benchmark: {} parameters, batch {} x {} frames, d_model {}, {} heads, {} layers, ff {}",
                parameters, batchSize, length, mc.dModel(), mc.heads(), mc.layers(), mc.ff());

        // One batch more than the steps, so the trainer stops mid-epoch at max_steps without validating.
        var windows = new RepeatedWindows(BenchmarkBatch.synthetic(batchSize, length, mc.assetClasses(), cfg.getLong("seed")),
                batchSize * (total + 1), mc.assetClasses());
        BatchIterator.Options batching = BatchIterator.Options.training(run);
        Objective objective = new SupervisedObjective(mc, LossSettings.from(run));
        objective.attach(model);
        Optimizer optimizer = new Optimizer(model.sameDiff(), Optimizer.Settings.from(settings));
        DataSpec data = new DataSpec(null, length, length, 1, mc.assetClasses(), Normaliser.identity());
        Provenance provenance = Provenance.of("bench train-step", settings.seed(), OrderedMaps.of(), OrderedMaps.of("data", "synthetic windows"));
        CheckpointWriter writer = new CheckpointWriter(new CheckpointStore(workDir), optimizer, new CheckpointWriter.Header(model.kind(), mc,
                data, "bench train-step", objective.name(), Map.of(), new LinkedHashMap<>(run.asMap()), provenance),
                settings.checkpointEvery(), settings.keepLast());
        List<StepMetrics> seen = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                seen.add(m);
                log.info("step {}/{}: {} ms{}", m.step(), total, String.format("%.1f", m.seconds() * 1000), m.step() <= warmup ? " (warm-up)" : "");
            }
        };
        Trainer trainer = new Trainer(model, objective, optimizer, settings,
                new Trainer.Data(windows, null, batching, BatchIterator.Options.evaluation(run)), writer, List.of(recorder));
        trainer.fit(TrainingState.BEGINNING);
        if (seen.size() != total) throw new IllegalStateException("the trainer ran " + seen.size() + " steps, expected " + total);

        List<Double> measured = new ArrayList<>();
        for (StepMetrics m : seen.subList(warmup, total)) measured.add(m.seconds() * 1000);
        return new Result(mc, batchSize, length, parameters, new StepTimings(measured, warmup), seen.get(0).loss().total(),
                seen.get(total - 1).loss().total(), loadBefore, loadAverage(), BackendInfo.describe());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
