package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;

/**
 * What a {@link RolloutSampler} returns: each context followed by its sampled frames, and the
 * log-probability of each sampled frame's actions under the sampling distribution.
 *
 * @param frames        B rows of {@code contextFrames + horizon} frames, all valid: the context, then the continuation
 * @param contextFrames frames of context at the start of every row
 * @param horizon       sampled frames after it
 * @param logProbs      [B, horizon]: log pi(a) of each sampled frame (sum over tracks)
 */
public record Continuations(WindowBatch frames, int contextFrames, int horizon, double[] logProbs) {
    public Continuations {
        if (frames.length() != contextFrames + horizon) {
            throw new IllegalArgumentException("continuations of " + frames.length() + " frames, expected " + contextFrames + " + " + horizon);
        }
        if (logProbs.length != frames.size() * horizon) {
            throw new IllegalArgumentException(logProbs.length + " log-probabilities for " + frames.size() + " x " + horizon + " frames");
        }
    }

    public int size() {
        return frames.size();
    }
}
