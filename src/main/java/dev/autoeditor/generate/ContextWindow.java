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
 */
public final class ContextWindow {
    private static final int K = KeyframeTable.TRACKS;
    private static final int F = KeyframeTable.FIELDS;
    private static final int R = F - 2;

    private final double[][] frames;
    private final int classes;
    private final byte[] classOfCell;
    private final float[] regression;
    private final int named;
    private final int[] namedAssets;
    private final boolean overflowed;
    private final int[] present;

    private ContextWindow(double[][] frames, int classes, Normaliser normaliser) {
        this.frames = frames;
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

    /** Frames in the window. */
    public int length() {
        return frames.length;
    }

    /** The model's asset classes; class {@code classes() - 1} is "other". */
    public int classes() {
        return classes;
    }

    /** The last frame (a keyframe-table row; not a copy: do not modify). */
    public double[] lastFrame() {
        return frames[frames.length - 1];
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
        int n = frames.length;
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
