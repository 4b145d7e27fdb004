package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.model.TransformerModel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The {@link RolloutSampler} contract, on the plain sampler: contexts kept, frames drawn causally,
 * a row's continuation a function of its own seed only, log-probabilities of what was drawn, the
 * regressions the model's own values, and temperature sharpening the draws.
 */
class CausalSamplerTest {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;

    @Test
    void keepsTheContextsAndIsAFunctionOfEachRowsSeed() {
        TransformerModel model = TransformerModel.create(Tiny.MODEL, 2);
        ContextPool pool = Tiny.pool(6, 1);
        WindowBatch contexts = pool.batch(pool.refs().subList(0, 4), Tiny.CONTEXT);
        Continuations all = new CausalSampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 1.0, new long[] {1, 2, 3, 4});
        assertEquals(Tiny.CONTEXT + Tiny.HORIZON, all.frames().length());
        int l = all.frames().length();
        for (int row = 0; row < 4; row++) {
            for (int f = 0; f < Tiny.CONTEXT; f++) {
                for (int k = 0; k < K; k++) {
                    assertEquals(contexts.assetClass()[(row * Tiny.CONTEXT + f) * K + k], all.frames().assetClass()[(row * l + f) * K + k]);
                }
            }
            for (int f = 0; f < l; f++) assertEquals(1f, all.frames().valid()[row * l + f]);
        }
        // Row 2 alone, with its seed: the same continuation as in the batch of four.
        WindowBatch one = pool.batch(pool.refs().subList(2, 3), Tiny.CONTEXT);
        Continuations alone = new CausalSampler().sample(model, one, Tiny.CONTEXT, Tiny.HORIZON, 1.0, new long[] {3});
        assertArrayEquals(Arrays.copyOfRange(all.frames().active(), 2 * l * K, 3 * l * K), alone.frames().active());
        assertArrayEquals(Arrays.copyOfRange(all.frames().assetClass(), 2 * l * K, 3 * l * K), alone.frames().assetClass());
        assertArrayEquals(Arrays.copyOfRange(all.logProbs(), 2 * Tiny.HORIZON, 3 * Tiny.HORIZON), alone.logProbs(), 1e-9);
        // Another seed, another continuation (over four rows of 5 frames and 20 tracks, some draw differs).
        Continuations other = new CausalSampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 1.0, new long[] {11, 12, 13, 14});
        assertFalse(Arrays.equals(all.logProbs(), other.logProbs()));
    }

    @Test
    void eachFrameIsDrawnFromThePredictionGivenTheFramesBeforeIt() {
        TransformerModel model = TransformerModel.create(Tiny.MODEL, 4);
        ContextPool pool = Tiny.pool(4, 2);
        Continuations c = Tiny.rollouts(model, pool, 3);
        WindowBatch frames = c.frames();
        int l = frames.length();
        // Predictions over the finished rollouts: causal, so entry t is what the sampler saw before drawing frame t+1.
        Predictions p = model.predict(frames);
        for (int row = 0; row < 3; row++) {
            for (int s = 0; s < Tiny.HORIZON; s++) {
                int at = row * l + Tiny.CONTEXT - 1 + s;
                int frame = row * l + Tiny.CONTEXT + s;
                double logPi = 0;
                for (int k = 0; k < K; k++) {
                    double pa = p.activeProb()[at * K + k];
                    boolean on = frames.active()[frame * K + k] > 0.5f;
                    logPi += Math.log(on ? pa : 1 - pa);
                    if (!on) {
                        assertEquals(-1, frames.assetClass()[frame * K + k]);
                        for (int f = 0; f < R; f++) assertEquals(0f, frames.regression()[(frame * K + k) * R + f]);
                        continue;
                    }
                    logPi += Math.log(p.assetProbs()[(at * K + k) * Tiny.MODEL.assetClasses() + frames.assetClass()[frame * K + k]]);
                    for (int f = 0; f < R; f++) {
                        assertEquals(p.regression()[(at * K + k) * R + f], frames.regression()[(frame * K + k) * R + f], 1e-5,
                                "the regressions are the model's values");
                    }
                }
                assertEquals(logPi, c.logProbs()[row * Tiny.HORIZON + s], 1e-4);
            }
        }
    }

    @Test
    void aLowTemperatureSharpensTheDraws() {
        TransformerModel model = TransformerModel.create(Tiny.MODEL, 5);
        ContextPool pool = Tiny.pool(8, 3);
        int n = Math.min(16, pool.size());
        WindowBatch contexts = pool.batch(pool.refs().subList(0, n), Tiny.CONTEXT);
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) seeds[i] = 500 + i;
        double hot = Arrays.stream(new CausalSampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 1.0, seeds).logProbs()).sum();
        double cold = Arrays.stream(new CausalSampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 0.25, seeds).logProbs()).sum();
        assertTrue(cold > hot, "at T = 0.25 the draws are likelier under their own distribution: " + cold + " vs " + hot);
        assertEquals(ActionDraw.tempered(0.8, 1.0), 0.8, 0);
        // sigmoid(logit(0.8) / 0.5) = 0.8^2 / (0.8^2 + 0.2^2) = 0.941176...
        assertEquals(0.64 / 0.68, ActionDraw.tempered(0.8, 0.5), 1e-12);
    }
}
