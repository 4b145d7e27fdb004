package dev.autoeditor.timeline.synth;

/**
 * A log-normal length distribution in seconds, truncated to [min, max]: the median is exp(mu), and
 * sigma is the standard deviation of the log. Shot lengths in edited video are close to log-normal
 * (many short shots, a long tail), which is why every style describes its rhythm this way.
 */
record LogNormal(double median, double sigma, double min, double max) {
    private static final int REDRAWS = 8;

    LogNormal {
        if (!(median > 0 && sigma >= 0 && min > 0 && min <= max)) {
            throw new IllegalArgumentException("bad log-normal " + median + ", " + sigma + ", [" + min + ", " + max + "]");
        }
    }

    /** A draw in seconds: redrawn when outside [min, max] (truncation), clamped after a few tries. */
    double sample(Dice dice) {
        double x = median;
        for (int i = 0; i < REDRAWS; i++) {
            x = median * Math.exp(sigma * dice.gaussian());
            if (x >= min && x <= max) return x;
        }
        return Math.max(min, Math.min(max, x));
    }

    @Override
    public String toString() {
        return "log-normal(median " + median + " s, sigma " + sigma + ", within [" + min + ", " + max + "] s)";
    }
}
