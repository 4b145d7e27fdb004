package dev.autoeditor.data;

/**
 * Cuts one sequence at a time into windows of {@code length} rows starting every {@code stride} rows,
 * while the rows stream past. Full windows are emitted as soon as their last row arrives, so at most
 * max(length, minFrames) rows are held whatever the sequence's length. At the end of a sequence the
 * windows that reach past its end are emitted padded (valid_frames &lt; length), stopping at the first
 * that covers the last row, so every row lies in at least one window (stride &lt;= length). A sequence
 * of fewer than {@code minFrames} rows yields no window and is counted as dropped.
 */
public final class SequenceWindower {
    /** Receives each finished window. */
    @FunctionalInterface
    public interface Sink {
        void accept(WindowRecord window);
    }

    private final WindowLayout layout;
    private final int length;
    private final int stride;
    private final int minFrames;
    private final Normaliser normaliser;
    private final AssetRelabeller relabeller;
    private final Sink sink;
    private final WindowRecord record;
    private final int capacity;
    // ring buffer of the held rows: rows [nextStart, seen) of the current sequence
    private final boolean[][] active;
    private final int[][] asset;
    private final float[][] regression;
    private final long[] frame;
    private final boolean[] cellActive;
    private final int[] cellAsset;
    private int sequenceId = -1;
    private int seen;
    private int nextStart;
    private int lastEnd;
    private int windowsOfSequence;

    public SequenceWindower(WindowLayout layout, int stride, int minFrames, Normaliser normaliser, Sink sink) {
        if (stride < 1 || stride > layout.length()) {
            throw new IllegalArgumentException("stride must lie in [1, length] so every frame is in a window");
        }
        this.layout = layout;
        this.length = layout.length();
        this.stride = stride;
        this.minFrames = Math.max(1, minFrames);
        this.normaliser = normaliser;
        this.relabeller = new AssetRelabeller(layout.assetClasses());
        this.sink = sink;
        this.record = new WindowRecord(layout);
        this.capacity = Math.max(length, this.minFrames) + 1;
        this.active = new boolean[capacity][KeyframeRow.TRACKS];
        this.asset = new int[capacity][KeyframeRow.TRACKS];
        this.regression = new float[capacity][KeyframeRow.TRACKS * KeyframeRow.REGRESSIONS];
        this.frame = new long[capacity];
        this.cellActive = new boolean[length * KeyframeRow.TRACKS];
        this.cellAsset = new int[length * KeyframeRow.TRACKS];
    }

    /** Starts a new sequence (the previous one must have been finished). */
    public void begin(int sequenceId) {
        this.sequenceId = sequenceId;
        seen = 0;
        nextStart = 0;
        lastEnd = 0;
        windowsOfSequence = 0;
    }

    /** Adds the next row of the current sequence. */
    public void add(KeyframeRow row) {
        int slot = seen % capacity;
        frame[slot] = row.frame;
        for (int k = 0; k < KeyframeRow.TRACKS; k++) {
            boolean on = row.active[k];
            active[slot][k] = on;
            asset[slot][k] = row.asset[k];
            int base = k * KeyframeRow.REGRESSIONS;
            for (int f = 0; f < KeyframeRow.REGRESSIONS; f++) {
                regression[slot][base + f] = on ? normaliser.normalise(f, row.regression[base + f]) : 0f;
            }
        }
        seen++;
        while (seen >= minFrames && seen - nextStart >= length) emit(nextStart, length);
    }

    /**
     * Ends the current sequence, emitting its padded tail windows.
     *
     * @return the windows of this sequence, or -1 if it was too short and dropped
     */
    public int finish() {
        if (seen < minFrames) return -1;
        while (lastEnd < seen) emit(nextStart, Math.min(length, seen - nextStart));
        return windowsOfSequence;
    }

    public int rowsOfSequence() {
        return seen;
    }

    private void emit(int start, int valid) {
        record.clear();
        record.sequenceId = sequenceId;
        record.startRow = start;
        record.startFrame = frame[start % capacity];
        record.validFrames = valid;
        int k = KeyframeRow.TRACKS;
        int r = KeyframeRow.REGRESSIONS;
        for (int t = 0; t < valid; t++) {
            int slot = (start + t) % capacity;
            for (int j = 0; j < k; j++) {
                cellActive[t * k + j] = active[slot][j];
                cellAsset[t * k + j] = asset[slot][j];
                record.active[t * k + j] = (byte) (active[slot][j] ? 1 : 0);
            }
            System.arraycopy(regression[slot], 0, record.regression, t * k * r, k * r);
        }
        relabeller.relabel(cellAsset, cellActive, valid * k, record.asset);
        sink.accept(record);
        windowsOfSequence++;
        lastEnd = start + valid;
        nextStart = start + stride;
    }
}
