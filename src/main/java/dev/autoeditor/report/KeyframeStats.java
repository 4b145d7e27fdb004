package dev.autoeditor.report;

import dev.autoeditor.data.KeyframeCsvReader;
import dev.autoeditor.data.KeyframeRow;
import dev.autoeditor.timeline.KeyframeColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Editing statistics of a keyframe CSV, per split, in one streaming pass: frames, sequences and
 * seconds of timeline, cuts, shot lengths and the number of visible tracks per frame.
 *
 * <p>Definitions, the same as the evaluation's: a track's state at a frame is its source number
 * when active, "off" otherwise; a cut is a change of state between consecutive sampled frames of a
 * sequence (a track turning on or off, or changing source). A shot is a maximal run of frames in
 * which a track shows one source; its length is its frame count times the sequence's sampling step,
 * so shots cut off by the start or end of a sequence count as long as they are visible.
 */
final class KeyframeStats {
    private static final int TRACKS = KeyframeColumns.TRACKS;

    /** One split's figures. */
    static final class Split {
        final String name;
        long frames;
        long sequences;
        double seconds;
        long cuts;
        long trackPositions;
        final List<Double> shotSeconds = new ArrayList<>();
        final long[] visibleTracks = new long[TRACKS + 1];

        Split(String name) {
            this.name = name;
        }

        double cutsPerMinute() {
            return seconds > 0 ? cuts / (seconds / 60) : Double.NaN;
        }

        double cutRatePerTrackFrame() {
            return trackPositions > 0 ? (double) cuts / trackPositions : Double.NaN;
        }

        double medianShotSeconds() {
            if (shotSeconds.isEmpty()) return Double.NaN;
            double[] s = shotSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double meanVisibleTracks() {
            long n = 0;
            double sum = 0;
            for (int v = 0; v < visibleTracks.length; v++) {
                n += visibleTracks[v];
                sum += (double) v * visibleTracks[v];
            }
            return n > 0 ? sum / n : Double.NaN;
        }
    }

    private KeyframeStats() {}

    /**
     * Reads the CSV; {@code splitOf} maps a project to its split (projects it lacks, such as dropped
     * duplicates, are counted under {@code otherName}). Splits come out in the map's order, then
     * {@code otherName} when it has frames.
     */
    static Map<String, Split> measure(Path csv, Map<String, String> splitOf, List<String> splitOrder, String otherName) {
        Map<String, Split> out = new LinkedHashMap<>();
        for (String s : splitOrder) out.put(s, new Split(s));
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            KeyframeRow row = new KeyframeRow();
            SequenceState seq = null;
            while (reader.next(row)) {
                if (seq == null || !seq.project.equals(row.project()) || !seq.sequence.equals(row.sequence())) {
                    if (seq != null) seq.finish();
                    String split = splitOf.getOrDefault(row.project(), otherName);
                    Split target = out.computeIfAbsent(split, Split::new);
                    seq = new SequenceState(row.project(), row.sequence(), target);
                }
                seq.add(row);
            }
            if (seq != null) seq.finish();
        }
        out.values().removeIf(s -> s.frames == 0 && !splitOrder.contains(s.name));
        return out;
    }

    /** The running state of the sequence being read. */
    private static final class SequenceState {
        final String project;
        final String sequence;
        final Split split;
        final int[] state = new int[TRACKS];
        final long[] runFrames = new long[TRACKS];
        final List<long[]> pendingShots = new ArrayList<>();
        long frames;
        double firstTime;
        double secondTime = Double.NaN;

        SequenceState(String project, String sequence, Split split) {
            this.project = project;
            this.sequence = sequence;
            this.split = split;
            Arrays.fill(state, -1);
            split.sequences++;
        }

        void add(KeyframeRow row) {
            if (frames == 0) firstTime = row.timeS();
            else if (frames == 1) secondTime = row.timeS();
            int visible = 0;
            for (int k = 0; k < TRACKS; k++) {
                int now = row.active(k) ? row.asset(k) : -1;
                if (now >= 0) visible++;
                if (frames > 0 && now != state[k]) {
                    split.cuts++;
                    endShot(k);
                }
                state[k] = now;
                if (now >= 0) runFrames[k]++;
            }
            if (frames > 0) split.trackPositions += TRACKS;
            split.visibleTracks[visible]++;
            split.frames++;
            frames++;
        }

        private void endShot(int k) {
            if (state[k] >= 0 && runFrames[k] > 0) pendingShots.add(new long[] {runFrames[k]});
            runFrames[k] = 0;
        }

        /** Shot lengths become seconds once the sampling step is known (from the first two frames). */
        void finish() {
            for (int k = 0; k < TRACKS; k++) endShot(k);
            double step = Double.isNaN(secondTime) ? 0 : secondTime - firstTime;
            split.seconds += frames * step;
            if (step > 0) for (long[] s : pendingShots) split.shotSeconds.add(s[0] * step);
        }
    }
}
