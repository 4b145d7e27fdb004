package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Predictions;

/**
 * A track's state at a frame, as one integer: its relabelled asset class when active, {@link #OFF}
 * when not. A cut on a track is a change of this state between consecutive frames, which covers both
 * kinds the product counts: a track turning on or off, and a change of asset while it stays on.
 */
public final class TrackStates {
    /** The state of an inactive track. */
    public static final int OFF = -1;

    private TrackStates() {}

    /** Flat index of (window b, frame t, track k) in a [B, T, K] array. */
    public static int index(int length, int b, int t, int k) {
        return (b * length + t) * WindowBatch.TRACKS + k;
    }

    /** The state of track k at frame t of window b. */
    public static int state(WindowBatch batch, int b, int t, int k) {
        int i = index(batch.length(), b, t, k);
        return batch.active()[i] > 0.5f ? batch.assetClass()[i] : OFF;
    }

    /** Whether frame t of window b is real (not padding). */
    public static boolean valid(WindowBatch batch, int b, int t) {
        return batch.valid()[b * batch.length() + t] > 0.5f;
    }

    /** Whether position t predicts a real frame from a real frame: t and t+1 both valid. */
    public static boolean scored(WindowBatch batch, int b, int t) {
        return t + 1 < batch.length() && valid(batch, b, t) && valid(batch, b, t + 1);
    }

    /**
     * The predicted probability that track k changes state between frame t and frame t+1, given its
     * true state at t (teacher forcing): from an inactive track, the probability that it turns on;
     * from an active one showing class c, the probability that it turns off or shows another class,
     * (1 - p_active) + p_active * (1 - p_asset[c]).
     */
    public static double changeProbability(Predictions p, int b, int t, int k, int currentState) {
        int i = index(p.length(), b, t, k);
        double active = p.activeProb()[i];
        if (currentState == OFF) return active;
        double stay = p.assetProbs()[i * p.classes() + currentState];
        return (1 - active) + active * (1 - stay);
    }
}
