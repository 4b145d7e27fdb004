package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameModel;

/**
 * Continues contexts with frames sampled from a model: the one thing RLHF needs from generation.
 * {@link GeneratorSampler} implements it with generate's sampling (docs/rlhf.md, "Rollouts"). Per
 * sampled frame and video track: active ~ Bernoulli(p_active), and where the drawn track is active its
 * asset class ~ Categorical(p_asset); at temperature T both distributions are the model's logits
 * divided by T (T = 1: the model's own distribution). The regressions are not sampled.
 *
 * <p>Contract, which {@code GeneratorSamplerTest} checks:
 * <ul>
 *   <li>frames {@code [0, contextFrames)} of every row of {@code contexts} are its context (all valid,
 *       classes numbered in order of first appearance); the result holds them unchanged, followed by
 *       {@code horizon} sampled frames (valid), so its length is {@code contextFrames + horizon};</li>
 *   <li>frame {@code contextFrames + i} is drawn from the model's prediction at frame
 *       {@code contextFrames + i - 1} given frames {@code 0 .. contextFrames + i - 1} of the same row
 *       (the model's causal prediction: its entry t predicts frame t+1), and recorded as generate's
 *       decoding constraints make it: a track that drew a class the row has not used is recorded with the
 *       next unused class (the label a training window gives a new source); the regressions are the
 *       model's values clamped to their ranges and held within {@code generate.keyframe_tolerance}
 *       while a track keeps its class; zero, and class -1, on an inactive track;</li>
 *   <li>row b's draws depend only on {@code seeds[b]}, its context and the model: the same seed gives
 *       the same continuation whatever else is in the batch;</li>
 *   <li>{@link Continuations#logProbs()} holds, per row and sampled frame, log pi(a) of the action
 *       recorded: the sum over the 20 tracks of log p(active) + active * log p(asset) at that
 *       temperature, which at T = 1 is what PPO's causal pass over the frames computes.</li>
 * </ul>
 */
public interface RolloutSampler {
    /**
     * Samples {@code horizon} frames after the first {@code contextFrames} frames of each row of
     * {@code contexts} (a batch at least {@code contextFrames} long; later frames are ignored).
     *
     * @param seeds one seed per row
     */
    Continuations sample(FrameModel model, WindowBatch contexts, int contextFrames, int horizon, double temperature, long[] seeds);
}
