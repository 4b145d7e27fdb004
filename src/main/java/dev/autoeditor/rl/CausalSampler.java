package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameModel;
import dev.autoeditor.model.Predictions;
import java.util.SplittableRandom;

/**
 * The plain {@link RolloutSampler}: for each sampled frame, one causal forward pass over every row's
 * frames so far (the model has no key-value cache, so step i costs a pass over contextFrames + i
 * frames), then per row the draws from that row's own generator. Used by the rlhf phase and
 * {@code prefs simulate} until {@code generate}'s batched sampler stands behind the interface.
 *
 * <p>Draw order, fixed so that a seed always gives the same continuation: per frame, tracks V1 up,
 * one uniform for active, then (if active) one uniform for the asset class, by inverse CDF over the
 * classes in order.
 */
public final class CausalSampler implements RolloutSampler {
    private static final int GC_EVERY = 8;

    @Override
    public Continuations sample(FrameModel model, WindowBatch contexts, int contextFrames, int horizon, double temperature, long[] seeds) {
        int b = contexts.size();
        if (seeds.length != b) throw new IllegalArgumentException(seeds.length + " seeds for " + b + " contexts");
        if (contextFrames < 1 || horizon < 1) throw new IllegalArgumentException("need a context and a horizon of at least one frame");
        if (contexts.length() < contextFrames) throw new IllegalArgumentException("contexts of " + contexts.length() + " frames, not " + contextFrames);
        if (!(temperature > 0) || !Double.isFinite(temperature)) throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        int length = contextFrames + horizon;
        WindowBatch out = WindowBatch.allocate(b, length);
        for (int row = 0; row < b; row++) {
            Frames.copy(contexts, row, 0, out, row, 0, contextFrames);
            out.windowIds()[row] = contexts.windowIds()[row];
        }
        Frames.clear(out, contextFrames, length);
        SplittableRandom[] random = new SplittableRandom[b];
        for (int row = 0; row < b; row++) random[row] = new SplittableRandom(seeds[row]);
        double[] logProbs = new double[b * horizon];
        for (int i = 0; i < horizon; i++) {
            int known = contextFrames + i;
            WindowBatch sofar = Frames.prefix(out, known);
            Predictions p = model.frameTransformer().predict(sofar);
            for (int row = 0; row < b; row++) {
                logProbs[row * horizon + i] = ActionDraw.draw(p, row, known - 1, out, row, known, temperature, random[row]);
            }
            // ND4J frees a pass's off-heap arrays only when the GC runs; every few passes keeps memory flat at little cost.
            if (i % GC_EVERY == GC_EVERY - 1) System.gc();
        }
        return new Continuations(out, contextFrames, horizon, logProbs);
    }
}
