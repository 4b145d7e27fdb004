package dev.autoeditor.rl;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.prefs.Pair;
import java.util.List;

/**
 * Preference pairs as windows, so the reward model trains through the ordinary training run (epochs,
 * shuffling, checkpoints, exact resume, metrics): window i is pair i, its preferred continuation in
 * frames [0, L) and the other in [L, 2L), each in {@link WindowEdits}' fixed layout of L =
 * contextFrames + horizon frames. {@link BradleyTerryObjective} splits them again. Ties carry no
 * preference and are left out by the caller. Frames are converted when read (thread-safe).
 */
public final class PairWindows implements WindowDataset {
    private final List<Pair> pairs;
    private final int contextFrames;
    private final int horizon;
    private final Normaliser normaliser;
    private final int classes;

    public PairWindows(List<Pair> pairs, int contextFrames, int horizon, Normaliser normaliser, int classes) {
        for (Pair p : pairs) if (p.tie()) throw new IllegalArgumentException("a tie has no preferred side to train on");
        this.pairs = List.copyOf(pairs);
        this.contextFrames = contextFrames;
        this.horizon = horizon;
        this.normaliser = normaliser;
        this.classes = classes;
    }

    /** Frames of one side: context plus horizon. */
    public int sideLength() {
        return contextFrames + horizon;
    }

    public int contextFrames() {
        return contextFrames;
    }

    @Override
    public int size() {
        return pairs.size();
    }

    @Override
    public int length() {
        return 2 * sideLength();
    }

    @Override
    public int assetClasses() {
        return classes;
    }

    @Override
    public void read(int index, WindowBatch batch, int row) {
        Pair p = pairs.get(index);
        WindowBatch side = WindowBatch.allocate(1, sideLength());
        WindowEdits.toWindow(p.context().frames(), p.preferred().frames(), contextFrames, horizon, normaliser, classes, side, 0);
        Frames.copy(side, 0, 0, batch, row, 0, sideLength());
        WindowEdits.toWindow(p.context().frames(), p.other().frames(), contextFrames, horizon, normaliser, classes, side, 0);
        Frames.copy(side, 0, 0, batch, row, sideLength(), sideLength());
        batch.windowIds()[row] = index;
    }
}
