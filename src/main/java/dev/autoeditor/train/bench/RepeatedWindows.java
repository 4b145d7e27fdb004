package dev.autoeditor.train.bench;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;

/** A dataset of {@code size} windows that cycles through the windows of one batch (benchmark input). */
final class RepeatedWindows implements WindowDataset {
    private final WindowBatch source;
    private final int size;
    private final int classes;

    RepeatedWindows(WindowBatch source, int size, int classes) {
        this.source = source;
        this.size = size;
        this.classes = classes;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int length() {
        return source.length();
    }

    @Override
    public int assetClasses() {
        return classes;
    }

    @Override
    public void read(int index, WindowBatch batch, int row) {
        source.copyWindow(index % source.size(), batch, row, index);
    }
}
