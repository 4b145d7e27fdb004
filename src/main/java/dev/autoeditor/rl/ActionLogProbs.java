package dev.autoeditor.rl;

import static dev.autoeditor.model.GraphNames.ACTIVE_LOGIT;
import static dev.autoeditor.model.GraphNames.ASSET_LOGITS;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.Network;
import dev.autoeditor.model.PolicyModel;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The log-probability of sampled frames under a frame model, computed in one causal pass over
 * complete rollouts: entry t of the model's heads predicts frame t+1, so feeding frames 0..T-2 and
 * the actions of frames 1..T-1 gives, at every position at once, log pi(a) = sum over tracks of
 * log p(active) + active * log p(asset), and the entropy of that position's action distribution,
 * sum over tracks of H(active) + p(active) H(asset). The same ops serve the rollout pass (old
 * log-probabilities, the reference's), and the PPO loss ({@link PpoLoss}), so the ratio of the first
 * update is computed by the very arithmetic that computed its denominator.
 */
public final class ActionLogProbs {
    private static final int K = WindowBatch.TRACKS;
    /** [B, T', K] placeholder: the sampled active of frame t+1 at position t. */
    public static final String ACTION_ACTIVE = "ppo_action_active";
    /** [B, T', K, C] placeholder: one-hot of the sampled asset class of frame t+1 where active, zeros elsewhere. */
    public static final String ACTION_ASSET = "ppo_action_asset";
    /** [B, T'] output: log pi of each position's sampled action. */
    public static final String LOG_PROB = "ppo_log_prob";
    /** [B, T'] output: the entropy of each position's action distribution. */
    public static final String ENTROPY = "ppo_entropy";

    private ActionLogProbs() {}

    /** Adds the action placeholders and the two outputs to {@code network}'s graph (once); returns log pi. */
    public static SDVariable attach(Network network) {
        SameDiff sd = network.sameDiff();
        if (sd.hasVariable(LOG_PROB)) return sd.getVariable(LOG_PROB);
        int c = network.config().assetClasses();
        SDVariable z = network.output(ACTIVE_LOGIT);
        SDVariable assetLogits = network.output(ASSET_LOGITS);
        SDVariable active = sd.placeHolder(ACTION_ACTIVE, DataType.FLOAT, -1, -1, K);
        SDVariable asset = sd.placeHolder(ACTION_ASSET, DataType.FLOAT, -1, -1, K, c);
        // log sigmoid(z) = -softplus(-z), log sigmoid(-z) = -softplus(z); softplus(x) = max(x, 0) + log(1 + exp(-|x|)).
        SDVariable tail = sd.math.log1p(sd.math.exp(sd.math.abs(z).neg()));
        SDVariable logOn = sd.nn.relu(z.neg(), 0).add(tail).neg();
        SDVariable logOff = sd.nn.relu(z, 0).add(tail).neg();
        SDVariable logActive = active.mul(logOn).add(active.rsub(1.0).mul(logOff));
        // log-softmax written out, as the supervised loss does (the built-in op does not clone for gradients in M2.1).
        SDVariable shifted = assetLogits.sub(sd.max(assetLogits, true, 3));
        SDVariable logQ = shifted.sub(sd.math.log(sd.sum(sd.math.exp(shifted), true, 3)));
        SDVariable logAsset = sd.sum(logQ.mul(asset), false, 3);
        SDVariable logPi = sd.sum(LOG_PROB, logActive.add(logAsset), 2);
        SDVariable p = sd.math.exp(logOn);
        SDVariable activeEntropy = p.mul(logOn).add(p.rsub(1.0).mul(logOff)).neg();
        SDVariable assetEntropy = sd.sum(sd.math.exp(logQ).mul(logQ), false, 3).neg();
        sd.sum(ENTROPY, activeEntropy.add(p.mul(assetEntropy)), 2);
        return logPi;
    }

    /**
     * The graph inputs of complete rollouts (B rows of T frames): the network's inputs for frames
     * 0..T-2, dropout off, and the actions of frames 1..T-1.
     */
    public static Map<String, INDArray> feed(WindowBatch rollouts, Network network) {
        Map<String, INDArray> feed = new HashMap<>(FrameInputs.trainingInputs(rollouts, network.config(), null));
        int b = rollouts.size();
        int t = rollouts.length();
        int steps = t - 1;
        int c = network.config().assetClasses();
        float[] active = new float[b * steps * K];
        float[] asset = new float[b * steps * K * c];
        for (int row = 0; row < b; row++) {
            for (int f = 0; f < steps; f++) {
                int src = (row * t + f + 1) * K;
                int dst = (row * steps + f) * K;
                for (int k = 0; k < K; k++) {
                    if (rollouts.active()[src + k] < 0.5f) continue;
                    active[dst + k] = 1f;
                    asset[(dst + k) * c + Math.max(0, Math.min(rollouts.assetClass()[src + k], c - 1))] = 1f;
                }
            }
        }
        feed.put(ACTION_ACTIVE, Nd4j.create(active, new long[] {b, steps, K}, 'c'));
        feed.put(ACTION_ASSET, Nd4j.create(asset, new long[] {b, steps, K, c}, 'c'));
        return feed;
    }

    /**
     * Per row and sampled frame: log pi, the entropy, and (for a policy) the value before the action,
     * from one pass over complete rollouts whose continuation is frames [contextFrames, T).
     *
     * @return [B * horizon] arrays, row-major
     */
    public static Steps evaluate(Network network, WindowBatch rollouts, int contextFrames, int batchSize) {
        attach(network);
        int b = rollouts.size();
        int horizon = rollouts.length() - contextFrames;
        double[] logProb = new double[b * horizon];
        double[] entropy = new double[b * horizon];
        double[] value = network instanceof PolicyModel ? new double[b * horizon] : null;
        for (int first = 0; first < b; first += batchSize) {
            int n = Math.min(batchSize, b - first);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) rows[i] = first + i;
            WindowBatch part = Frames.rows(rollouts, rows);
            String[] outputs = value == null ? new String[] {LOG_PROB, ENTROPY} : new String[] {LOG_PROB, ENTROPY, PolicyModel.VALUE};
            Map<String, INDArray> out = network.sameDiff().output(feed(part, network), outputs);
            float[] lp = out.get(LOG_PROB).data().asFloat();
            float[] en = out.get(ENTROPY).data().asFloat();
            float[] v = value == null ? null : out.get(PolicyModel.VALUE).data().asFloat();
            int steps = rollouts.length() - 1;
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < horizon; s++) {
                    int at = i * steps + contextFrames - 1 + s; // position t predicts frame t+1 = contextFrames + s
                    logProb[(first + i) * horizon + s] = lp[at];
                    entropy[(first + i) * horizon + s] = en[at];
                    if (v != null) value[(first + i) * horizon + s] = v[at];
                }
            }
            System.gc();
        }
        return new Steps(horizon, logProb, entropy, value);
    }

    /**
     * Per row and sampled frame (row-major, {@code horizon} per row).
     *
     * @param value null for a model without a value head
     */
    public record Steps(int horizon, double[] logProb, double[] entropy, double[] value) {}
}
