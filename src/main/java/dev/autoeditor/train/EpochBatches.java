package dev.autoeditor.train;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import java.util.SplittableRandom;

/**
 * The batches of one epoch: the windows in an order shuffled from (seed, epoch), cut into batches
 * (the last may be smaller). The order is a pure function of the seed and epoch, so a position is
 * just (epoch, batch index) and a resumed run reads exactly the batches it would have read.
 */
final class EpochBatches {
    private final WindowDataset data;
    private final int batchSize;
    private final int[] order;

    EpochBatches(WindowDataset data, int batchSize, long shuffleSeed, int epoch, boolean shuffle) {
        this.data = data;
        this.batchSize = batchSize;
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(shuffleSeed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    static int count(int windows, int batchSize) {
        return (windows + batchSize - 1) / batchSize;
    }

    int count() {
        return count(order.length, batchSize);
    }

    WindowBatch batch(int index) {
        int from = index * batchSize;
        int n = Math.min(batchSize, order.length - from);
        WindowBatch b = WindowBatch.allocate(n, data.length());
        for (int row = 0; row < n; row++) data.read(order[from + row], b, row);
        return b;
    }
}
