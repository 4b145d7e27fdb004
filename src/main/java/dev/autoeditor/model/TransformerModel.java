package dev.autoeditor.model;

import static dev.autoeditor.model.GraphNames.*;

import dev.autoeditor.data.WindowBatch;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The frame transformer: a SameDiff graph (trunk and heads, {@link TransformerGraph}) and the
 * {@link ModelConfig} it was built from. As a {@link FramePredictor}, entry t of its predictions is
 * frame t+1 predicted from frames 0..t. Training attaches a loss to it ({@link SupervisedLoss}).
 */
public final class TransformerModel implements FramePredictor, FrameModel {
    /** Its checkpoint kind. */
    public static final String KIND = "frame-transformer";
    private final SameDiff sd;
    private final ModelConfig config;

    TransformerModel(SameDiff sd, ModelConfig config) {
        this.sd = sd;
        this.config = config;
    }

    /** A new model with weights drawn from {@code seed}. */
    public static TransformerModel create(ModelConfig config, long seed) {
        return TransformerGraph.build(config, seed);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public SameDiff sameDiff() {
        return sd;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public TransformerModel frameTransformer() {
        return this;
    }

    /**
     * The input embedding (the asset-class table and the linear map of a frame's features) and blocks
     * 0 .. {@code blocks}-1; none for 0 blocks. The final norm and the heads are never among them.
     */
    @Override
    public Set<String> lowerLayers(int blocks) {
        if (blocks < 0 || blocks > config.layers()) {
            throw new IllegalArgumentException("cannot freeze " + blocks + " blocks of a model with " + config.layers()
                    + " (model.layers); choose 0 to " + config.layers());
        }
        Set<String> names = new LinkedHashSet<>();
        if (blocks == 0) return names;
        for (String p : parameters().keySet()) if (TransformerGraph.inLowerLayers(p, blocks)) names.add(p);
        return names;
    }

    /**
     * The heads' linear maps (active, asset, regression, change and motion gates, {@code head_*}) and
     * the persistence skip weights ({@code skip_*}); the final norm belongs to the trunk.
     */
    @Override
    public Set<String> heads() {
        Set<String> names = new LinkedHashSet<>();
        for (String p : parameters().keySet()) if (TransformerGraph.isHead(p)) names.add(p);
        return names;
    }

    /**
     * Predicts every frame's successor, without dropout. ND4J frees the off-heap arrays of each call
     * only when the Java GC runs: callers looping over many batches should call System.gc() every
     * few batches (the trainer does after each step).
     */
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
}
