package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import java.util.Arrays;

/** Copying frames between window batches (rows of B windows of T frames, row-major). */
final class Frames {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;

    private Frames() {}

    /** Copies {@code count} frames of row {@code fromRow} starting at {@code fromFrame} to row {@code toRow} at {@code toFrame}. */
    static void copy(WindowBatch from, int fromRow, int fromFrame, WindowBatch to, int toRow, int toFrame, int count) {
        int src = fromRow * from.length() + fromFrame;
        int dst = toRow * to.length() + toFrame;
        System.arraycopy(from.active(), src * K, to.active(), dst * K, count * K);
        System.arraycopy(from.assetClass(), src * K, to.assetClass(), dst * K, count * K);
        System.arraycopy(from.regression(), src * K * R, to.regression(), dst * K * R, count * K * R);
        System.arraycopy(from.valid(), src, to.valid(), dst, count);
    }

    /** Makes frames [from, to) of every row inactive padding (asset -1, not valid). */
    static void clear(WindowBatch batch, int from, int to) {
        for (int row = 0; row < batch.size(); row++) {
            int a = row * batch.length() + from;
            int b = row * batch.length() + to;
            Arrays.fill(batch.active(), a * K, b * K, 0f);
            Arrays.fill(batch.assetClass(), a * K, b * K, -1);
            Arrays.fill(batch.regression(), a * K * R, b * K * R, 0f);
            Arrays.fill(batch.valid(), a, b, 0f);
        }
    }

    /** The first {@code length} frames of every row, as a new batch. */
    static WindowBatch prefix(WindowBatch batch, int length) {
        if (length == batch.length()) return batch;
        WindowBatch out = WindowBatch.allocate(batch.size(), length);
        for (int row = 0; row < batch.size(); row++) {
            copy(batch, row, 0, out, row, 0, length);
            out.windowIds()[row] = batch.windowIds()[row];
        }
        return out;
    }

    /** Rows {@code rows} of {@code batch}, in that order, as a new batch. */
    static WindowBatch rows(WindowBatch batch, int[] rows) {
        WindowBatch out = WindowBatch.allocate(rows.length, batch.length());
        for (int i = 0; i < rows.length; i++) {
            copy(batch, rows[i], 0, out, i, 0, batch.length());
            out.windowIds()[i] = batch.windowIds()[rows[i]];
        }
        return out;
    }
}
