package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;

/**
 * One PPO iteration's rollouts and everything computed from them: per continuation and step the
 * policy's log pi, value and entropy and the reference's log pi (from one causal pass each), the
 * reward model's score, the k1 estimates, rewards, GAE advantages (whitened over the iteration) and
 * returns. Arrays are row-major, {@code horizon} steps per continuation.
 */
final class Rollouts {
    final WindowBatch frames;
    final int contextFrames;
    final int horizon;
    final double[] logProb;
    final double[] value;
    final double[] entropy;
    final double[] refLogProb;
    final double[] scores;
    final double[] k1;
    double[] advantages;
    double[] returns;

    Rollouts(WindowBatch frames, int contextFrames, int horizon, ActionLogProbs.Steps policy, ActionLogProbs.Steps reference, double[] scores) {
        this.frames = frames;
        this.contextFrames = contextFrames;
        this.horizon = horizon;
        this.logProb = policy.logProb();
        this.value = policy.value();
        this.entropy = policy.entropy();
        this.refLogProb = reference.logProb();
        this.scores = scores;
        this.k1 = PpoMath.k1(logProb, refLogProb);
    }

    int size() {
        return frames.size();
    }

    /** Rewards with the KL penalty at weight {@code beta}, GAE advantages (whitened over every step of every continuation) and returns. */
    void advantages(double beta, double gamma, double lambda) {
        int n = size();
        double[] adv = new double[n * horizon];
        returns = new double[n * horizon];
        for (int row = 0; row < n; row++) {
            double[] rewards = PpoMath.rewards(scores[row], k1, row * horizon, horizon, beta);
            double[] values = java.util.Arrays.copyOfRange(value, row * horizon, (row + 1) * horizon);
            double[] a = PpoMath.gae(rewards, values, gamma, lambda);
            for (int s = 0; s < horizon; s++) {
                adv[row * horizon + s] = a[s];
                returns[row * horizon + s] = a[s] + values[s];
            }
        }
        advantages = PpoMath.whiten(adv);
    }

    /** Mean over continuations of the summed k1: the KL to the reference in nats per continuation. */
    double meanKl() {
        return meanOfSums(k1);
    }

    /** Mean over continuations of the summed per-step entropy, nats per continuation. */
    double meanEntropy() {
        return meanOfSums(entropy);
    }

    double meanScore() {
        double s = 0;
        for (double v : scores) s += v;
        return s / scores.length;
    }

    private double meanOfSums(double[] perStep) {
        double s = 0;
        for (double v : perStep) s += v;
        return s / size();
    }

    /** The continuations {@code rows}, in that order, with their per-step arrays. */
    Part part(int[] rows) {
        int m = rows.length;
        double[] old = new double[m * horizon];
        double[] adv = new double[m * horizon];
        double[] ret = new double[m * horizon];
        double[] val = new double[m * horizon];
        for (int i = 0; i < m; i++) {
            System.arraycopy(logProb, rows[i] * horizon, old, i * horizon, horizon);
            System.arraycopy(advantages, rows[i] * horizon, adv, i * horizon, horizon);
            System.arraycopy(returns, rows[i] * horizon, ret, i * horizon, horizon);
            System.arraycopy(value, rows[i] * horizon, val, i * horizon, horizon);
        }
        return new Part(Frames.rows(frames, rows), horizon, old, adv, ret, val);
    }

    /** Clip fractions, approximate KL and ratios of a minibatch pass. */
    record StepStats(double clipFraction, double valueClipFraction, double approxKl, double meanRatio, double maxRatioDeviation) {}

    /** A minibatch. */
    record Part(WindowBatch frames, int horizon, double[] oldLogProb, double[] advantage, double[] returns, double[] oldValue) {
        /**
         * The statistics of a pass over this minibatch, from its per-position log pi and values ([m, T-1],
         * position t holding frame t+1's action).
         */
        StepStats stats(float[] logProb, float[] value, int contextFrames, double clip, double valueClip) {
            int m = frames.size();
            int positions = frames.length() - 1;
            int n = m * horizon;
            double[] logRatio = new double[n];
            int clipped = 0;
            int valueClipped = 0;
            double ratioSum = 0;
            double maxDev = 0;
            for (int i = 0; i < m; i++) {
                for (int s = 0; s < horizon; s++) {
                    int at = i * positions + contextFrames - 1 + s;
                    int k = i * horizon + s;
                    logRatio[k] = logProb[at] - oldLogProb[k];
                    double ratio = Math.exp(logRatio[k]);
                    ratioSum += ratio;
                    maxDev = Math.max(maxDev, Math.abs(ratio - 1));
                    if (PpoMath.clipped(ratio, advantage[k], clip)) clipped++;
                    if (PpoMath.valueClipped(value[at], oldValue[k], returns[k], valueClip)) valueClipped++;
                }
            }
            return new StepStats((double) clipped / n, (double) valueClipped / n, PpoMath.approxKl(logRatio), ratioSum / n, maxDev);
        }
    }
}
