package dev.autoeditor.model;

import static dev.autoeditor.model.GraphNames.*;

import dev.autoeditor.data.WindowBatch;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the SameDiff graph of the causal frame transformer from a {@link ModelConfig}: the trunk
 * (input embedding, blocks, final norm) and its heads, and nothing else. A loss is attached by an
 * objective ({@link SupervisedLoss} for supervised training), so a model loaded for evaluation or
 * generation carries no loss, and a new objective needs no change here. Attention and layer norm are
 * written out by hand: the built-in attention was slower here, and the built-in layer norm has no
 * epsilon (docs/model.md, "Pitfalls"). The residual stream is kept as [N, D] rows (N = B * T) so every
 * linear layer is one matrix product; attention reshapes to [B, H, T, dh]. Weights are drawn from a
 * java.util.Random seeded with the given seed, in a fixed order, so initialisation does not depend on
 * ND4J's global generator and a variable's name always means the same weight.
 */
public final class TransformerGraph {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;
    /** Layer-norm epsilon, as PyTorch's default. */
    static final double LAYER_NORM_EPSILON = 1e-5;
    /** Initial weight of the persistence skips on the active and asset logits. */
    static final float SKIP_INIT = 4f;
    /** Offset of the regression change gate's logit: sigmoid(-4) = 0.018 at initialisation. */
    static final double CHANGE_GATE_INIT = -4.0;

    private final SameDiff sd = SameDiff.create();
    private final ModelConfig mc;
    private final Random init;
    private SDVariable dims;
    private SDVariable attentionBias;
    private SDVariable inActive;
    private SDVariable inAssetOneHot;
    private SDVariable inRegression;
    private SDVariable inVelocity;
    /** The reward model's extra input: per track, whether the frame shows something else than the frame before. */
    private boolean changeInput;

    private TransformerGraph(ModelConfig mc, long seed) {
        this.mc = mc;
        this.init = new Random(seed);
    }

    /** A freshly initialised trunk and heads, weights drawn from {@code seed}. */
    public static TransformerModel build(ModelConfig mc, long seed) {
        return new TransformerGraph(mc, seed).assemble();
    }

    /**
     * The frame transformer plus a scalar value head on the trunk ({@link PolicyModel#VALUE}): the
     * trunk and frame heads are drawn first, exactly as {@link #build} draws them, then the value head,
     * so a policy and a frame transformer of the same seed share every frame weight.
     */
    public static PolicyModel buildPolicy(ModelConfig mc, long seed) {
        TransformerGraph g = new TransformerGraph(mc, seed);
        SDVariable h = g.trunk();
        g.frameHeads(h);
        SDVariable value = g.sd.reshape(g.linear(h, PolicyModel.VALUE_HEAD, mc.dModel(), 1), g.dims);
        g.sd.updateVariableNameAndReference(value, PolicyModel.VALUE);
        return new PolicyModel(g.sd, mc);
    }

    /**
     * The trunk and a scalar score head: per frame a linear score of the trunk's output
     * ({@link RewardModel#FRAME_SCORE}, [B, T]), and per sequence their sum weighted by the fed
     * {@link RewardModel#SCORE_WEIGHT} ([B, T]; the continuation's frames at 1/count, the rest 0), so
     * a sequence's score is the mean over its continuation of what each frame, seeing everything before
     * it, makes of the edit.
     */
    public static RewardModel buildRewardModel(ModelConfig mc, long seed) {
        TransformerGraph g = new TransformerGraph(mc, seed);
        g.changeInput = true;
        SDVariable h = g.trunk();
        SDVariable frameScore = g.sd.reshape(g.linear(h, RewardModel.SCORE_HEAD, mc.dModel(), 1), g.dims);
        SDVariable weight = g.sd.placeHolder(RewardModel.SCORE_WEIGHT, DataType.FLOAT, -1, -1);
        g.sd.updateVariableNameAndReference(h, HIDDEN);
        g.sd.updateVariableNameAndReference(frameScore, RewardModel.FRAME_SCORE);
        g.sd.sum(RewardModel.SCORE, frameScore.mul(weight), 1);
        return new RewardModel(g.sd, mc);
    }

    private TransformerModel assemble() {
        SDVariable h = trunk();
        frameHeads(h);
        return new TransformerModel(sd, mc);
    }

    /** Input embedding, blocks and final layer norm: [N, D], what every head reads. */
    private SDVariable trunk() {
        dims = sd.placeHolder(DIMS, DataType.INT64, 2);
        attentionBias = sd.placeHolder(ATTENTION_BIAS, DataType.FLOAT, -1, 1, -1, -1);
        SDVariable x = embed();
        for (int layer = 0; layer < mc.layers(); layer++) x = block(x, layer);
        return layerNorm(x, "final_norm");
    }

    /** The active, asset and regression heads on the trunk's output (named {@link GraphNames#HIDDEN} here), and their probabilities. */
    private void frameHeads(SDVariable h) {
        int d = mc.dModel();
        int c = mc.assetClasses();
        SDVariable activeLogit = reshapeRows(linear(h, "head_active", d, K), K).add(activeSkip());
        SDVariable assetLogits = reshapeRows(linear(h, "head_asset", d, K * c), K, c).add(assetSkip());
        // The regression heads predict the change from frame t, scaled per track by a gate: most
        // frames repeat the one before, and an ungated change head's small noise on every static frame
        // costs more absolute error than it wins on the moving ones. The gate starts almost shut.
        SDVariable change = reshapeRows(linear(h, "head_regression", d, K * R), K, R);
        SDVariable gate = sd.nn.sigmoid(reshapeRows(linear(h, "head_change", d, K), K, 1).add(CHANGE_GATE_INIT));
        // Keyframed motion is mostly linear: a second gate decides how much of the last step's motion
        // (frame t minus t-1 on the same clip, 0 after a cut) carries on to t+1.
        SDVariable carry = sd.nn.sigmoid(reshapeRows(linear(h, "head_motion", d, K), K, 1));
        SDVariable regression = change.mul(gate).add(inVelocity.mul(carry)).add(inRegression);
        sd.updateVariableNameAndReference(h, HIDDEN);
        sd.updateVariableNameAndReference(activeLogit, ACTIVE_LOGIT);
        sd.updateVariableNameAndReference(assetLogits, ASSET_LOGITS);
        sd.updateVariableNameAndReference(regression, REGRESSION);
        sd.nn.sigmoid(ACTIVE_PROB, activeLogit);
        sd.nn.softmax(ASSET_PROBS, assetLogits, 3);
    }

    /**
     * Persistence skip for the active logit: a learned per-track weight times +1 (on at frame t) or -1
     * (off). Without it the heads must rebuild "same as now" from the 20-track mixture in the residual
     * stream, which a small model trained briefly does worse than plain persistence. Initialised so
     * that an untrained model already leans towards keeping the track's state (sigmoid(4) = 0.98).
     */
    private SDVariable activeSkip() {
        SDVariable weight = sd.var("skip_active", Nd4j.valueArrayOf(new long[] {K}, SKIP_INIT, DataType.FLOAT));
        return inActive.mul(2.0).sub(1.0).mul(weight);
    }

    /** Persistence skip for the asset logits: a learned weight times the one-hot of frame t's class. */
    private SDVariable assetSkip() {
        int c = mc.assetClasses();
        // Drop the "no clip" column: an inactive track adds nothing to any class.
        float[] drop = new float[(c + 1) * c];
        for (int i = 0; i < c; i++) drop[i * c + i] = 1f;
        SDVariable select = sd.constant(Nd4j.create(drop, new long[] {c + 1, c}, 'c'));
        SDVariable current = reshapeRows(sd.mmul(sd.reshape(inAssetOneHot, -1, c + 1), select), K, c);
        SDVariable weight = sd.var("skip_asset", Nd4j.valueArrayOf(new long[] {1}, SKIP_INIT, DataType.FLOAT));
        return current.mul(weight);
    }

    /**
     * Per track: active, asset (learned embedding or one-hot), regressions; one linear map to D; plus
     * position. The embedding is a product of the fed one-hot with the table: gather's gradient runs
     * as a loop over every index in M2.1 (minutes per step), the product is one matrix multiply.
     */
    private SDVariable embed() {
        int c = mc.assetClasses();
        SDVariable active = inActive = sd.placeHolder(IN_ACTIVE, DataType.FLOAT, -1, -1, K);
        SDVariable assetOneHot = inAssetOneHot = sd.placeHolder(IN_ASSET, DataType.FLOAT, -1, -1, K, c + 1);
        SDVariable regression = inRegression = sd.placeHolder(IN_REGRESSION, DataType.FLOAT, -1, -1, K, R);
        inVelocity = sd.placeHolder(IN_VELOCITY, DataType.FLOAT, -1, -1, K, R);
        SDVariable position = sd.placeHolder(POSITION, DataType.FLOAT, -1, mc.dModel());
        SDVariable assetFeatures;
        if (mc.assetEmbedding() > 0) {
            // c + 1 rows: the classes plus "no clip" for inactive tracks.
            SDVariable table = weight("asset_embedding", new long[] {c + 1, mc.assetEmbedding()}, 1.0);
            assetFeatures = sd.reshape(sd.mmul(sd.reshape(assetOneHot, -1, c + 1), table), -1, K, mc.assetEmbedding());
        } else {
            assetFeatures = sd.reshape(assetOneHot, -1, K, c + 1);
        }
        SDVariable perTrack = sd.concat(2, sd.reshape(active, -1, K, 1), assetFeatures, sd.reshape(regression, -1, K, R));
        int features = mc.frameFeatures(K, R);
        SDVariable rows = sd.reshape(perTrack, -1, features);
        SDVariable embedded = linear(rows, "input", features, mc.dModel()).add(position);
        if (changeInput) {
            // Cuts, made explicit for the reward model: per track 1 where the frame differs from the one
            // before. Its weights start at zero, so a warm-started trunk computes what it computed before.
            SDVariable change = sd.placeHolder(RewardModel.FRAME_CHANGE, DataType.FLOAT, -1, -1, K);
            SDVariable weights = sd.var(RewardModel.CHANGE_WEIGHTS, Nd4j.zeros(DataType.FLOAT, K, mc.dModel()));
            embedded = embedded.add(sd.mmul(sd.reshape(change, -1, K), weights));
        }
        return embedded;
    }

    /** Names of the input embedding's parameters: the asset table and the linear map named "input". */
    private static final Pattern EMBEDDING = Pattern.compile("asset_embedding|input_[wb]");
    /** A block's parameters are named "block{i}_...". */
    private static final Pattern BLOCK = Pattern.compile("block(\\d+)_.+");

    /** Whether parameter {@code name} belongs to the input embedding or to one of the first {@code blocks} blocks. */
    static boolean inLowerLayers(String name, int blocks) {
        if (EMBEDDING.matcher(name).matches()) return true;
        Matcher m = BLOCK.matcher(name);
        return m.matches() && Integer.parseInt(m.group(1)) < blocks;
    }

    /** Whether parameter {@code name} belongs to an output head (a linear map named "head_...", or a persistence skip weight). */
    static boolean isHead(String name) {
        return name.startsWith("head_") || name.startsWith("skip_");
    }

    /** Pre-norm block: x + Drop(Attn(LN(x))), then + Drop(FF(LN(.))). */
    private SDVariable block(SDVariable x, int layer) {
        String p = "block" + layer + "_";
        SDVariable attended = attention(layerNorm(x, p + "norm1"), p);
        x = x.add(dropout(attended, layer, "attention"));
        int d = mc.dModel();
        SDVariable hidden = sd.nn.gelu(linear(layerNorm(x, p + "norm2"), p + "ff1", d, mc.ff()));
        SDVariable ff = linear(hidden, p + "ff2", mc.ff(), d);
        return x.add(dropout(ff, layer, "ff"));
    }

    private SDVariable attention(SDVariable x, String p) {
        int d = mc.dModel();
        int heads = mc.heads();
        int dh = d / heads;
        SDVariable q = splitHeads(linear(x, p + "q", d, d), heads, dh);
        SDVariable k = splitHeads(linear(x, p + "k", d, d), heads, dh);
        SDVariable v = splitHeads(linear(x, p + "v", d, d), heads, dh);
        SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(dh)).add(attentionBias);
        SDVariable weights = sd.nn.softmax(scores, 3);
        SDVariable context = sd.permute(sd.mmul(weights, v), 0, 2, 1, 3); // [B, T, H, dh]
        return linear(sd.reshape(context, -1, d), p + "out", d, d);
    }

    /** [N, D] to [B, H, T, dh]. */
    private SDVariable splitHeads(SDVariable rows, int heads, int dh) {
        return sd.permute(reshapeRows(rows, heads, dh), 0, 2, 1, 3);
    }

    /** [N, prod(tail)] to [B, T, tail...] using the fed batch and window sizes. */
    private SDVariable reshapeRows(SDVariable rows, long... tail) {
        SDVariable shape = sd.concat(0, dims, sd.constant(Nd4j.createFromArray(tail)));
        return sd.reshape(rows, shape);
    }

    /** Inverted dropout by a fed mask, so the random draw is the trainer's, reseeded per step. */
    private SDVariable dropout(SDVariable x, int layer, String site) {
        if (mc.dropout() == 0) return x;
        SDVariable mask = sd.placeHolder(dropoutMask(layer, site), DataType.FLOAT);
        return x.mul(mask);
    }

    /**
     * (x - mean) * rsqrt(variance + eps) * gain + bias over the last axis of [N, D] rows. The per-row
     * factor and the per-column gain are joined first, as the outer product [N, 1] x [1, D] (one matrix
     * product), so the rows are multiplied once by a same-shape array: ND4J's gradient of a broadcast
     * multiply reduces over the broadcast axis slowly, and the two broadcast multiplies written plainly
     * were 28% of a reference step's op time (docs/performance.md, "Layer norm"). Same math; only the
     * rounding order of the two factors differs (about 1e-6 relative).
     */
    private SDVariable layerNorm(SDVariable x, String name) {
        int d = mc.dModel();
        SDVariable gain = sd.var(name + "_gain", Nd4j.ones(DataType.FLOAT, d));
        SDVariable shift = sd.var(name + "_bias", Nd4j.zeros(DataType.FLOAT, d));
        return layerNorm(sd, x, gain, shift, d);
    }

    /** {@link #layerNorm(SDVariable, String)}'s ops on given parameters: gain and shift [D], x [N, D]. */
    static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gain, SDVariable shift, int d) {
        SDVariable centred = x.sub(sd.mean(x, true, 1));
        SDVariable variance = sd.mean(centred.mul(centred), true, 1);
        SDVariable scale = sd.mmul(sd.math.rsqrt(variance.add(LAYER_NORM_EPSILON)), sd.reshape(gain, 1, d));
        return centred.mul(scale).add(shift);
    }

    private SDVariable linear(SDVariable x, String name, int in, int out) {
        SDVariable w = weight(name + "_w", new long[] {in, out}, Math.sqrt(2.0 / (in + out)));
        SDVariable b = sd.var(name + "_b", Nd4j.zeros(DataType.FLOAT, out));
        return sd.mmul(x, w).add(b);
    }

    /** A weight drawn from N(0, std^2) by the seeded generator (Xavier-normal for linear layers). */
    private SDVariable weight(String name, long[] shape, double std) {
        int n = (int) (shape[0] * shape[1]);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (init.nextGaussian() * std);
        INDArray arr = Nd4j.create(values, shape, 'c');
        return sd.var(name, arr);
    }
}
