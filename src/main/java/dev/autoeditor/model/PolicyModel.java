package dev.autoeditor.model;

import dev.autoeditor.data.WindowBatch;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The RLHF policy (checkpoint kind {@code policy}): the frame transformer with one more head, a scalar
 * value estimate on the trunk's output ({@link #VALUE}, [B, T]: at frame t, the expected return of the
 * rest of the continuation given frames 0..t). Built by {@link TransformerGraph#buildPolicy}, so its
 * frame weights have the frame transformer's names and a warm start from a trained model copies them
 * all; only the value head is drawn from the seed. As a {@link FramePredictor} it predicts exactly as
 * that frame transformer would: generation and evaluation load it as one and never compute the value.
 */
public final class PolicyModel implements FrameModel, FramePredictor {
    /** Its checkpoint kind. */
    public static final String KIND = "policy";
    /** [B, T] the value estimate at each frame. */
    public static final String VALUE = "value";
    /** Prefix of the value head's parameters ({@code head_value_w}, {@code head_value_b}). */
    public static final String VALUE_HEAD = "head_value";

    private final SameDiff sd;
    private final ModelConfig config;
    private final TransformerModel frames;

    PolicyModel(SameDiff sd, ModelConfig config) {
        this.sd = sd;
        this.config = config;
        this.frames = new TransformerModel(sd, config);
    }

    /** A new policy with weights drawn from {@code seed}. */
    public static PolicyModel create(ModelConfig config, long seed) {
        return TransformerGraph.buildPolicy(config, seed);
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
        return frames;
    }

    @Override
    public Predictions predict(WindowBatch batch) {
        return frames.predict(batch);
    }

    @Override
    public String name() {
        return "model";
    }
}
