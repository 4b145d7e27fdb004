package dev.autoeditor.data;

/**
 * A dataset whose window i holds i in every cell (active = i % 2, asset = i % classes, regression =
 * i, valid = 1), so a batch's contents reveal which windows it holds.
 */
class InMemoryWindowDataset implements WindowDataset {
    private final int size;
    private final int length;

    InMemoryWindowDataset(int size, int length) {
        this.size = size;
        this.length = length;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int assetClasses() {
        return 8;
    }

    @Override
    public void read(int index, WindowBatch batch, int row) {
        int cells = length * WindowBatch.TRACKS;
        for (int c = 0; c < cells; c++) {
            batch.active()[row * cells + c] = index % 2;
            batch.assetClass()[row * cells + c] = index % 8;
        }
        for (int c = 0; c < cells * WindowBatch.REGRESSIONS; c++) batch.regression()[row * cells * WindowBatch.REGRESSIONS + c] = index;
        for (int t = 0; t < length; t++) batch.valid()[row * length + t] = 1;
        batch.windowIds()[row] = index;
    }
}
