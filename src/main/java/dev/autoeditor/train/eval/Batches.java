package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;

/** Reading consecutive windows of a dataset into a batch. */
final class Batches {
    private Batches() {}

    /** Windows {@code start .. start+size-1} as one batch. */
    static WindowBatch read(WindowDataset data, int start, int size) {
        WindowBatch batch = WindowBatch.allocate(size, data.length());
        for (int row = 0; row < size; row++) data.read(start + row, batch, row);
        return batch;
    }
}
