package dev.autoeditor.report;

import dev.autoeditor.data.KeyframeCsvReader;
import dev.autoeditor.data.KeyframeRow;
import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of one sequence as read from a keyframe CSV in the format {@code convert} writes
 * (docs/convert.md): per sampled frame its time, and per track whether it is active, its source
 * (the CSV's asset number, -1 when inactive) and its seven regression values in original units.
 *
 * @param project    the CSV's project column
 * @param sequence   the CSV's sequence column
 * @param timeS      time of each frame, seconds
 * @param active     [track][frame]
 * @param asset      [track][frame], -1 where inactive
 * @param regression [track][frame][field], fields in {@link KeyframeColumns#REGRESSION_FIELDS} order
 */
public record TimelineFrames(String project, String sequence, double[] timeS, boolean[][] active, int[][] asset,
                             double[][][] regression) {
    public static final int TRACKS = KeyframeColumns.TRACKS;
    static final int SCALE = KeyframeColumns.REGRESSION_FIELDS.indexOf("scale");
    static final int CROP_FIRST = KeyframeColumns.REGRESSION_FIELDS.indexOf("crop_left");

    public int frames() {
        return timeS.length;
    }

    /** The highest track (1-based) that is active in some frame; 0 when none is. */
    public int highestTrack() {
        for (int k = TRACKS - 1; k >= 0; k--) {
            for (boolean a : active[k]) if (a) return k + 1;
        }
        return 0;
    }

    /** Seconds between consecutive frames (the first step; convert samples evenly), 0 for a single frame. */
    public double frameStep() {
        return timeS.length > 1 ? timeS[1] - timeS[0] : 0;
    }

    /** Scale in percent at (track, frame). */
    public double scale(int track, int frame) {
        return regression[track][frame][SCALE];
    }

    /** The four crop sides summed, in percent, at (track, frame). */
    public double cropTotal(int track, int frame) {
        double sum = 0;
        for (int f = CROP_FIRST; f < CROP_FIRST + 4; f++) sum += regression[track][frame][f];
        return sum;
    }

    /** Every sequence in the CSV, in file order. Errors name the file and line (see {@link KeyframeCsvReader}). */
    public static List<TimelineFrames> readAll(Path csv) {
        List<TimelineFrames> out = new ArrayList<>();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            KeyframeRow row = new KeyframeRow();
            Builder current = null;
            while (reader.next(row)) {
                if (current == null || !current.project.equals(row.project()) || !current.sequence.equals(row.sequence())) {
                    if (current != null) out.add(current.build());
                    current = new Builder(row.project(), row.sequence());
                }
                current.add(row);
            }
            if (current != null) out.add(current.build());
        }
        return out;
    }

    /** The named sequence of the CSV, or its first when {@code sequence} is null. */
    public static TimelineFrames read(Path csv, String sequence) {
        List<TimelineFrames> all = readAll(csv);
        if (all.isEmpty()) throw new UserException(csv + " holds no frames (only a header); nothing to draw");
        if (sequence == null) return all.get(0);
        for (TimelineFrames f : all) if (f.sequence().equals(sequence)) return f;
        throw new UserException(csv + " has no sequence '" + sequence + "'; it holds: "
                + String.join(", ", all.stream().map(TimelineFrames::sequence).toList()));
    }

    private static final class Builder {
        final String project;
        final String sequence;
        final List<double[]> times = new ArrayList<>();
        final List<boolean[]> active = new ArrayList<>();
        final List<int[]> asset = new ArrayList<>();
        final List<double[][]> regression = new ArrayList<>();

        Builder(String project, String sequence) {
            this.project = project;
            this.sequence = sequence;
        }

        void add(KeyframeRow row) {
            times.add(new double[] {row.timeS()});
            boolean[] a = new boolean[TRACKS];
            int[] s = new int[TRACKS];
            double[][] r = new double[TRACKS][KeyframeColumns.REGRESSIONS];
            for (int k = 0; k < TRACKS; k++) {
                a[k] = row.active(k);
                s[k] = a[k] ? row.asset(k) : -1;
                for (int f = 0; f < KeyframeColumns.REGRESSIONS; f++) r[k][f] = row.regression(k, f);
            }
            active.add(a);
            asset.add(s);
            regression.add(r);
        }

        TimelineFrames build() {
            int n = times.size();
            double[] t = new double[n];
            boolean[][] a = new boolean[TRACKS][n];
            int[][] s = new int[TRACKS][n];
            double[][][] r = new double[TRACKS][n][];
            for (int i = 0; i < n; i++) {
                t[i] = times.get(i)[0];
                for (int k = 0; k < TRACKS; k++) {
                    a[k][i] = active.get(i)[k];
                    s[k][i] = asset.get(i)[k];
                    r[k][i] = regression.get(i)[k];
                }
            }
            return new TimelineFrames(project, sequence, t, a, s, r);
        }
    }
}
