package dev.autoeditor.generate;

import dev.autoeditor.data.AssetRelabeller;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.Arrays;
import java.util.List;

/**
 * What the model sees before it chooses the next frame: the last frames of a continuation (at most
 * {@code window.length - 1}, the most a training window feeds it), made into model input exactly as the
 * training windows were made ({@code SequenceWindower}): assets relabelled in order of first appearance
 * within the window ({@link AssetRelabeller}; class C-1 is "other"), regressions normalised with the
 * model's normaliser where a track is active and 0 where it is not. Built afresh from the frames at
 * every step, so the relabelling, its inverse and the motion input (frame t minus t-1 on the same
 * class, computed from the window by {@code FrameInputs}) always follow the frames generated so far.
 *
 * <p>Frames are keyframe-table rows (180 values: per track active, asset, 7 regressions in original
 * units) with assets in the edit's numbering. The window also answers the questions decoding asks:
 * which asset a named class stands for and which class an asset has.
 *
 * <p>A window can also be taken as it already is in the model's encoding ({@link #encoded}): a row of a
 * {@link WindowBatch} whose classes are numbered in order of first appearance, as training windows and
 * RLHF's contexts are. There the asset of a named class is its class number and every "other" cell is
 * one asset, {@code classes - 1}: the window cannot tell the sources lumped there apart, and neither can
 * the model.
 */
public final class ContextWindow {
    private static final int K = KeyframeTable.TRACKS;
    private static final int F = KeyframeTable.FIELDS;
    private static final int R = F - 2;

    private final int length;
    private final double[] lastFrame;
    private final int classes;
    private final byte[] classOfCell;
    private final float[] regression;
    private final int named;
    private final int[] namedAssets;
    private final boolean overflowed;
    private final int[] present;

    private ContextWindow(double[][] frames, int classes, Normaliser normaliser) {
        this.length = frames.length;
        this.lastFrame = frames[frames.length - 1];
        this.classes = classes;
        int n = frames.length;
        int[] asset = new int[n * K];
        boolean[] active = new boolean[n * K];
        regression = new float[n * K * R];
        for (int t = 0; t < n; t++) {
            double[] row = frames[t];
            for (int k = 0; k < K; k++) {
                int cell = t * K + k;
                boolean on = row[k * F + KeyframeTable.ACTIVE] == 1;
                active[cell] = on;
                asset[cell] = (int) row[k * F + KeyframeTable.ASSET];
                if (!on) continue;
                for (int f = 0; f < R; f++) regression[cell * R + f] = normaliser.normalise(f, row[k * F + 2 + f]);
            }
        }
        AssetRelabeller relabeller = new AssetRelabeller(classes);
        classOfCell = new byte[n * K];
        relabeller.relabel(asset, active, n * K, classOfCell);
        named = relabeller.named();
        namedAssets = new int[named];
        for (int c = 0; c < named; c++) namedAssets[c] = relabeller.assetOf(c);
        overflowed = relabeller.overflowed();
        int[] shown = new int[n * K];
        int count = 0;
        for (int i = 0; i < n * K; i++) if (active[i]) shown[count++] = asset[i];
        present = Arrays.stream(shown, 0, count).distinct().sorted().toArray();
    }

    private ContextWindow(int length, double[] lastFrame, int classes, byte[] classOfCell, float[] regression, int named, boolean overflowed,
                          int[] present) {
        this.length = length;
        this.lastFrame = lastFrame;
        this.classes = classes;
        this.classOfCell = classOfCell;
        this.regression = regression;
        this.named = named;
        this.namedAssets = new int[named];
        for (int c = 0; c < named; c++) namedAssets[c] = c;
        this.overflowed = overflowed;
        this.present = present;
    }

    /**
     * The window ending before frame {@code end} of {@code frames}: frames [max(0, end - maxFrames), end).
     *
     * @param maxFrames  the most frames the model sees (its window length - 1)
     * @param classes    the model's asset classes (the last is "other")
     * @param normaliser the model's normaliser
     */
    public static ContextWindow of(List<double[]> frames, int end, int maxFrames, int classes, Normaliser normaliser) {
        if (end < 1 || end > frames.size()) throw new IllegalArgumentException("a window needs 1 to " + frames.size() + " frames, asked to end at " + end);
        if (maxFrames < 1) throw new IllegalArgumentException("maxFrames must be >= 1, got " + maxFrames);
        int start = Math.max(0, end - maxFrames);
        double[][] rows = new double[end - start][];
        for (int i = start; i < end; i++) {
            double[] row = frames.get(i);
            if (row.length != KeyframeTable.VALUES) throw new IllegalArgumentException("frame " + i + " has " + row.length + " values, not " + KeyframeTable.VALUES);
            rows[i - start] = row;
        }
        return new ContextWindow(rows, classes, normaliser);
    }

    /**
     * Frames {@code [0, length)} of row {@code row} of {@code batch}, taken as the model's encoding they
     * already are: the classes as they stand (named classes numbered 0, 1, ... in order of first
     * appearance, frames in order and tracks V1 up; {@code classes - 1} is "other"), the normalised
     * regressions bit for bit. The asset of named class c is c and "other" is asset {@code classes - 1}
     * ({@link #lastFrame()} holds these assets and the regressions in original units). {@link #fill}
     * writes the frames back unchanged.
     *
     * @throws IllegalArgumentException when a frame is padding, a class is out of range, or the named
     *                                  classes are not numbered in order of first appearance
     */
    public static ContextWindow encoded(WindowBatch batch, int row, int length, int classes, Normaliser normaliser) {
        if (length < 1 || length > batch.length()) throw new IllegalArgumentException("a window of 1 to " + batch.length() + " frames, asked for " + length);
        int other = classes - 1;
        byte[] classOfCell = new byte[length * K];
        float[] regression = new float[length * K * R];
        System.arraycopy(batch.regression(), row * batch.length() * K * R, regression, 0, length * K * R);
        int named = 0;
        boolean overflowed = false;
        for (int t = 0; t < length; t++) {
            int frame = row * batch.length() + t;
            if (batch.valid()[frame] < 0.5f) throw new IllegalArgumentException("row " + row + ": frame " + t + " of the window is padding");
            for (int k = 0; k < K; k++) {
                int cell = t * K + k;
                if (batch.active()[frame * K + k] < 0.5f) {
                    classOfCell[cell] = -1;
                    continue;
                }
                int c = batch.assetClass()[frame * K + k];
                if (c < 0 || c > other) throw new IllegalArgumentException("row " + row + ", frame " + t + ", V" + (k + 1) + ": class " + c + " of " + classes);
                if (c == other) {
                    overflowed = true;
                } else if (c == named) {
                    named++;
                } else if (c > named) {
                    throw new IllegalArgumentException("row " + row + ", frame " + t + ", V" + (k + 1) + ": class " + c + " before class " + named
                            + "; classes must be numbered in order of first appearance");
                }
                classOfCell[cell] = (byte) c;
            }
        }
        int[] present = new int[named + (overflowed ? 1 : 0)];
        for (int c = 0; c < named; c++) present[c] = c;
        if (overflowed) present[named] = other;
        double[] last = new double[KeyframeTable.VALUES];
        int t = length - 1;
        for (int k = 0; k < K; k++) {
            int c = classOfCell[t * K + k];
            if (c < 0) {
                last[k * F + KeyframeTable.ASSET] = -1;
                continue;
            }
            last[k * F + KeyframeTable.ACTIVE] = 1;
            last[k * F + KeyframeTable.ASSET] = c;
            for (int f = 0; f < R; f++) last[k * F + 2 + f] = normaliser.denormalise(f, regression[(t * K + k) * R + f]);
        }
        return new ContextWindow(length, last, classes, classOfCell, regression, named, overflowed, present);
    }

    /** Frames in the window. */
    public int length() {
        return length;
    }

    /** The model's asset classes; class {@code classes() - 1} is "other". */
    public int classes() {
        return classes;
    }

    /** The last frame (a keyframe-table row; not a copy: do not modify). */
    public double[] lastFrame() {
        return lastFrame;
    }

    /** The asset track {@code track} shows in the last frame, or -1. */
    public int lastAsset(int track) {
        double[] row = lastFrame();
        return row[track * F + KeyframeTable.ACTIVE] == 1 ? (int) row[track * F + KeyframeTable.ASSET] : -1;
    }

    /** Named classes in use: 0 .. named() - 1 each stand for one asset (at most classes - 1 of them). */
    public int named() {
        return named;
    }

    /** Whether some asset of the window fell into "other". */
    public boolean overflowed() {
        return overflowed;
    }

    /** The asset named class {@code cls} stands for; -1 for "other" or an unused class. */
    public int assetOf(int cls) {
        return cls >= 0 && cls < named ? namedAssets[cls] : -1;
    }

    /** Whether the window shows {@code asset} anywhere. */
    public boolean contains(int asset) {
        return Arrays.binarySearch(present, asset) >= 0;
    }

    /** Whether {@code asset} has a named class of its own (not "other", not absent). */
    public boolean isNamed(int asset) {
        for (int a : namedAssets) if (a == asset) return true;
        return false;
    }

    /** The class {@code asset} has in the window: its named class, "other" when it was lumped there, -1 when absent. */
    public int classOf(int asset) {
        for (int c = 0; c < named; c++) if (namedAssets[c] == asset) return c;
        return contains(asset) ? classes - 1 : -1;
    }

    /**
     * Writes the window into row {@code row} of {@code batch} (whose length must hold it): active,
     * relabelled class (-1 where inactive), normalised regressions (0 where inactive), and valid = 1
     * for the window's frames, 0 for the padding after them.
     */
    public void fill(WindowBatch batch, int row) {
        int t = batch.length();
        int n = length;
        if (n > t) throw new IllegalArgumentException("a window of " + n + " frames does not fit a batch of length " + t);
        int cells = t * K;
        int from = row * cells;
        Arrays.fill(batch.active(), from, from + cells, 0f);
        Arrays.fill(batch.assetClass(), from, from + cells, -1);
        Arrays.fill(batch.regression(), from * R, (from + cells) * R, 0f);
        Arrays.fill(batch.valid(), row * t, (row + 1) * t, 0f);
        for (int i = 0; i < n * K; i++) {
            if (classOfCell[i] < 0) continue;
            batch.active()[from + i] = 1f;
            batch.assetClass()[from + i] = classOfCell[i];
        }
        System.arraycopy(regression, 0, batch.regression(), from * R, n * K * R);
        Arrays.fill(batch.valid(), row * t, row * t + n, 1f);
        batch.windowIds()[row] = row;
    }
}
