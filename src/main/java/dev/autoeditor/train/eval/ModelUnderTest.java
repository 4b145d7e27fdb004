package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.model.TransformerModel;

/**
 * A trained frame transformer as a predictor in an evaluation: after each batch it asks the Java GC to
 * run, which is what frees ND4J's off-heap arrays of that forward pass (they would otherwise pile up
 * over a long evaluation, docs/dl4j-notes.md).
 */
public final class ModelUnderTest implements FramePredictor {
    private final TransformerModel model;

    private ModelUnderTest(TransformerModel model) {
        this.model = model;
    }

    public static ModelUnderTest of(TransformerModel model) {
        return new ModelUnderTest(model);
    }

    @Override
    public Predictions predict(WindowBatch batch) {
        Predictions p = model.predict(batch);
        System.gc();
        return p;
    }

    @Override
    public String name() {
        return "model";
    }
}
