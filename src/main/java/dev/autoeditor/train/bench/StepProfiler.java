package dev.autoeditor.train.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.train.LearningRateSchedule;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.listeners.profiler.ProfilingListener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a training step's time goes. Runs the steps of {@code Trainer.fit} (the same calls in the same
 * order: next batch, the objective's feed with dropout from (seed, step), forward and backward,
 * loss parts, gradient norm, clipping + AdamW, {@code System.gc()}) with a clock around each, and
 * SameDiff's {@link ProfilingListener} on the graph during the measured steps, which writes every
 * executed op to a Chrome trace ({@code trace.json}: chrome://tracing or ui.perfetto.dev opens it).
 * The summary ({@code profile.json}) gives per step: each stage's time, the ops' time by type split
 * into forward and backward, the share of matrix products, and the time inside forward/backward that
 * no op accounts for (SameDiff's own scheduling and array bookkeeping). The listener costs time of its
 * own (one event per op, written by a background thread), so a profiled step is slower than an
 * unprofiled one; the bench's plain run is the speed figure, this is the breakdown.
 */
public final class StepProfiler {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The stages of one step, in the order the trainer runs them. */
    public static final List<String> STAGES = List.of("batch", "feeds", "forward_backward", "loss_read", "gradient_norm", "optimizer", "gc");

    private StepProfiler() {}

    /** What a profile measured; {@link #toJsonTree} is profile.json. */
    public record Report(ModelConfig model, int batch, int length, long parameters, int warmup, int steps,
                         Map<String, Double> stageMs, double stepMs, List<OpTrace.TypeTotal> opTypes,
                         int forwardOpsPerStep, int backwardOpsPerStep, double loadBefore, double loadAfter, double peakRssMb,
                         Map<String, Object> backend) {
        public double forwardMs() {
            return opTypes.stream().mapToDouble(OpTrace.TypeTotal::forwardMs).sum();
        }

        public double backwardMs() {
            return opTypes.stream().mapToDouble(OpTrace.TypeTotal::backwardMs).sum();
        }

        public double opMs() {
            return forwardMs() + backwardMs();
        }

        public double matrixProductMs() {
            return opTypes.stream().filter(t -> OpTrace.isMatrixProduct(t.type())).mapToDouble(OpTrace.TypeTotal::totalMs).sum();
        }

        /** forward_backward's wall time that no op's own time covers. */
        public double sameDiffOverheadMs() {
            return stageMs.get("forward_backward") - opMs();
        }

        public Map<String, Object> toJsonTree() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("framework", "dl4j");
            doc.put("dl4j", Version.dl4j());
            doc.put("parameters", parameters);
            doc.put("batch", batch);
            doc.put("length", length);
            doc.putAll(model.toMap());
            doc.put("backend", backend);
            doc.put("warmup", warmup);
            doc.put("profiled_steps", steps);
            doc.put("trace", "trace.json");
            doc.put("note", "mean milliseconds per profiled step; the profiler's own cost is inside these figures");
            doc.put("step_ms", round(stepMs));
            Map<String, Object> stages = new LinkedHashMap<>();
            stageMs.forEach((k, v) -> stages.put(k, round(v)));
            doc.put("stages_ms", stages);
            doc.put("op_ms", round(opMs()));
            doc.put("forward_op_ms", round(forwardMs()));
            doc.put("backward_op_ms", round(backwardMs()));
            doc.put("forward_ops_per_step", forwardOpsPerStep);
            doc.put("backward_ops_per_step", backwardOpsPerStep);
            doc.put("samediff_overhead_ms", round(sameDiffOverheadMs()));
            doc.put("outside_ops_ms", round(stepMs - opMs()));
            doc.put("matrix_product_ms", round(matrixProductMs()));
            doc.put("matrix_product_share_of_ops", round3(matrixProductMs() / opMs()));
            doc.put("matrix_product_share_of_step", round3(matrixProductMs() / stepMs));
            List<Map<String, Object>> types = new ArrayList<>();
            for (OpTrace.TypeTotal t : opTypes) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("op", t.type());
                row.put("calls_per_step", round(t.callsPerStep()));
                row.put("forward_ms", round(t.forwardMs()));
                row.put("backward_ms", round(t.backwardMs()));
                row.put("total_ms", round(t.totalMs()));
                row.put("share_of_ops", round3(t.totalMs() / opMs()));
                types.add(row);
            }
            doc.put("op_types", types);
            doc.put("peak_rss_mb", round(peakRssMb));
            doc.put("load_average_before", loadBefore);
            doc.put("load_average_after", loadAfter);
            doc.put("version", Version.version());
            doc.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            return doc;
        }

        /** The summary as lines of text: stages, then the op types that take at least 0.5% of op time. */
        public List<String> describe() {
            List<String> out = new ArrayList<>();
            out.add(String.format("profiled %d steps after %d warm-up: %.1f ms per step (mean, profiler included)", steps, warmup, stepMs));
            for (String stage : STAGES) {
                out.add(String.format("  %-17s %8.1f ms  %5.1f%%", stage, stageMs.get(stage), 100 * stageMs.get(stage) / stepMs));
            }
            out.add(String.format("ops: forward %.1f ms (%d ops), backward %.1f ms (%d ops); SameDiff outside its ops %.1f ms; "
                            + "matrix products %.1f ms = %.1f%% of op time, %.1f%% of the step",
                    forwardMs(), forwardOpsPerStep, backwardMs(), backwardOpsPerStep, sameDiffOverheadMs(),
                    matrixProductMs(), 100 * matrixProductMs() / opMs(), 100 * matrixProductMs() / stepMs));
            out.add(String.format("  %-28s %7s %9s %9s %9s %6s", "op type", "calls", "fwd ms", "bwd ms", "total ms", "share"));
            for (OpTrace.TypeTotal t : opTypes) {
                if (t.totalMs() < 0.005 * opMs()) continue;
                out.add(String.format("  %-28s %7.0f %9.1f %9.1f %9.1f %5.1f%%", t.type(), t.callsPerStep(), t.forwardMs(), t.backwardMs(),
                        t.totalMs(), 100 * t.totalMs() / opMs()));
            }
            return out;
        }
    }

    /**
     * Profiles {@code steps} steps after {@code warmup} unprofiled ones, writing trace.json and
     * profile.json into {@code outDir}.
     */
    public static Report run(Config cfg, ModelConfig mc, int batchSize, int length, int warmup, int steps, Path outDir) throws IOException {
        if (warmup < 0 || steps < 1) throw new IllegalArgumentException("need warmup >= 0 and steps >= 1");
        Files.createDirectories(outDir);
        double loadBefore = TrainStepBenchmark.loadAverage();
        int total = warmup + steps;
        TrainStepBenchmark.Setup s = TrainStepBenchmark.prepare(cfg, mc, batchSize, length, total);
        SameDiff sd = s.model().sameDiff();
        Set<String> forwardOps = new HashSet<>(sd.getOps().keySet());
        var schedule = new LearningRateSchedule(s.settings().lr(), s.settings().warmupSteps(), total, s.settings().minLrRatio());
        Path trace = outDir.resolve("trace.json");
        Files.deleteIfExists(trace);
        ProfilingListener profiler = ProfilingListener.builder(trace.toFile()).recordAll().build();

        Map<String, double[]> stageNanos = new LinkedHashMap<>();
        for (String stage : STAGES) stageNanos.put(stage, new double[1]);
        double wallNanos = 0;
        try (BatchIterator batches = new BatchIterator(s.windows(), s.batching(), BatchIterator.Position.START)) {
            for (int step = 0; step < total; step++) {
                boolean measured = step >= warmup;
                if (measured && step == warmup) {
                    sd.setListeners(profiler);
                    profiler.operationStart(sd, Operation.TRAINING);
                }
                long[] t = new long[STAGES.size() + 1];
                t[0] = System.nanoTime();
                WindowBatch batch = batches.next();
                t[1] = System.nanoTime();
                Map<String, INDArray> feed = s.objective().trainingFeed(batch, new SplittableRandom(s.settings().seedFor("dropout", step)));
                t[2] = System.nanoTime();
                OutAndGrad og = s.optimizer().gradients(feed, s.objective().lossOutputs());
                t[3] = System.nanoTime();
                s.objective().read(og.getOutputs());
                t[4] = System.nanoTime();
                double gradNorm = s.optimizer().gradientNorm(og.getGradients());
                t[5] = System.nanoTime();
                s.optimizer().apply(og.getGradients(), gradNorm, schedule.at(step), step);
                t[6] = System.nanoTime();
                System.gc();
                t[7] = System.nanoTime();
                if (!measured) continue;
                for (int i = 0; i < STAGES.size(); i++) stageNanos.get(STAGES.get(i))[0] += t[i + 1] - t[i];
                wallNanos += t[STAGES.size()] - t[0];
            }
        } finally {
            profiler.operationEnd(sd, Operation.TRAINING); // waits for the writer thread and flushes the file
            sd.setListeners();
        }
        List<OpTrace.Event> events = OpTrace.read(trace);
        long forwardEvents = events.stream().filter(e -> forwardOps.contains(e.name())).count();
        Map<String, Double> stageMs = new LinkedHashMap<>();
        stageNanos.forEach((k, v) -> stageMs.put(k, v[0] / 1e6 / steps));
        Report r = new Report(mc, batchSize, length, s.model().parameterCount(), warmup, steps, stageMs, wallNanos / 1e6 / steps,
                OpTrace.byType(events, forwardOps, steps), (int) Math.round((double) forwardEvents / steps),
                (int) Math.round((double) (events.size() - forwardEvents) / steps), loadBefore, TrainStepBenchmark.loadAverage(),
                ProcessMemory.peakRssMb(), BackendInfo.describe());
        AtomicFiles.writeString(outDir.resolve("profile.json"), JSON.writeValueAsString(r.toJsonTree()) + "\n");
        return r;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    private static double round3(double share) {
        return Math.round(share * 1000) / 1000.0;
    }
}
