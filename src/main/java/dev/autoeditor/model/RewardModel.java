package dev.autoeditor.model;

import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The RLHF reward model (checkpoint kind {@code reward-model}): the frame transformer's trunk over a
 * context and its continuation, and a scalar score head. Built by {@link TransformerGraph#buildRewardModel}:
 * the trunk's parameters have the frame transformer's names, so a warm start copies a trained trunk;
 * the score head is drawn from the seed. A sequence's score ({@link #SCORE}, [B]) is the weighted sum
 * of per-frame scores ({@link #FRAME_SCORE}, [B, T]) by the fed {@link #SCORE_WEIGHT}: 1/count on the
 * continuation's frames, 0 on the context and padding.
 */
public final class RewardModel implements Network {
    /** Its checkpoint kind. */
    public static final String KIND = "reward-model";
    /** [B, T] per-frame scores. */
    public static final String FRAME_SCORE = "frame_score";
    /** [B, T] placeholder: the weight of each frame's score in its sequence's score. */
    public static final String SCORE_WEIGHT = "score_weight";
    /** [B] each sequence's score. */
    public static final String SCORE = "score";
    /** Prefix of the score head's parameters. */
    public static final String SCORE_HEAD = "head_score";

    private final SameDiff sd;
    private final ModelConfig config;

    RewardModel(SameDiff sd, ModelConfig config) {
        this.sd = sd;
        this.config = config;
    }

    /** A new reward model with weights drawn from {@code seed}. */
    public static RewardModel create(ModelConfig config, long seed) {
        return TransformerGraph.buildRewardModel(config, seed);
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
}
