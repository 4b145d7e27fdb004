package dev.autoeditor.model;

import dev.autoeditor.data.WindowBatch;

/** Anything that predicts the next frame of every window in a batch: the model, or a baseline. */
public interface FramePredictor {
    /** Predictions for every frame t of every window (of frame t+1 from frames 0..t). */
    Predictions predict(WindowBatch batch);

    /** A short name for reports ("model", "persistence", "random-cutter"). */
    String name();
}
