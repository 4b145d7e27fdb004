package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.Arrays;

/**
 * One frame's action, per video track (V1 = 0): whether the track is active and, where it is, the asset
 * class it shows in the relabelling of the window it was chosen from ({@link ContextWindow}; -1 where
 * inactive). This is what the policy samples and what PPO scores; the regressions are not part of it
 * (they stay the model's values).
 */
public record FrameAction(boolean[] active, int[] assetClass) {
    public static final int TRACKS = KeyframeTable.TRACKS;

    public FrameAction {
        if (active.length != TRACKS || assetClass.length != TRACKS) {
            throw new IllegalArgumentException("an action has " + TRACKS + " tracks, got " + active.length + " and " + assetClass.length);
        }
        for (int k = 0; k < TRACKS; k++) {
            if (active[k] != (assetClass[k] >= 0)) {
                throw new IllegalArgumentException("V" + (k + 1) + ": an active track has a class >= 0 and an inactive one -1, got "
                        + active[k] + " with class " + assetClass[k]);
            }
        }
        active = active.clone();
        assetClass = assetClass.clone();
    }

    /** Every track inactive. */
    public static FrameAction none() {
        int[] classes = new int[TRACKS];
        Arrays.fill(classes, -1);
        return new FrameAction(new boolean[TRACKS], classes);
    }

    public boolean active(int track) {
        return active[track];
    }

    public int assetClass(int track) {
        return assetClass[track];
    }

    @Override
    public boolean[] active() {
        return active.clone();
    }

    @Override
    public int[] assetClass() {
        return assetClass.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameAction a && Arrays.equals(active, a.active) && Arrays.equals(assetClass, a.assetClass);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(active) + Arrays.hashCode(assetClass);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FrameAction[");
        for (int k = 0; k < TRACKS; k++) {
            if (!active[k]) continue;
            if (sb.charAt(sb.length() - 1) != '[') sb.append(", ");
            sb.append('V').append(k + 1).append('=').append(assetClass[k]);
        }
        return sb.append(']').toString();
    }
}
