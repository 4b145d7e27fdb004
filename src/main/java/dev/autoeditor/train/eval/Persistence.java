package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;

/**
 * The persistence baseline: frame t+1 is frame t. Each track keeps its on/off state (probability 1 or
 * 0), its asset class (all mass on it) and its regression values. An inactive track has no asset to
 * keep; it puts its mass on class 0, which only matters where the track turns on, and its
 * regressions stay at the normalised 0 (the training centre) that inactive tracks carry. It never
 * predicts a change, so its cut recall is 0 by construction: the yardstick for frame-level scores.
 */
public final class Persistence implements FramePredictor {
    private final int classes;

    public Persistence(int classes) {
        if (classes < 1) throw new IllegalArgumentException("classes must be >= 1");
        this.classes = classes;
    }

    @Override
    public Predictions predict(WindowBatch batch) {
        Predictions p = allocate(batch, classes);
        int length = batch.length();
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t < length; t++) {
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    copyFrame(batch, p, b, t, k, TrackStates.state(batch, b, t, k));
                }
            }
        }
        return p;
    }

    /** Empty predictions shaped for {@code batch}. */
    static Predictions allocate(WindowBatch batch, int classes) {
        int cells = batch.size() * batch.length() * WindowBatch.TRACKS;
        return new Predictions(batch.size(), batch.length(), classes, new float[cells],
                new float[cells * classes], new float[cells * WindowBatch.REGRESSIONS]);
    }

    /**
     * Writes into position (b, t, k) the certain prediction of {@code state}; regressions are copied
     * from frame t when the state is on, left at 0 otherwise.
     */
    static void copyFrame(WindowBatch batch, Predictions p, int b, int t, int k, int state) {
        int i = TrackStates.index(batch.length(), b, t, k);
        int classes = p.classes();
        p.activeProb()[i] = state == TrackStates.OFF ? 0f : 1f;
        p.assetProbs()[i * classes + (state == TrackStates.OFF ? 0 : Math.min(state, classes - 1))] = 1f;
        if (batch.active()[i] > 0.5f) {
            int r = WindowBatch.REGRESSIONS;
            System.arraycopy(batch.regression(), i * r, p.regression(), i * r, r);
        }
    }

    @Override
    public String name() {
        return "persistence";
    }
}
