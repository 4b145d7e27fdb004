package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.KeyframeTable;

/**
 * The model's distribution over the next frame of each context of a batch ({@link FramePolicy#next}):
 * per track, the logit that it is active and the logits of its asset class (in the relabelling of
 * that context's window), and its regressions in original units (the normaliser undone, not yet
 * clamped). Probabilities come at a temperature T: sigmoid(logit / T) and softmax(logits / T); at
 * T = 0 they are the model's own (T = 1), and sampling at T = 0 is greedy ({@link ActionSampler}).
 *
 * <p>The policy of a frame is the product over tracks of Bernoulli(active) and, where active,
 * Categorical(class): {@code log pi(a) = sum_k [log p(active_k) + active_k * log p(class_k)]}
 * ({@link #logProb}). {@link #kl} is the exact KL divergence of that joint distribution between two
 * policies on the same windows, for a KL penalty to a frozen reference.
 */
public final class NextFrames {
    private static final int K = KeyframeTable.TRACKS;
    private static final int R = KeyframeTable.FIELDS - 2;

    private final int size;
    private final int classes;
    private final float[] activeLogit;
    private final float[] assetLogits;
    private final double[] regression;

    /**
     * @param activeLogit [B, K]
     * @param assetLogits [B, K, C]
     * @param regression  [B, K, R] in original units
     */
    public NextFrames(int size, int classes, float[] activeLogit, float[] assetLogits, double[] regression) {
        if (activeLogit.length != size * K || assetLogits.length != size * K * classes || regression.length != size * K * R) {
            throw new IllegalArgumentException("arrays do not match " + size + " contexts of " + K + " tracks and " + classes + " classes");
        }
        this.size = size;
        this.classes = classes;
        this.activeLogit = activeLogit;
        this.assetLogits = assetLogits;
        this.regression = regression;
    }

    /** Contexts in the batch. */
    public int size() {
        return size;
    }

    /** Asset classes; the last is "other". */
    public int classes() {
        return classes;
    }

    public double activeLogit(int b, int track) {
        return activeLogit[b * K + track];
    }

    public double assetLogit(int b, int track, int cls) {
        return assetLogits[(b * K + track) * classes + cls];
    }

    /** Regression field {@code field} (0 = scale .. 6 = crop_bottom) of track {@code track}, original units. */
    public double regression(int b, int track, int field) {
        return regression[(b * K + track) * R + field];
    }

    /** P(track active) at temperature {@code t} (t = 0: the model's own). */
    public double activeProbability(int b, int track, double t) {
        return sigmoid(activeLogit(b, track) / effective(t));
    }

    /** log P(track active = {@code active}) at temperature {@code t}, computed stably. */
    public double logActive(int b, int track, boolean active, double t) {
        double x = activeLogit(b, track) / effective(t);
        return active ? -softplus(-x) : -softplus(x);
    }

    /** The class distribution of an active track at temperature {@code t} (t = 0: the model's own). */
    public double[] assetProbabilities(int b, int track, double t) {
        double[] p = logAssetProbabilities(b, track, t);
        for (int c = 0; c < p.length; c++) p[c] = Math.exp(p[c]);
        return p;
    }

    /** log of {@link #assetProbabilities}, by log-sum-exp. */
    public double[] logAssetProbabilities(int b, int track, double t) {
        double temperature = effective(t);
        double[] z = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            z[c] = assetLogit(b, track, c) / temperature;
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += Math.exp(z[c] - max);
        double log = max + Math.log(sum);
        for (int c = 0; c < classes; c++) z[c] -= log;
        return z;
    }

    /** log pi(action) for context {@code b} at temperature {@code t}: sum over tracks of log p(active) + active * log p(class). */
    public double logProb(int b, FrameAction action, double t) {
        double sum = 0;
        for (int k = 0; k < K; k++) {
            boolean on = action.active(k);
            sum += logActive(b, k, on, t);
            if (on) sum += logAssetProbabilities(b, k, t)[action.assetClass(k)];
        }
        return sum;
    }

    /**
     * KL(this[b] || reference[rb]) of the frame's joint distribution at temperature {@code t}, summed
     * over tracks: per track KL(Bernoulli) + p(active) * KL(Categorical).
     */
    public double kl(int b, NextFrames reference, int rb, double t) {
        if (reference.classes != classes) throw new IllegalArgumentException("policies with " + classes + " and " + reference.classes + " classes");
        double sum = 0;
        for (int k = 0; k < K; k++) {
            double p = activeProbability(b, k, t);
            double logP1 = logActive(b, k, true, t);
            double logP0 = logActive(b, k, false, t);
            double logQ1 = reference.logActive(rb, k, true, t);
            double logQ0 = reference.logActive(rb, k, false, t);
            sum += p * (logP1 - logQ1) + (1 - p) * (logP0 - logQ0);
            double[] lp = logAssetProbabilities(b, k, t);
            double[] lq = reference.logAssetProbabilities(rb, k, t);
            double cat = 0;
            for (int c = 0; c < classes; c++) cat += Math.exp(lp[c]) * (lp[c] - lq[c]);
            sum += p * cat;
        }
        return sum;
    }

    private static double effective(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException("temperature must be finite and >= 0, got " + t);
        return t == 0 ? 1 : t;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
