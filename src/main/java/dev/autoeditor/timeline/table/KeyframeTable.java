package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Sequence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-frame keyframe table of one sequence (see docs/convert.md for the rules). Build it once with
 * {@link #of(Sequence)}, then stream rows with {@link #write(SamplingRate, RowConsumer)} or read one
 * frame with {@link #fill(long, double[])}. Rows are primitive arrays of
 * {@link #VALUES} numbers; nothing per row is allocated.
 */
public final class KeyframeTable {
    public static final int TRACKS = KeyframeColumns.TRACKS;
    public static final int FIELDS = KeyframeColumns.FIELDS_PER_TRACK;
    /** Numbers per row: 20 tracks x 9 fields. */
    public static final int VALUES = TRACKS * FIELDS;

    public static final int ACTIVE = 0;
    public static final int ASSET = 1;
    public static final int SCALE = 2;
    public static final int POS_X = 3;
    public static final int POS_Y = 4;
    public static final int CROP_LEFT = 5;
    public static final int CROP_RIGHT = 6;
    public static final int CROP_TOP = 7;
    public static final int CROP_BOTTOM = 8;

    private final Sequence sequence;
    private final TrackLayout[] layouts;
    private final AssetNumbering assets;
    private final long lengthFrames;
    private final int droppedTracks;

    private KeyframeTable(Sequence sequence) {
        this.sequence = sequence;
        int used = Math.min(TRACKS, sequence.tracks().size());
        this.droppedTracks = sequence.tracks().size() - used;
        this.layouts = new TrackLayout[used];
        for (int k = 0; k < used; k++) layouts[k] = TrackLayout.of(sequence.tracks().get(k));
        this.assets = AssetNumbering.of(sequence, TRACKS);
        this.lengthFrames = lengthOf(sequence);
    }

    /** The largest clip end on the video tracks (disabled clips included), over clips that show a frame. */
    private static long lengthOf(Sequence sequence) {
        long end = 0;
        for (var track : sequence.tracks()) {
            for (PlacedClip p : track.placedClips()) if (TrackLayout.showsAFrame(p)) end = Math.max(end, p.end());
        }
        return end;
    }

    /**
     * Lays out a sequence; tracks above V20 are dropped ({@link #droppedTracksWarning()} says so). The
     * table does not log that itself: it is built again for every benchmark round, and the caller
     * knows when a warning is news.
     */
    public static KeyframeTable of(Sequence sequence) {
        return new KeyframeTable(sequence);
    }

    public Sequence sequence() {
        return sequence;
    }

    /** Frames from 0 to the largest clip end on the sequence's video tracks (clips that show no frame do not count). */
    public long lengthFrames() {
        return lengthFrames;
    }

    /** Video tracks above V20 left out of the table. */
    public int droppedTracks() {
        return droppedTracks;
    }

    /** The warning naming the sequence whose tracks above V20 were dropped, or null when none were. */
    public String droppedTracksWarning() {
        if (droppedTracks == 0) return null;
        return "sequence '" + sequence.name() + "' has " + sequence.tracks().size() + " video tracks; the table keeps V1-V"
                + TRACKS + " and drops " + droppedTracks;
    }

    /** Distinct sources numbered in the asset column. */
    public int assetCount() {
        return assets.size();
    }

    /** The frames {@code sampling} takes from this sequence. */
    public FrameSampler sampler(SamplingRate sampling) {
        return sampling.sampler(sequence.rate(), lengthFrames);
    }

    /** Streams the sampled rows to {@code consumer}; returns how many were written. */
    public long write(SamplingRate sampling, RowConsumer consumer) throws IOException {
        FrameSampler sampler = sampler(sampling);
        double[] row = new double[VALUES];
        long n = sampler.count();
        for (long i = 0; i < n; i++) {
            long frame = sampler.frame(i);
            fill(frame, row);
            consumer.accept(frame, sequence.rate().seconds(frame), row);
        }
        return n;
    }

    /** The sampled rows as copies (for tests and small sequences). */
    public List<double[]> rows(SamplingRate sampling) {
        List<double[]> rows = new ArrayList<>();
        try {
            write(sampling, (frame, t, values) -> rows.add(values.clone()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rows;
    }

    /** Writes the 180 values of timeline frame {@code frame} into {@code row}. */
    public void fill(long frame, double[] row) {
        Arrays.fill(row, 0.0);
        for (int k = 0; k < TRACKS; k++) {
            int base = k * FIELDS;
            PlacedClip placed = k < layouts.length ? layouts[k].clipAt(frame) : null;
            if (placed == null) {
                row[base + ASSET] = -1;
                continue;
            }
            Clip clip = placed.clip();
            double source = placed.sourceFrameAt(frame);
            Motion m = clip.motion() == null ? Motion.IDENTITY : clip.motion();
            Crop c = clip.crop() == null ? Crop.NONE : clip.crop();
            row[base + ACTIVE] = 1;
            row[base + ASSET] = assets.of(clip);
            row[base + SCALE] = m.scale().valueAt(source);
            row[base + POS_X] = m.centerX().valueAt(source);
            row[base + POS_Y] = m.centerY().valueAt(source);
            row[base + CROP_LEFT] = c.left().valueAt(source);
            row[base + CROP_RIGHT] = c.right().valueAt(source);
            row[base + CROP_TOP] = c.top().valueAt(source);
            row[base + CROP_BOTTOM] = c.bottom().valueAt(source);
        }
    }
}
