package dev.autoeditor.model;

/**
 * Names of the inputs (SameDiff placeholders) and outputs of the frame transformer graph. N = B * T rows (window b,
 * frame t), K tracks, C asset classes, R regression fields, D the model width.
 */
public final class GraphNames {
    /** [2] int64: B and T, for the reshapes between [N, ...] and [B, T, ...]. */
    public static final String DIMS = "dims";
    /** [B, T, K] 1 or 0. */
    public static final String IN_ACTIVE = "in_active";
    /** [B, T, K, C + 1] one-hot asset class; index C where the track is inactive. */
    public static final String IN_ASSET = "in_asset";
    /** [B, T, K, R] normalised regressions (0 where inactive). */
    public static final String IN_REGRESSION = "in_regression";
    /** Per track and field: frame t minus frame t-1 where both show the same clip, else 0. */
    public static final String IN_VELOCITY = "in_velocity";
    /** [N, D] positional encoding of each row's frame. */
    public static final String POSITION = "position";
    /** [B, 1, T, T] additive attention bias: 0 where query t may see key s (s <= t, s valid), -1e9 elsewhere. */
    public static final String ATTENTION_BIAS = "attention_bias";

    /** [B, T, K] target active of frame t+1. */
    public static final String TARGET_ACTIVE = "target_active";
    /** [B, T, K, C] one-hot target asset class of frame t+1 (zeros where inactive). */
    public static final String TARGET_ASSET = "target_asset";
    /** [B, T, K, R] target regressions of frame t+1. */
    public static final String TARGET_REGRESSION = "target_regression";
    /** [B, T, K] weight of each active term: valid pair / number of valid (pair, track) terms. */
    public static final String WEIGHT_ACTIVE = "weight_active";
    /** [B, T, K] weight of each asset term: valid pair and target active / their number. */
    public static final String WEIGHT_ASSET = "weight_asset";
    /** [B, T, K, 1] weight of each regression term: as the asset weight, divided by R. */
    public static final String WEIGHT_REGRESSION = "weight_regression";
    /** Scalars: loss weights, the Huber transition point, and 1 for MSE or 0 for Huber. */
    public static final String LOSS_WEIGHT_ACTIVE = "loss_weight_active";
    public static final String LOSS_WEIGHT_ASSET = "loss_weight_asset";
    public static final String LOSS_WEIGHT_REGRESSION = "loss_weight_regression";
    public static final String HUBER_DELTA = "huber_delta";
    public static final String USE_MSE = "use_mse";

    /** [N, D] the trunk's output (after the final layer norm), which every head reads: where a new head attaches. */
    public static final String HIDDEN = "hidden";
    /** [B, T, K] logits and probabilities that track k is active at t+1. */
    public static final String ACTIVE_LOGIT = "active_logit";
    public static final String ACTIVE_PROB = "active_prob";
    /** [B, T, K, C] asset logits and probabilities. */
    public static final String ASSET_LOGITS = "asset_logits";
    public static final String ASSET_PROBS = "asset_probs";
    /** [B, T, K, R] predicted normalised regressions. */
    public static final String REGRESSION = "regression";

    /** Scalars written by {@link SupervisedLoss}: the unweighted parts and the weighted total. */
    public static final String LOSS_ACTIVE = "loss_active";
    public static final String LOSS_ASSET = "loss_asset";
    public static final String LOSS_REGRESSION = "loss_regression";
    public static final String LOSS = "loss";

    private GraphNames() {}

    /** [N, D] dropout mask (0 or 1/(1-p)) after attention or feed-forward of a block; a scalar 1 turns it off. */
    public static String dropoutMask(int layer, String site) {
        return "dropout_" + layer + "_" + site;
    }
}
