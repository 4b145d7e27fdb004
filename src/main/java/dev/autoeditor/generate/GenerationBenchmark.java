package dev.autoeditor.generate;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.timeline.synth.SynthGenerator;
import dev.autoeditor.timeline.synth.SynthOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench generate}: generated frames per wall second of the loop (windows, forward pass,
 * sampling, decoding, recording; not the writing of the XML), for one prompt at batch 1 and for many
 * prompts at once, with the time spent in the model's forward passes, the process's resident memory
 * (current and peak, from /proc) and the heap guard's collections. The prompts are synthetic projects
 * cut at 30 s; a model is a trained checkpoint or, for a size, weights drawn from the seed (speed and
 * memory do not depend on the weights' values).
 */
public final class GenerationBenchmark {
    private GenerationBenchmark() {}

    /** One measurement. */
    public record Result(String size, long parameters, int prompts, int framesEach, long frames, double seconds, double forwardSeconds,
                         int forwardPasses, long rssMb, long peakRssMb, int heapCollections, double loadBefore, double loadAfter) {
        public double framesPerSecond() {
            return frames / seconds;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("size", size);
            m.put("parameters", parameters);
            m.put("prompts", prompts);
            m.put("frames_each", framesEach);
            m.put("frames", frames);
            m.put("seconds", seconds);
            m.put("frames_per_s", framesPerSecond());
            m.put("forward_ms_per_pass", forwardPasses == 0 ? null : forwardSeconds * 1000 / forwardPasses);
            m.put("forward_share", forwardSeconds / seconds);
            m.put("rss_mb", rssMb);
            m.put("peak_rss_mb", peakRssMb);
            m.put("heap_collections", heapCollections);
            m.put("load_before", loadBefore);
            m.put("load_after", loadAfter);
            return m;
        }
    }

    /** A policy of a model of {@code mc} with weights drawn from {@code seed}, windows as {@code cfg} makes them. */
    public static FramePolicy randomModel(ModelConfig mc, Config cfg, long seed) {
        DataSpec spec = new DataSpec(cfg.getString("convert.sample_fps"), cfg.getInt("window.length", 2, 1 << 16), cfg.getInt("window.stride", 1, 1 << 16),
                cfg.getInt("window.min_sequence_frames", 0, Integer.MAX_VALUE), mc.assetClasses(), Normaliser.identity());
        return new FramePolicy(TransformerModel.create(mc, seed), spec, "a " + mc.dModel() + "-wide model drawn from the seed");
    }

    /** Synthetic prompts (projects 0 .. n-1 of the configured corpus), each cut at 30 s. */
    public static List<PromptCut> prompts(Config cfg, SamplingRate sampling, int n) {
        SynthOptions options = SynthOptions.fromConfig(cfg).withProjects(n);
        List<PromptCut> cuts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Project p = SynthGenerator.project(options, i);
            cuts.add(PromptCut.atSeconds(p, p.sequences().get(0), sampling, 30));
        }
        return cuts;
    }

    /** Generates {@code framesEach} frames for each prompt with {@code model} at temperature 1 and measures. */
    public static Result run(String size, FramePolicy model, List<PromptCut> cuts, int framesEach, KeyframeTolerance tolerance,
                             int batchSize, long heapBudgetMb, long seed) throws IOException {
        double loadBefore = loadAverage();
        Generator loop = new Generator(new WindowSpec(model.contextFrames(), model.classes(), model.normaliser()), tolerance, batchSize, heapBudgetMb);
        TimedPolicy timed = new TimedPolicy(new ModelPolicy(model, 1.0, seed));
        List<GenerationPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) prompts.add(new GenerationPrompt(cuts.get(i), framesEach, i));
        long started = System.nanoTime();
        List<Continuation> done = loop.run(timed, prompts, StepListener.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        long frames = done.stream().mapToLong(Continuation::generated).sum();
        long parameters = model.parameterCount();
        return new Result(size, parameters, cuts.size(), framesEach, frames, seconds, timed.nanos / 1e9, timed.calls, memory("VmRSS"),
                memory("VmHWM"), loop.heapCollections(), loadBefore, loadAverage());
    }

    /** A field of /proc/self/status in MB (VmRSS: resident now, VmHWM: peak resident); -1 where there is none. */
    public static long memory(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: reported as unknown
        }
        return -1;
    }

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The model's proposals, timed. */
    private static final class TimedPolicy implements ContinuationPolicy {
        private final ContinuationPolicy inner;
        long nanos;
        int calls;

        TimedPolicy(ContinuationPolicy inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<Proposal> propose(List<Request> requests) {
            long t = System.nanoTime();
            List<Proposal> out = inner.propose(requests);
            nanos += System.nanoTime() - t;
            calls++;
            return out;
        }
    }
}
