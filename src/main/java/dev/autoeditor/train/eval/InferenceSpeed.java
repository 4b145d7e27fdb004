package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.ModelArtifact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How fast models predict, measured side by side so that a busy machine slows them alike: the runs
 * alternate between the models (A, B, C, A, B, C, ...) after as many untimed rounds, alternated the same
 * way, and each figure is the median of its runs.
 * <ul>
 *   <li>{@code windows_per_s}: batched teacher-forced inference, the path {@code evaluate} takes
 *       ({@link TransformerModel#predict}): one call on the same batch of windows per run.</li>
 *   <li>{@code frames_per_s_batch1}: generation at batch 1, as {@code generate} does it: frames a run of
 *       {@link Generation} generated over its wall time. The generation loop lives in package
 *       {@code generate}, which depends on this one, so the caller passes it in
 *       ({@code generate.BatchOneGeneration}).</li>
 * </ul>
 * Timings are not reproducible and are left out of byte-for-byte comparisons.
 */
public final class InferenceSpeed {
    /** One model's figures. */
    public record Figures(double windowsPerSecond, double framesPerSecondBatch1) {}

    /** Generation at batch 1 by a model: the seam through which {@code generate}'s loop is timed here. */
    public interface Generation {
        /** Readies {@code model}'s generation (untimed: the model's policy, the prompt, the loop). */
        Run prepare(ModelArtifact model);

        /** Frames each run generates. */
        int frames();

        /** How, for the summary's {@code speed} record. */
        String describe();

        /** One timed run: generates from the same prompt with the same seed every time; returns the frames generated. */
        @FunctionalInterface
        interface Run {
            int generate();
        }
    }

    private InferenceSpeed() {}

    /**
     * @param windows    the split whose first {@code batchSize} windows are the batch
     * @param runs       timed runs per model and figure
     * @param generation how the models generate at batch 1
     */
    public static List<Figures> measure(List<ModelArtifact> models, WindowDataset windows, int batchSize, int runs, Generation generation) {
        if (windows.size() == 0) throw new IllegalArgumentException("no windows to time on");
        WindowBatch batch = Batches.read(windows, 0, Math.min(batchSize, windows.size()));
        int m = models.size();
        List<TransformerModel> networks = new ArrayList<>(m);
        List<Generation.Run> generators = new ArrayList<>(m);
        for (ModelArtifact model : models) {
            networks.add(model.frameTransformer());
            generators.add(generation.prepare(model));
        }
        double[][] batched = new double[m][runs];
        double[][] generated = new double[m][runs];
        // Warm-up, as many rounds as are timed: the first call of a graph builds its execution plan and
        // touches its memory, and the generation loop's Java code (windows, sampling, decoding) runs
        // interpreted until the JIT has compiled it: with one untimed call per model, a first measurement
        // in a fresh JVM gave a fifth to half the speed of a third one (docs/distill.md).
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < m; i++) {
                networks.get(i).predict(batch);
                generators.get(i).generate();
            }
        }
        System.gc();
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < m; i++) {
                long t0 = System.nanoTime();
                networks.get(i).predict(batch);
                batched[i][r] = batch.size() / ((System.nanoTime() - t0) / 1e9);
            }
            for (int i = 0; i < m; i++) {
                long t0 = System.nanoTime();
                int frames = generators.get(i).generate();
                generated[i][r] = frames / ((System.nanoTime() - t0) / 1e9);
            }
            // Frees the round's off-heap arrays, outside every timed call.
            System.gc();
        }
        List<Figures> out = new ArrayList<>();
        for (int i = 0; i < m; i++) out.add(new Figures(median(batched[i]), median(generated[i])));
        return out;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
