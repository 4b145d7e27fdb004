package dev.autoeditor.generate;

import java.util.List;

/**
 * Whatever chooses a continuation's next frame: the model ({@link ModelPolicy}) or a baseline
 * continued the same way ({@link PersistencePolicy}, {@link RandomCutterPolicy}). The
 * {@link Generator} asks for a batch of contexts at a time and applies the decoding constraints to
 * every proposal alike.
 */
public interface ContinuationPolicy {
    /** "model", "persistence", "random-cutter". */
    String name();

    /** The next frame of each request's context, in order. */
    List<Proposal> propose(List<Request> requests);

    /**
     * One context to continue: its window, and the sample index and frame (0 = the first generated)
     * every random draw of that frame derives from, with the seed.
     */
    record Request(ContextWindow window, long sampleIndex, long frame) {}

    /**
     * A proposed next frame: the action (per track active and asset class in the window's
     * relabelling) and the regressions, [tracks x 7] in original units (read where the action is
     * active; clamped and held by the generator). {@code distribution} is the model's ({@code row} its
     * index, {@code temperature} the one sampled at), from which the taken action's log-probability is
     * computed; null for a baseline.
     */
    record Proposal(FrameAction action, double[] regressions, NextFrames distribution, int row, double temperature) {
        /** A baseline's proposal: no distribution. */
        public static Proposal of(FrameAction action, double[] regressions) {
            return new Proposal(action, regressions, null, -1, Double.NaN);
        }

        /** log pi(taken) under the distribution proposed from; NaN for a baseline. */
        public double logProb(FrameAction taken) {
            return distribution == null ? Double.NaN : distribution.logProb(row, taken, temperature);
        }
    }
}
