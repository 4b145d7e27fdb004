package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FramePredictor;

/**
 * Continues contexts with frames sampled from a model: the one thing RLHF needs from generation, and
 * the seam where {@code generate}'s batched sampler plugs in (docs/rlhf.md, "The rollout interface").
 * Per sampled frame and video track: active ~ Bernoulli(p_active), and where the drawn track is
 * active its asset class ~ Categorical(p_asset); the regressions are the model's values (not
 * sampled), zero on an inactive track, as windows store them. At temperature T both distributions
 * are the model's logits divided by T (T = 1: the model's own distribution).
 *
 * <p>Contract, which {@code RolloutSamplerContract} checks for any implementation:
 * <ul>
 *   <li>frames {@code [0, contextFrames)} of every row of {@code contexts} are its context (all valid);
 *       the result holds them unchanged, followed by {@code horizon} sampled frames (valid), so its
 *       length is {@code contextFrames + horizon};</li>
 *   <li>frame {@code contextFrames + i} is drawn from the model's prediction at frame
 *       {@code contextFrames + i - 1} given frames {@code 0 .. contextFrames + i - 1} of the same row
 *       (the model's causal prediction: its entry t predicts frame t+1);</li>
 *   <li>row b's draws depend only on {@code seeds[b]}, its context and the model: the same seed gives
 *       the same continuation whatever else is in the batch;</li>
 *   <li>{@link Continuations#logProbs()} holds, per row and sampled frame, log pi(a) = the sum over
 *       the 20 tracks of log p(active) + active * log p(asset) at that temperature.</li>
 * </ul>
 */
public interface RolloutSampler {
    /**
     * Samples {@code horizon} frames after the first {@code contextFrames} frames of each row of
     * {@code contexts} (a batch at least {@code contextFrames} long; later frames are ignored).
     *
     * @param seeds one seed per row
     */
    Continuations sample(FramePredictor model, WindowBatch contexts, int contextFrames, int horizon, double temperature, long[] seeds);
}
