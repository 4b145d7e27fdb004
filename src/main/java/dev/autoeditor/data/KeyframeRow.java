package dev.autoeditor.data;

import dev.autoeditor.timeline.KeyframeColumns;

/**
 * One parsed row of the keyframe CSV. Mutable and reused by {@link KeyframeCsvReader} so streaming a
 * large file allocates nothing per row; copy what must outlive the next read.
 */
public final class KeyframeRow {
    public static final int TRACKS = KeyframeColumns.TRACKS;
    public static final int REGRESSIONS = KeyframeColumns.REGRESSIONS;

    String project;
    String sequence;
    long frame;
    double timeS;
    /** 1-based line of the row in its file. */
    long line;
    final boolean[] active = new boolean[TRACKS];
    final int[] asset = new int[TRACKS];
    /** [track * REGRESSIONS + field], raw (not normalised). */
    final double[] regression = new double[TRACKS * REGRESSIONS];

    public String project() {
        return project;
    }

    public String sequence() {
        return sequence;
    }

    public long frame() {
        return frame;
    }

    public double timeS() {
        return timeS;
    }

    public long line() {
        return line;
    }

    /** Track {@code k} (0-based) has a visible clip. */
    public boolean active(int k) {
        return active[k];
    }

    public int asset(int k) {
        return asset[k];
    }

    public double regression(int k, int field) {
        return regression[k * REGRESSIONS + field];
    }
}
