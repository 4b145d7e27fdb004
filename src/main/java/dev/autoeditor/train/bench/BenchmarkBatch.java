package dev.autoeditor.train.bench;

import dev.autoeditor.data.WindowBatch;
import java.util.SplittableRandom;

/**
 * The benchmark's input: random but well-formed windows, drawn the same way as in
 * bench/pytorch_step.py: about 30% of track-frames active with a random class, standard-normal
 * regressions where active, and the last 10% of every window padding. Speed does not depend on the
 * values, only on the shapes and the share of padding.
 */
public final class BenchmarkBatch {
    private BenchmarkBatch() {}

    public static WindowBatch synthetic(int size, int length, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        WindowBatch batch = WindowBatch.allocate(size, length);
        int k = WindowBatch.TRACKS;
        int r = WindowBatch.REGRESSIONS;
        int real = (int) (length * 0.9);
        for (int b = 0; b < size; b++) {
            batch.windowIds()[b] = b;
            for (int t = 0; t < length; t++) {
                batch.valid()[b * length + t] = t < real ? 1f : 0f;
                for (int track = 0; track < k; track++) {
                    int cell = (b * length + t) * k + track;
                    boolean on = random.nextDouble() < 0.3;
                    batch.active()[cell] = on ? 1f : 0f;
                    batch.assetClass()[cell] = on ? random.nextInt(classes) : -1;
                    for (int f = 0; f < r; f++) batch.regression()[cell * r + f] = on ? (float) gaussian(random) : 0f;
                }
            }
        }
        return batch;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
