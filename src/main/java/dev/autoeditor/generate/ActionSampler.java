package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.util.Seeds;
import java.util.SplittableRandom;

/**
 * Samples a frame's action from {@link NextFrames}: per track, active ~ Bernoulli and, where active,
 * the asset class ~ Categorical, both at temperature T; T = 0 is greedy (active when p >= 0.5, the most
 * probable class, the lowest on a tie). Each track takes exactly two uniform draws, in track order,
 * whether or not they are used, and the stream of a frame comes from (seed, sample index, frame) alone
 * ({@link #random}), so a sample's frames do not depend on the batch it was generated in or on what
 * other samples drew.
 */
public final class ActionSampler {
    /** The {@link Seeds} purpose of generation's draws. */
    public static final String PURPOSE = "generate.sample";

    private ActionSampler() {}

    /** The random stream of frame {@code frame} (0 = the first generated) of sample {@code sampleIndex}. */
    public static SplittableRandom random(long seed, long sampleIndex, long frame) {
        return new SplittableRandom(Seeds.indexed(Seeds.derive(seed, PURPOSE, sampleIndex), frame));
    }

    /** Context {@code b}'s next action at temperature {@code t} (0 = greedy), drawn from {@code random}. */
    public static FrameAction sample(NextFrames next, int b, double t, SplittableRandom random) {
        if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException("temperature must be finite and >= 0, got " + t);
        int tracks = KeyframeTable.TRACKS;
        boolean[] active = new boolean[tracks];
        int[] classes = new int[tracks];
        for (int k = 0; k < tracks; k++) {
            double onDraw = random.nextDouble();
            double classDraw = random.nextDouble();
            active[k] = t == 0 ? next.activeLogit(b, k) >= 0 : onDraw < next.activeProbability(b, k, t);
            classes[k] = !active[k] ? -1 : t == 0 ? argmax(next, b, k) : draw(next.assetProbabilities(b, k, t), classDraw);
        }
        return new FrameAction(active, classes);
    }

    private static int argmax(NextFrames next, int b, int k) {
        int best = 0;
        for (int c = 1; c < next.classes(); c++) if (next.assetLogit(b, k, c) > next.assetLogit(b, k, best)) best = c;
        return best;
    }

    /** The class whose cumulative probability first exceeds {@code u} (the last one if rounding leaves u beyond the sum). */
    static int draw(double[] p, double u) {
        double cumulative = 0;
        for (int c = 0; c < p.length; c++) {
            cumulative += p[c];
            if (u < cumulative) return c;
        }
        for (int c = p.length - 1; c >= 0; c--) if (p[c] > 0) return c;
        return p.length - 1;
    }
}
