package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.model.TransformerModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How fast models predict, measured side by side so that a busy machine slows them alike: the runs
 * alternate between the models (A, B, C, A, B, C, ...) after one untimed warm-up call each, and each
 * figure is the median of its runs.
 * <ul>
 *   <li>{@code windows_per_s}: batched teacher-forced inference, the path {@code evaluate} takes
 *       ({@link TransformerModel#predict}): one call on the same batch of windows per run.</li>
 *   <li>{@code frames_per_s_batch1}: generation at batch 1, one full forward pass per generated frame
 *       over a context of one window's length (no key/value cache): the context's last entry gives the
 *       next frame (active where p >= 0.5, the most probable asset class, the predicted regressions),
 *       which is appended while the oldest frame drops out. This stands in for the generate command's
 *       loop until that lands; it measures the same forward passes.</li>
 * </ul>
 * Timings are not reproducible and are left out of byte-for-byte comparisons.
 */
public final class InferenceSpeed {
    /** One model's figures. */
    public record Figures(double windowsPerSecond, double framesPerSecondBatch1) {}

    private InferenceSpeed() {}

    /**
     * @param windows    the split whose first {@code batchSize} windows are the batch, and whose first window the prompt
     * @param runs       timed runs per model and figure
     * @param frames     frames generated per timed run
     */
    public static List<Figures> measure(List<TransformerModel> models, WindowDataset windows, int batchSize, int runs, int frames) {
        if (windows.size() == 0) throw new IllegalArgumentException("no windows to time on");
        WindowBatch batch = Batches.read(windows, 0, Math.min(batchSize, windows.size()));
        WindowBatch prompt = Batches.read(windows, 0, 1);
        Arrays.fill(prompt.valid(), 1f);
        int m = models.size();
        double[][] batched = new double[m][runs];
        double[][] generated = new double[m][runs];
        // Warm-up: the first call of a graph builds its execution plan and touches its memory.
        for (TransformerModel model : models) {
            model.predict(batch);
            model.predict(prompt);
        }
        System.gc();
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < m; i++) {
                long t0 = System.nanoTime();
                models.get(i).predict(batch);
                batched[i][r] = batch.size() / ((System.nanoTime() - t0) / 1e9);
            }
            for (int i = 0; i < m; i++) {
                WindowBatch context = copy(prompt);
                long t0 = System.nanoTime();
                for (int f = 0; f < frames; f++) advance(context, models.get(i).predict(context));
                generated[i][r] = frames / ((System.nanoTime() - t0) / 1e9);
            }
            // Frees the round's off-heap arrays, outside every timed call.
            System.gc();
        }
        List<Figures> out = new ArrayList<>();
        for (int i = 0; i < m; i++) out.add(new Figures(median(batched[i]), median(generated[i])));
        return out;
    }

    /** Drops the context's oldest frame and appends the frame its last entry predicts (greedy). */
    static void advance(WindowBatch context, Predictions p) {
        int length = context.length();
        int k = WindowBatch.TRACKS;
        int r = WindowBatch.REGRESSIONS;
        int c = p.classes();
        System.arraycopy(context.active(), k, context.active(), 0, (length - 1) * k);
        System.arraycopy(context.assetClass(), k, context.assetClass(), 0, (length - 1) * k);
        System.arraycopy(context.regression(), k * r, context.regression(), 0, (length - 1) * k * r);
        int last = (length - 1) * k;
        for (int track = 0; track < k; track++) {
            int i = last + track;
            boolean on = p.activeProb()[i] >= 0.5f;
            context.active()[i] = on ? 1f : 0f;
            context.assetClass()[i] = on ? FrameScorer.argmax(p.assetProbs(), i * c, c) : -1;
            for (int f = 0; f < r; f++) context.regression()[i * r + f] = on ? p.regression()[i * r + f] : 0f;
        }
    }

    private static WindowBatch copy(WindowBatch b) {
        return new WindowBatch(b.size(), b.length(), b.active().clone(), b.assetClass().clone(), b.regression().clone(),
                b.valid().clone(), b.windowIds().clone());
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
