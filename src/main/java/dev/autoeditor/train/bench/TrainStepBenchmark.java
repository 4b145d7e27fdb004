package dev.autoeditor.train.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Version;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the frame transformer's training step ({@link GraphTrainStep}) at a given size on synthetic
 * windows ({@link BenchmarkBatch}): the DL4J side of the comparison with bench/pytorch_step.py.
 */
public final class TrainStepBenchmark {
    private static final Logger log = LoggerFactory.getLogger(TrainStepBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The reference size of issue 4 and docs/performance.md. */
    public static final ModelConfig REFERENCE = new ModelConfig(256, 8, 3, 768, 0.1, 8, 8);
    public static final int REFERENCE_BATCH = 32;
    public static final int REFERENCE_LENGTH = 100;

    /** What one benchmark run measured. */
    public record Result(ModelConfig model, int batch, int length, long parameters, StepTimer.Timings timings,
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

    public static Result run(ModelConfig mc, int batchSize, int length, int warmup, int steps, long seed) throws Exception {
        double loadBefore = loadAverage();
        TransformerModel model = TransformerModel.create(mc, seed);
        long parameters = model.parameterCount();
        log.info("benchmark: {} parameters, batch {} x {} frames, d_model {}, {} heads, {} layers, ff {}",
                parameters, batchSize, length, mc.dModel(), mc.heads(), mc.layers(), mc.ff());
        WindowBatch batch = BenchmarkBatch.synthetic(batchSize, length, mc.assetClasses(), seed);
        GraphTrainStep step = new GraphTrainStep(model, batch, seed);
        double[] first = {Double.NaN};
        StepTimer.Timings timings = StepTimer.time(() -> {
            step.run();
            if (Double.isNaN(first[0])) first[0] = step.lastLoss();
        }, warmup, steps);
        return new Result(mc, batchSize, length, parameters, timings, first[0], step.lastLoss(), loadBefore, loadAverage(),
                BackendInfo.describe());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
