package dev.autoeditor.rl;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.generate.ContextWindow;
import dev.autoeditor.generate.ContinuationPolicy;
import dev.autoeditor.generate.FrameAction;
import dev.autoeditor.generate.FramePolicy;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.generate.HeapGuard;
import dev.autoeditor.generate.ModelPolicy;
import dev.autoeditor.generate.WindowDecoder;
import dev.autoeditor.model.FrameModel;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link RolloutSampler} of the rlhf phase and {@code prefs simulate}: generate's sampling on RLHF's
 * windows. Per sampled frame, for all rows at once: each row's frames so far as a window in the model's
 * encoding ({@link ContextWindow#encoded}), one batched forward pass and the draws of
 * {@link ModelPolicy} (row b's from {@code ActionSampler.random(seeds[b], 0, frame)}, two uniforms per
 * track), then generate's decoding constraints on windows ({@link WindowDecoder}: a new source recorded
 * as the class training gives it, values clamped and held within {@code generate.keyframe_tolerance}),
 * and the frame recorded is the frame fed back. Off-heap arrays are closed after every pass and the
 * heap is kept near its live size ({@link HeapGuard}, {@code generate.heap_budget_mb}).
 *
 * <p>The log-probability of a step is the proposal's of the action recorded, so it is what PPO's
 * causal pass over the finished rollouts computes for that step (docs/rlhf.md, "Rollouts").
 */
public final class GeneratorSampler implements RolloutSampler {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;

    private final DataSpec spec;
    private final KeyframeTolerance tolerance;
    private final long heapBudgetMb;

    /**
     * @param spec         the data the models sampled from were trained on: window length, asset classes, normaliser
     * @param tolerance    generate.keyframe_tolerance
     * @param heapBudgetMb generate.heap_budget_mb
     */
    public GeneratorSampler(DataSpec spec, KeyframeTolerance tolerance, long heapBudgetMb) {
        this.spec = spec;
        this.tolerance = tolerance;
        this.heapBudgetMb = heapBudgetMb;
    }

    /** The settings that change what is sampled: generate.keyframe_tolerance.* (the values held). */
    public static final List<String> INPUT_KEYS = GenerateSettings.INPUT_KEYS.stream().filter(k -> k.startsWith(KeyframeTolerance.PREFIX)).toList();
    /** The settings that change only memory: generate.heap_budget_mb. */
    public static final List<String> RUNTIME_KEYS = List.of("generate.heap_budget_mb");

    /** With the generate.* settings' tolerance and heap budget. */
    public static GeneratorSampler of(DataSpec spec, GenerateSettings settings) {
        return new GeneratorSampler(spec, settings.tolerance(), settings.heapBudgetMb());
    }

    /** With the tolerance and heap budget of {@code cfg}, reading only {@link #INPUT_KEYS} and {@link #RUNTIME_KEYS}. */
    public static GeneratorSampler of(DataSpec spec, Config cfg) {
        return new GeneratorSampler(spec, KeyframeTolerance.fromConfig(cfg), cfg.getInt("generate.heap_budget_mb", 64, 1 << 20));
    }

    /** Range-checks the settings {@link #of(DataSpec, Config)} reads. */
    public static void checkSettings(Config cfg) {
        KeyframeTolerance.fromConfig(cfg);
        cfg.getInt("generate.heap_budget_mb", 64, 1 << 20);
    }

    @Override
    public Continuations sample(FrameModel model, WindowBatch contexts, int contextFrames, int horizon, double temperature, long[] seeds) {
        int b = contexts.size();
        if (seeds.length != b) throw new IllegalArgumentException(seeds.length + " seeds for " + b + " contexts");
        if (contextFrames < 1 || horizon < 1) throw new IllegalArgumentException("need a context and a horizon of at least one frame");
        if (contexts.length() < contextFrames) throw new IllegalArgumentException("contexts of " + contexts.length() + " frames, not " + contextFrames);
        if (!(temperature > 0) || !Double.isFinite(temperature)) throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        FramePolicy policy = new FramePolicy(model.frameTransformer(), spec, "the model sampled from");
        if (contextFrames + horizon - 1 > policy.contextFrames()) {
            throw new IllegalArgumentException(contextFrames + " + " + horizon + " frames do not fit in the model's window of "
                    + (policy.contextFrames() + 1));
        }
        int classes = policy.classes();
        Normaliser normaliser = spec.normaliser();
        int length = contextFrames + horizon;
        WindowBatch out = WindowBatch.allocate(b, length);
        for (int row = 0; row < b; row++) {
            Frames.copy(contexts, row, 0, out, row, 0, contextFrames);
            out.windowIds()[row] = contexts.windowIds()[row];
        }
        Frames.clear(out, contextFrames, length);
        ModelPolicy sampler = ModelPolicy.withSampleSeeds(policy, temperature, seeds);
        HeapGuard heap = new HeapGuard(heapBudgetMb);
        double[] logProbs = new double[b * horizon];
        for (int i = 0; i < horizon; i++) {
            int known = contextFrames + i;
            // 1. Every row's frames so far, as the model's windows.
            List<ContinuationPolicy.Request> requests = new ArrayList<>(b);
            for (int row = 0; row < b; row++) {
                requests.add(new ContinuationPolicy.Request(ContextWindow.encoded(out, row, known, classes, normaliser), row, i));
            }
            // 2. One forward pass, each row's action drawn from its own stream.
            List<ContinuationPolicy.Proposal> proposals = sampler.propose(requests);
            // 3. Decoded, recorded, and scored as recorded.
            for (int row = 0; row < b; row++) {
                ContinuationPolicy.Proposal p = proposals.get(row);
                WindowDecoder.Decoded d = WindowDecoder.decode(requests.get(row).window(), p, tolerance);
                write(d, out, row, known, normaliser);
                logProbs[row * horizon + i] = p.logProb(d.taken());
            }
            heap.afterStep();
        }
        return new Continuations(out, contextFrames, horizon, logProbs);
    }

    /** Frame {@code frame} of row {@code row}: the decoded action and values, normalised as windows hold them. */
    private static void write(WindowDecoder.Decoded d, WindowBatch out, int row, int frame, Normaliser normaliser) {
        int dst = row * out.length() + frame;
        FrameAction a = d.taken();
        for (int k = 0; k < K; k++) {
            int cell = dst * K + k;
            if (!a.active(k)) {
                out.active()[cell] = 0f;
                out.assetClass()[cell] = -1;
                for (int f = 0; f < R; f++) out.regression()[cell * R + f] = 0f;
                continue;
            }
            out.active()[cell] = 1f;
            out.assetClass()[cell] = a.assetClass(k);
            for (int f = 0; f < R; f++) out.regression()[cell * R + f] = normaliser.normalise(f, d.values()[k * R + f]);
        }
        out.valid()[dst] = 1f;
    }
}
