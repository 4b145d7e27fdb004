package dev.autoeditor.model;

import dev.autoeditor.data.WindowBatch;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The RLHF reward model (checkpoint kind {@code reward-model}): the frame transformer's trunk over a
 * context and its continuation, and a scalar score head. Built by {@link TransformerGraph#buildRewardModel}:
 * the trunk's parameters have the frame transformer's names, so a warm start copies a trained trunk;
 * the score head is drawn from the seed. One input more than the frame transformer: per track,
 * whether the frame differs from the one before ({@link #FRAME_CHANGE}), so cuts, flashes and shot
 * lengths, which an editor's preferences are largely about, need not be rediscovered from the frames
 * by attention; its weights start at zero. A sequence's score ({@link #SCORE}, [B]) is the weighted sum
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
    /** [B, T, K] placeholder: 1 where track k shows something else at frame t than at t-1 (on/off or another asset). */
    public static final String FRAME_CHANGE = "frame_change";
    /** [K, D] the change input's weights (zero at first, so a warm-started trunk is unchanged). */
    public static final String CHANGE_WEIGHTS = "change_w";

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

    /**
     * The {@link #FRAME_CHANGE} input of a batch: 1 where a track of a real frame differs from the same
     * track of the real frame before (switched on or off, or another asset class); 0 on first frames,
     * after padding and in padding.
     */
    public static INDArray changes(WindowBatch batch) {
        int k = WindowBatch.TRACKS;
        int t = batch.length();
        float[] out = new float[batch.size() * t * k];
        for (int row = 0; row < batch.size(); row++) {
            for (int f = 1; f < t; f++) {
                int now = row * t + f;
                if (batch.valid()[now] < 0.5f || batch.valid()[now - 1] < 0.5f) continue;
                for (int i = 0; i < k; i++) {
                    boolean on = batch.active()[now * k + i] > 0.5f;
                    boolean before = batch.active()[(now - 1) * k + i] > 0.5f;
                    boolean changed = on != before || (on && batch.assetClass()[now * k + i] != batch.assetClass()[(now - 1) * k + i]);
                    if (changed) out[now * k + i] = 1f;
                }
            }
        }
        return Nd4j.create(out, new long[] {batch.size(), t, k}, 'c');
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
