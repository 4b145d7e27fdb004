package dev.autoeditor.model;

import static dev.autoeditor.model.GraphNames.*;

import dev.autoeditor.data.WindowBatch;
import java.io.File;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The frame transformer: a SameDiff graph and the {@link ModelConfig} it was built from. As a
 * {@link FramePredictor}, entry t of its predictions is frame t+1 predicted from frames 0..t.
 */
public final class TransformerModel implements FramePredictor {
    private final SameDiff sd;
    private final ModelConfig config;

    public TransformerModel(SameDiff sd, ModelConfig config) {
        this.sd = sd;
        this.config = config;
    }

    /** A new model with weights drawn from {@code seed}. */
    public static TransformerModel create(ModelConfig config, long seed) {
        return new TransformerModel(TransformerGraph.build(config, seed), config);
    }

    public SameDiff sameDiff() {
        return sd;
    }

    public ModelConfig config() {
        return config;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) n += v.getArr().length();
        }
        return n;
    }

    @Override
    public Predictions predict(WindowBatch batch) {
        Map<String, INDArray> out = sd.output(FrameInputs.forPrediction(batch, config), ACTIVE_PROB, ASSET_PROBS, REGRESSION);
        return new Predictions(batch.size(), batch.length(), config.assetClasses(),
                out.get(ACTIVE_PROB).data().asFloat(), out.get(ASSET_PROBS).data().asFloat(), out.get(REGRESSION).data().asFloat());
    }

    @Override
    public String name() {
        return "model";
    }

    /** Saves the graph and weights (and the optimizer state when {@code withUpdater}) to one file. */
    public void save(File file, boolean withUpdater) {
        sd.save(file, withUpdater);
    }
}
