package dev.autoeditor.timeline.synth;

import dev.autoeditor.util.Seeds;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random choices of one synthetic project. Every project draws from its own generator seeded
 * from the corpus seed and the project's index, so project i is the same whatever the corpus size.
 * Gaussians use Box-Muller on {@link SplittableRandom#nextDouble()} so the stream does not depend on
 * the JDK's choice of Gaussian algorithm.
 */
final class Dice {
    /** Salt that separates the synth phase's stream from other uses of the same master seed. */
    private static final long SYNTH_SALT = 0x73796e7468L; // "synth"

    private final SplittableRandom rng;

    Dice(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /**
     * The seed of project {@code index} (0-based) of a corpus made with {@code seed}: the index-th seed
     * ({@link Seeds#indexed}) of the synth stream. The stream itself is named by a salt rather than by
     * {@link Seeds#derive}'s SHA-256 of a purpose, because that would change every synthetic corpus
     * (and the figures measured on it) for no gain in independence.
     */
    static long projectSeed(long seed, int index) {
        return Seeds.indexed(Seeds.mix64(seed ^ SYNTH_SALT), index);
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** An integer in [lo, hi], both included. */
    int between(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    long betweenLong(long lo, long hi) {
        return lo + rng.nextLong(hi - lo + 1);
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    double gaussian() {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log stays finite
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    <T> T pick(List<T> options) {
        return options.get(rng.nextInt(options.size()));
    }

    /** An index drawn with the given (not necessarily normalised) weights. */
    int weighted(double... weights) {
        double total = 0;
        for (double w : weights) total += w;
        double r = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.length - 1;
    }

    /** A sign, +1 or -1, each with probability one half. */
    int sign() {
        return rng.nextBoolean() ? 1 : -1;
    }
}
