package dev.autoeditor.data;

/**
 * A batch of training windows as flat row-major arrays: B windows, T frames, K = 20 tracks,
 * R = 7 regression fields. {@code active} is 1 or 0; {@code assetClass} is the per-window relabelled
 * asset class in [0, classes) where active, -1 where inactive; {@code regression} is normalised and 0
 * where inactive; {@code valid} is 1 for real frames and 0 for padding.
 *
 * @param active     [B, T, K]
 * @param assetClass [B, T, K]
 * @param regression [B, T, K, R]
 * @param valid      [B, T]
 * @param windowIds  [B] the windows' indexes in their split
 */
public record WindowBatch(int size, int length, float[] active, int[] assetClass, float[] regression,
                          float[] valid, long[] windowIds) {
    public static final int TRACKS = dev.autoeditor.timeline.KeyframeColumns.TRACKS;
    public static final int REGRESSIONS = dev.autoeditor.timeline.KeyframeColumns.REGRESSIONS;

    public static WindowBatch allocate(int size, int length) {
        return new WindowBatch(size, length,
                new float[size * length * TRACKS],
                new int[size * length * TRACKS],
                new float[size * length * TRACKS * REGRESSIONS],
                new float[size * length],
                new long[size]);
    }

    /** Copies window {@code from} of this batch into row {@code row} of {@code target} (same length). */
    public void copyWindow(int from, WindowBatch target, int row, long windowId) {
        int t = length;
        int k = TRACKS;
        int r = REGRESSIONS;
        System.arraycopy(active, from * t * k, target.active(), row * t * k, t * k);
        System.arraycopy(assetClass, from * t * k, target.assetClass(), row * t * k, t * k);
        System.arraycopy(regression, from * t * k * r, target.regression(), row * t * k * r, t * k * r);
        System.arraycopy(valid, from * t, target.valid(), row * t, t);
        target.windowIds()[row] = windowId;
    }
}
