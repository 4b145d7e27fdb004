package dev.autoeditor.model;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import java.util.Random;

/**
 * Windows held in memory with a learnable pattern, for model and trainer tests: track 1 is always on
 * and cuts between assets every few frames, track 2 comes and goes, regressions drift smoothly; every
 * third window ends in padding.
 */
public final class SyntheticWindows implements WindowDataset {
    private final WindowBatch all;
    private final int classes;

    public SyntheticWindows(int windows, int length, int classes, long seed) {
        this.classes = classes;
        this.all = WindowBatch.allocate(windows, length);
        Random r = new Random(seed);
        int k = WindowBatch.TRACKS;
        int rr = WindowBatch.REGRESSIONS;
        for (int w = 0; w < windows; w++) {
            int realFrames = w % 3 == 2 ? length - 1 - r.nextInt(length / 3) : length;
            int cutEvery = 3 + r.nextInt(4);
            int asset = 0;
            double scale = r.nextGaussian();
            for (int f = 0; f < length; f++) {
                if (f >= realFrames) continue; // padding stays all zero
                all.valid()[w * length + f] = 1f;
                if (f > 0 && f % cutEvery == 0) asset = (asset + 1) % Math.min(3, classes);
                set(w, length, f, 0, asset, scale + 0.05 * f);
                if ((f / 5) % 2 == 0) set(w, length, f, 1, classes - 1, -scale);
                for (int t = 2; t < k; t++) all.assetClass()[(w * length + f) * k + t] = -1;
                if ((f / 5) % 2 != 0) all.assetClass()[(w * length + f) * k + 1] = -1;
            }
            for (int f = realFrames; f < length; f++) {
                for (int t = 0; t < k; t++) all.assetClass()[(w * length + f) * k + t] = -1;
            }
            all.windowIds()[w] = w;
        }
    }

    private void set(int w, int length, int f, int track, int asset, double base) {
        int k = WindowBatch.TRACKS;
        int cell = (w * length + f) * k + track;
        all.active()[cell] = 1f;
        all.assetClass()[cell] = asset;
        for (int i = 0; i < WindowBatch.REGRESSIONS; i++) {
            all.regression()[cell * WindowBatch.REGRESSIONS + i] = (float) (base * (i + 1) / 7.0);
        }
    }

    @Override
    public int size() {
        return all.size();
    }

    @Override
    public int length() {
        return all.length();
    }

    @Override
    public int assetClasses() {
        return classes;
    }

    @Override
    public void read(int index, WindowBatch batch, int row) {
        all.copyWindow(index, batch, row, index);
    }

    /** The first {@code n} windows as one batch. */
    public WindowBatch batch(int n) {
        WindowBatch b = WindowBatch.allocate(n, all.length());
        for (int i = 0; i < n; i++) read(i, b, i);
        return b;
    }
}
