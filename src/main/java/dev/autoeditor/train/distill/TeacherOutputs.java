package dev.autoeditor.train.distill;

import static dev.autoeditor.model.GraphNames.ACTIVE_LOGIT;
import static dev.autoeditor.model.GraphNames.ASSET_LOGITS;
import static dev.autoeditor.model.GraphNames.REGRESSION;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.DistillationLoss;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.util.Progress;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teacher's logits and regressions for every window of a split, computed once and kept in memory
 * (docs/distill.md, "Teacher outputs: cached"). The teacher is frozen and runs without dropout, so its
 * outputs for a window never change: one forward pass per window replaces one per window per epoch.
 * They are computed in a fixed order and batch size, before any of them is used, so a run resumed in a
 * new process feeds exactly the values the uninterrupted run fed.
 *
 * <p>Entry t of a window is the teacher's prediction of frame t+1 from frames 0..t, over the same
 * frames 0..T-2 the student is trained on ({@link FrameInputs#trainingInputs}). Memory: 4 (T-1) K
 * (1 + C + R) bytes per window (127 KB at T = 100, C = 8).
 */
public final class TeacherOutputs {
    private static final Logger log = LoggerFactory.getLogger(TeacherOutputs.class);
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;
    /** Windows per teacher forward pass: fixed, so the values never depend on a setting. */
    static final int BATCH = 16;

    private final int steps;
    private final int classes;
    private final float[][] active;
    private final float[][] asset;
    private final float[][] regression;

    private TeacherOutputs(int steps, int classes, int windows) {
        this.steps = steps;
        this.classes = classes;
        this.active = new float[windows][];
        this.asset = new float[windows][];
        this.regression = new float[windows][];
    }

    /** Runs {@code teacher} over every window of {@code data}, in order. */
    public static TeacherOutputs compute(TransformerModel teacher, WindowDataset data, String what) {
        int n = data.size();
        int length = data.length();
        int classes = teacher.config().assetClasses();
        TeacherOutputs out = new TeacherOutputs(length - 1, classes, n);
        long started = System.nanoTime();
        try (Progress progress = Progress.start("teacher outputs (" + what + ")", n, "windows")) {
            for (int start = 0; start < n; start += BATCH) {
                int size = Math.min(BATCH, n - start);
                WindowBatch batch = WindowBatch.allocate(size, length);
                for (int row = 0; row < size; row++) data.read(start + row, batch, row);
                Map<String, INDArray> o = teacher.sameDiff().output(FrameInputs.trainingInputs(batch, teacher.config(), null),
                        ACTIVE_LOGIT, ASSET_LOGITS, REGRESSION);
                float[] a = o.get(ACTIVE_LOGIT).data().asFloat();
                float[] s = o.get(ASSET_LOGITS).data().asFloat();
                float[] r = o.get(REGRESSION).data().asFloat();
                int perActive = out.steps * K;
                for (int row = 0; row < size; row++) {
                    out.active[start + row] = java.util.Arrays.copyOfRange(a, row * perActive, (row + 1) * perActive);
                    out.asset[start + row] = java.util.Arrays.copyOfRange(s, row * perActive * classes, (row + 1) * perActive * classes);
                    out.regression[start + row] = java.util.Arrays.copyOfRange(r, row * perActive * R, (row + 1) * perActive * R);
                }
                // ND4J frees a pass's off-heap arrays only when the Java GC runs.
                System.gc();
                progress.step(size);
            }
        }
        log.info("teacher outputs for {} {} windows in {} s ({} MB kept)", n, what, String.format("%.1f", (System.nanoTime() - started) / 1e9),
                String.format("%.1f", out.bytes() / 1e6));
        return out;
    }

    public int windows() {
        return active.length;
    }

    /** Bytes held. */
    public long bytes() {
        return 4L * windows() * steps * K * (1 + classes + R);
    }

    /** The teacher inputs of {@link DistillationLoss} for the windows of {@code batch} (by their ids). */
    public Map<String, INDArray> feed(WindowBatch batch) {
        if (batch.length() - 1 != steps) {
            throw new IllegalArgumentException("teacher outputs hold " + (steps + 1) + "-frame windows, the batch has " + batch.length());
        }
        int b = batch.size();
        int perActive = steps * K;
        float[] a = new float[b * perActive];
        float[] s = new float[b * perActive * classes];
        float[] r = new float[b * perActive * R];
        for (int row = 0; row < b; row++) {
            int id = Math.toIntExact(batch.windowIds()[row]);
            System.arraycopy(active[id], 0, a, row * perActive, perActive);
            System.arraycopy(asset[id], 0, s, row * perActive * classes, perActive * classes);
            System.arraycopy(regression[id], 0, r, row * perActive * R, perActive * R);
        }
        Map<String, INDArray> m = new HashMap<>();
        m.put(DistillationLoss.TEACHER_ACTIVE_LOGIT, Nd4j.create(a, new long[] {b, steps, K}, 'c'));
        m.put(DistillationLoss.TEACHER_ASSET_LOGITS, Nd4j.create(s, new long[] {b, steps, K, classes}, 'c'));
        m.put(DistillationLoss.TEACHER_REGRESSION, Nd4j.create(r, new long[] {b, steps, K, R}, 'c'));
        return m;
    }
}
