package dev.autoeditor.model;

import static dev.autoeditor.model.GraphNames.*;

import dev.autoeditor.data.WindowBatch;
import java.util.List;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The supervised next-frame loss, attached to a network's heads:
 * w_a * BCE(active) + w_s * CE(asset | target active) + w_r * (MSE or Huber)(regressions | target active).
 * Each term's weight array (fed with the batch, {@link FrameInputs#targets}) already holds the padding
 * mask and the 1/count of the mean. The targets are float inputs, so soft targets (a teacher's
 * probabilities) work unchanged: BCE and CE both accept them.
 */
public final class SupervisedLoss {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;
    /** The scalars it adds, the weighted total first. */
    public static final List<String> OUTPUTS = List.of(LOSS, LOSS_ACTIVE, LOSS_ASSET, LOSS_REGRESSION);

    private SupervisedLoss() {}

    /** Adds the loss inputs and ops to {@code network}'s graph and makes {@link GraphNames#LOSS} the variable minimised. */
    public static void attach(Network network) {
        network.sameDiff().setLossVariables(build(network, LOSS).name());
    }

    /**
     * Adds the loss inputs and ops to {@code network}'s graph and returns the weighted total, named
     * {@code totalName}, without making it the variable minimised: an objective that mixes it with
     * other terms (distillation's ground-truth part) names it and builds its own total.
     */
    public static SDVariable build(Network network, String totalName) {
        SameDiff sd = network.sameDiff();
        int c = network.config().assetClasses();
        SDVariable activeLogit = network.output(ACTIVE_LOGIT);
        SDVariable assetLogits = network.output(ASSET_LOGITS);
        SDVariable regression = network.output(REGRESSION);
        SDVariable targetActive = sd.placeHolder(TARGET_ACTIVE, DataType.FLOAT, -1, -1, K);
        SDVariable targetAsset = sd.placeHolder(TARGET_ASSET, DataType.FLOAT, -1, -1, K, c);
        SDVariable targetRegression = sd.placeHolder(TARGET_REGRESSION, DataType.FLOAT, -1, -1, K, R);
        SDVariable weightActive = sd.placeHolder(WEIGHT_ACTIVE, DataType.FLOAT, -1, -1, K);
        SDVariable weightAsset = sd.placeHolder(WEIGHT_ASSET, DataType.FLOAT, -1, -1, K);
        SDVariable weightRegression = sd.placeHolder(WEIGHT_REGRESSION, DataType.FLOAT, -1, -1, K, 1);
        SDVariable lwActive = sd.placeHolder(LOSS_WEIGHT_ACTIVE, DataType.FLOAT);
        SDVariable lwAsset = sd.placeHolder(LOSS_WEIGHT_ASSET, DataType.FLOAT);
        SDVariable lwRegression = sd.placeHolder(LOSS_WEIGHT_REGRESSION, DataType.FLOAT);
        SDVariable delta = sd.placeHolder(HUBER_DELTA, DataType.FLOAT);
        SDVariable useMse = sd.placeHolder(USE_MSE, DataType.FLOAT);

        // Numerically stable BCE with logits: max(z, 0) - z * y + log(1 + exp(-|z|)).
        SDVariable bce = sd.nn.relu(activeLogit, 0).sub(activeLogit.mul(targetActive))
                .add(sd.math.log1p(sd.math.exp(sd.math.abs(activeLogit).neg())));
        SDVariable lossActive = sd.sum(LOSS_ACTIVE, bce.mul(weightActive));

        SDVariable lossAsset = assetCrossEntropy(sd, assetLogits, targetAsset, weightAsset, c, LOSS_ASSET);

        // Huber as 0.5 q^2 + delta * (|e| - q) with q = min(|e|, delta); MSE as e^2.
        SDVariable error = regression.sub(targetRegression);
        SDVariable abs = sd.math.abs(error);
        SDVariable beyond = sd.nn.relu(abs.sub(delta), 0);
        SDVariable q = abs.sub(beyond);
        SDVariable huber = q.mul(q).mul(0.5).add(beyond.mul(delta));
        SDVariable perValue = useMse.mul(error.mul(error)).add(useMse.rsub(1.0).mul(huber));
        SDVariable lossRegression = sd.sum(LOSS_REGRESSION, perValue.mul(weightRegression));

        return lossActive.mul(lwActive).add(lossAsset.mul(lwAsset)).add(lossRegression.mul(lwRegression)).rename(totalName);
    }

    /**
     * sum over (b, t, k) of weight * -sum_c target_c * log softmax(logits)_c, named {@code name}, by ND4J's
     * fused softmax cross-entropy on [B * T * K, C] rows (rank-1 weights; [N, 1] weights break its
     * backward pass in M2.1). Written out as a max-shifted log-softmax, the gradient of the max alone
     * (reduce_max_bp) took 8% of a reference step's op time for a term that cancels (docs/performance.md,
     * "Softmax cross-entropy"). The op is stable for any logit spread, and takes soft targets: its gradient
     * is softmax * sum(target) - target. (ND4J's log_softmax op is not a replacement: it computes
     * log(softmax), which is -infinity once a class's probability underflows, and 0 * -infinity is NaN.)
     */
    static SDVariable assetCrossEntropy(SameDiff sd, SDVariable logits, SDVariable targets, SDVariable weights, int classes, String name) {
        return sd.loss.softmaxCrossEntropy(name, sd.reshape(targets, -1, classes), sd.reshape(logits, -1, classes),
                sd.reshape(weights, -1), LossReduce.SUM, 0.0);
    }
}
