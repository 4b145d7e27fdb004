package dev.autoeditor.rl;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.prefs.Edit;
import dev.autoeditor.prefs.SourceSizes;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import java.util.ArrayList;
import java.util.List;

/**
 * Between the model's frames (a window: active, asset class, normalised regressions) and an edit's
 * frames in the keyframe table's units ({@link Edit}: what pairs store and the rule judge reads).
 * <ul>
 *   <li>Window to edit: the asset class is the asset number (classes are numbered per window in order
 *       of first appearance, so one number is one source throughout a context and its continuations;
 *       the last class, "other", may stand for several), and the regressions are denormalised.</li>
 *   <li>Edit to window, for the reward model: a pair in a fixed layout of {@code contextFrames +
 *       horizon} frames: the context's last {@code contextFrames} rows ending at frame
 *       {@code contextFrames} (a shorter context is padded at the start), then the continuation's
 *       first {@code horizon} rows (a shorter one is padded at the end); assets renumbered in order of
 *       first appearance (from the "other" class on, every further source shares it), regressions
 *       normalised by the model's normaliser.</li>
 * </ul>
 */
public final class WindowEdits {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;
    private static final int F = KeyframeTable.FIELDS;

    private WindowEdits() {}

    /** Frames [from, to) of row {@code row} as an edit at {@code fps}. */
    public static Edit toEdit(WindowBatch batch, int row, int from, int to, Normaliser normaliser, SamplingRate fps) {
        List<double[]> rows = new ArrayList<>(to - from);
        for (int f = from; f < to; f++) {
            double[] values = new double[K * F];
            int cell = (row * batch.length() + f) * K;
            for (int k = 0; k < K; k++) {
                if (batch.active()[cell + k] < 0.5f) {
                    values[k * F + KeyframeTable.ASSET] = -1;
                    continue;
                }
                values[k * F + KeyframeTable.ACTIVE] = 1;
                values[k * F + KeyframeTable.ASSET] = Math.max(0, batch.assetClass()[cell + k]);
                for (int r = 0; r < R; r++) {
                    values[k * F + KeyframeTable.SCALE + r] = normaliser.denormalise(r, batch.regression()[(cell + k) * R + r]);
                }
            }
            rows.add(values);
        }
        return Edit.of(fps, rows, SourceSizes.UNKNOWN);
    }

    /**
     * Writes {@code context} followed by {@code continuation} into row {@code row} of {@code out} (a batch
     * {@code contextFrames + horizon} frames long) in the fixed layout above.
     */
    public static void toWindow(Edit context, Edit continuation, int contextFrames, int horizon, Normaliser normaliser, int classes,
                                WindowBatch out, int row) {
        if (out.length() != contextFrames + horizon) {
            throw new IllegalArgumentException("a batch of " + out.length() + " frames, expected " + contextFrames + " + " + horizon);
        }
        int[] numbers = new int[0];
        int next = 0;
        int contextRows = Math.min(contextFrames, context.rows());
        int firstContextRow = context.rows() - contextRows;
        int continuationRows = Math.min(horizon, continuation.rows());
        for (int f = 0; f < out.length(); f++) {
            Edit edit;
            int source;
            if (f < contextFrames) {
                int pad = contextFrames - contextRows;
                if (f < pad) {
                    blank(out, row, f);
                    continue;
                }
                edit = context;
                source = firstContextRow + f - pad;
            } else {
                if (f - contextFrames >= continuationRows) {
                    blank(out, row, f);
                    continue;
                }
                edit = continuation;
                source = f - contextFrames;
            }
            int cell = (row * out.length() + f) * K;
            out.valid()[row * out.length() + f] = 1f;
            for (int k = 0; k < K; k++) {
                if (!edit.active(source, k)) {
                    out.active()[cell + k] = 0f;
                    out.assetClass()[cell + k] = -1;
                    for (int r = 0; r < R; r++) out.regression()[(cell + k) * R + r] = 0f;
                    continue;
                }
                int asset = edit.asset(source, k);
                if (asset >= numbers.length) {
                    int[] grown = java.util.Arrays.copyOf(numbers, Math.max(asset + 1, numbers.length * 2));
                    java.util.Arrays.fill(grown, numbers.length, grown.length, -1);
                    numbers = grown;
                }
                if (numbers[asset] < 0) numbers[asset] = Math.min(next++, classes - 1);
                out.active()[cell + k] = 1f;
                out.assetClass()[cell + k] = numbers[asset];
                for (int r = 0; r < R; r++) {
                    out.regression()[(cell + k) * R + r] = normaliser.normalise(r, edit.value(source, k, KeyframeTable.SCALE + r));
                }
            }
        }
    }

    private static void blank(WindowBatch out, int row, int f) {
        int cell = (row * out.length() + f) * K;
        out.valid()[row * out.length() + f] = 0f;
        for (int k = 0; k < K; k++) {
            out.active()[cell + k] = 0f;
            out.assetClass()[cell + k] = -1;
            for (int r = 0; r < R; r++) out.regression()[(cell + k) * R + r] = 0f;
        }
    }
}
