package dev.autoeditor.rl;

/**
 * The arithmetic of PPO and the reward model that runs in Java, each piece small enough to check by
 * hand (PpoMathTest): rewards with the KL penalty, generalised advantage estimation, whitening, the
 * clipped surrogate and its clip fraction, the value clip fraction, the k1 and approximate KL
 * estimates, the Bradley-Terry loss, and the Wilson interval of a win rate.
 */
public final class PpoMath {
    private PpoMath() {}

    /** k1 = log pi(a) - log pi_ref(a), per sampled action: an unbiased estimate of KL(pi || pi_ref) when a ~ pi. */
    public static double[] k1(double[] logProb, double[] refLogProb) {
        double[] out = new double[logProb.length];
        for (int i = 0; i < out.length; i++) out[i] = logProb[i] - refLogProb[i];
        return out;
    }

    /**
     * Per step of one continuation of {@code horizon} steps: -beta * k1, and at the last step the
     * reward model's score on top (the score is only known once the continuation is complete).
     */
    public static double[] rewards(double score, double[] k1, int from, int horizon, double beta) {
        double[] r = new double[horizon];
        for (int i = 0; i < horizon; i++) r[i] = -beta * k1[from + i];
        r[horizon - 1] += score;
        return r;
    }

    /**
     * Generalised advantage estimation over one continuation: delta_t = r_t + gamma V_{t+1} - V_t
     * (V after the last step is 0: the continuation ends there), A_t = delta_t + gamma lambda A_{t+1}.
     */
    public static double[] gae(double[] rewards, double[] values, double gamma, double lambda) {
        int n = rewards.length;
        if (values.length != n) throw new IllegalArgumentException(values.length + " values for " + n + " rewards");
        double[] adv = new double[n];
        double next = 0;
        double nextValue = 0;
        for (int t = n - 1; t >= 0; t--) {
            double delta = rewards[t] + gamma * nextValue - values[t];
            next = delta + gamma * lambda * next;
            adv[t] = next;
            nextValue = values[t];
        }
        return adv;
    }

    /** (x - mean) / sqrt(var + 1e-8) with the unbiased variance, as TRL whitens advantages. */
    public static double[] whiten(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        double var = n > 1 ? ss / (n - 1) : 0;
        double inv = 1 / Math.sqrt(var + 1e-8);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = (x[i] - mean) * inv;
        return out;
    }

    /** The clipped surrogate loss of one step: max(-A r, -A clip(r, 1 - eps, 1 + eps)). */
    public static double clippedLoss(double ratio, double advantage, double eps) {
        return Math.max(-advantage * ratio, -advantage * Math.max(1 - eps, Math.min(1 + eps, ratio)));
    }

    /** True when clipping decides the step's loss: -A clip(r) > -A r (TRL's pg_clipfrac counts these). */
    public static boolean clipped(double ratio, double advantage, double eps) {
        return -advantage * Math.max(1 - eps, Math.min(1 + eps, ratio)) > -advantage * ratio;
    }

    /** True when the clipped value's error exceeds the unclipped one's (TRL's vf_clipfrac). */
    public static boolean valueClipped(double value, double oldValue, double ret, double eps) {
        double clippedValue = oldValue + Math.max(-eps, Math.min(eps, value - oldValue));
        return (clippedValue - ret) * (clippedValue - ret) > (value - ret) * (value - ret);
    }

    /** 0.5 * mean((log pi - old log pi)^2), TRL's approxkl: log ratios of the steps. */
    public static double approxKl(double[] logRatio) {
        double s = 0;
        for (double d : logRatio) s += d * d;
        return 0.5 * s / logRatio.length;
    }

    /** The Bradley-Terry loss of a pair: -log sigmoid(r_preferred - r_other), stable for any difference. */
    public static double bradleyTerry(double preferred, double other) {
        double d = preferred - other;
        return Math.max(-d, 0) + Math.log1p(Math.exp(-Math.abs(d)));
    }

    /**
     * The Wilson score interval at 95% (z = 1.96) of a proportion {@code p} observed over {@code n}
     * trials: {low, high}. With ties counted as half a win, p is a mean of 0, 1/2 and 1.
     */
    public static double[] wilson(double p, int n) {
        if (n <= 0) return new double[] {0, 1};
        double z = 1.959963984540054;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
