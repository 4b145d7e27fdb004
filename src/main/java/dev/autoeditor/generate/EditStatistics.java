package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Editing statistics of continuations, pooled over many of them (all horizons of a sequence, all
 * samples of a predictor): cuts per minute, shot lengths, visible tracks, how often a cut returns to a
 * source already shown, and the distributions of scale and position. Definitions as the report's: a
 * cut is a change of what a track shows (a source, or nothing) between consecutive sampled frames,
 * counted from the last context frame on; a shot is a maximal run of one source on a track within the
 * horizon (cut off where the horizon starts or ends); a return is a cut to a source that the edit
 * showed before (in the prompt or earlier in the horizon), among cuts to a source.
 */
public final class EditStatistics {
    private static final int K = KeyframeTable.TRACKS;
    private static final int F = KeyframeTable.FIELDS;

    private long cuts;
    private double minutes;
    private final DoubleList shots = new DoubleList();
    private long trackFrames;
    private long frames;
    private long cutsToSource;
    private long returns;
    private final DoubleList scale = new DoubleList();
    private final DoubleList posX = new DoubleList();
    private final DoubleList posY = new DoubleList();

    /**
     * Adds one continuation.
     *
     * @param previous   the last context frame (the first cut may be into the horizon)
     * @param horizon    the continuation's frames
     * @param seconds    each frame's duration on the timeline, seconds (frame j covers seconds[j])
     * @param sourceKey  an asset number's source (what "the same source" means across numberings)
     * @param shownBefore the sources the prompt showed before the horizon
     */
    public void add(double[] previous, List<double[]> horizon, double[] seconds, IntFunction<String> sourceKey, Set<String> shownBefore) {
        Set<String> seen = new HashSet<>(shownBefore);
        int[] state = new int[K];
        for (int k = 0; k < K; k++) state[k] = stateOf(previous, k);
        // Seconds of each track's current shot inside the horizon: a shot running into it counts from where it starts.
        double[] shot = new double[K];
        for (int j = 0; j < horizon.size(); j++) {
            double[] row = horizon.get(j);
            frames++;
            minutes += seconds[j] / 60;
            for (int k = 0; k < K; k++) {
                int now = stateOf(row, k);
                if (now != state[k]) {
                    cuts++;
                    if (state[k] >= 0 && j > 0) shots.add(shot[k]);
                    shot[k] = 0;
                    if (now >= 0) {
                        cutsToSource++;
                        if (seen.contains(sourceKey.apply(now))) returns++;
                    }
                }
                state[k] = now;
                if (now >= 0) {
                    shot[k] += seconds[j];
                    trackFrames++;
                    scale.add(row[k * F + KeyframeTable.SCALE]);
                    posX.add(row[k * F + KeyframeTable.POS_X]);
                    posY.add(row[k * F + KeyframeTable.POS_Y]);
                }
            }
            for (int k = 0; k < K; k++) if (state[k] >= 0) seen.add(sourceKey.apply(state[k]));
        }
        for (int k = 0; k < K; k++) if (state[k] >= 0 && shot[k] > 0) shots.add(shot[k]);
    }

    private static int stateOf(double[] row, int k) {
        return row[k * F + KeyframeTable.ACTIVE] == 1 ? (int) row[k * F + KeyframeTable.ASSET] : -1;
    }

    public long cuts() {
        return cuts;
    }

    public double minutes() {
        return minutes;
    }

    /** Cuts per minute of timeline; NaN with no frames. */
    public double cutsPerMinute() {
        return minutes == 0 ? Double.NaN : cuts / minutes;
    }

    /** Mean number of tracks showing a clip per frame; NaN with no frames. */
    public double visibleTracks() {
        return frames == 0 ? Double.NaN : (double) trackFrames / frames;
    }

    /** Returns over cuts to a source; NaN when there is no cut to a source. */
    public double sourceReturnRate() {
        return cutsToSource == 0 ? Double.NaN : (double) returns / cutsToSource;
    }

    public double[] shotLengths() {
        return shots.toArray();
    }

    public double[] scales() {
        return scale.toArray();
    }

    public double[] positionsX() {
        return posX.toArray();
    }

    public double[] positionsY() {
        return posY.toArray();
    }

    /** Mean shot length, seconds; NaN with no shot. */
    public double meanShotSeconds() {
        double[] s = shotLengths();
        return s.length == 0 ? Double.NaN : Arrays.stream(s).average().orElse(Double.NaN);
    }

    /**
     * The 1-Wasserstein (earth mover's) distance between two samples' empirical distributions: the
     * area between their CDFs. NaN when either is empty.
     */
    public static double wasserstein1(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) return Double.NaN;
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double area = 0;
        double last = Math.min(x[0], y[0]);
        while (i < x.length || j < y.length) {
            double next = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            area += Math.abs((double) i / x.length - (double) j / y.length) * (next - last);
            last = next;
            while (i < x.length && x[i] == next) i++;
            while (j < y.length && y[j] == next) j++;
        }
        return area;
    }

    /** A growable double array. */
    private static final class DoubleList {
        private double[] values = new double[64];
        private int size;

        void add(double v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
