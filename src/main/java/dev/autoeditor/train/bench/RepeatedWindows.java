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
        int from = index % source.size();
        int t = source.length();
        int k = WindowBatch.TRACKS;
        int r = WindowBatch.REGRESSIONS;
        System.arraycopy(source.active(), from * t * k, batch.active(), row * t * k, t * k);
        System.arraycopy(source.assetClass(), from * t * k, batch.assetClass(), row * t * k, t * k);
        System.arraycopy(source.regression(), from * t * k * r, batch.regression(), row * t * k * r, t * k * r);
        System.arraycopy(source.valid(), from * t, batch.valid(), row * t, t);
        batch.windowIds()[row] = index;
    }
}
