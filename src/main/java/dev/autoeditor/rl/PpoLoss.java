package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.PolicyModel;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The PPO loss, a small graph attached to the policy's heads (Schulman et al. 2017; the choices of
 * TRL's PPOTrainer). Over the steps of a minibatch (positions where {@link #MASK} is 1):
 * <pre>
 *   ratio   = exp(log pi(a) - old log pi(a))
 *   policy  = mean max(-A ratio, -A clip(ratio, 1 - eps, 1 + eps))                (clipped surrogate)
 *   value   = 0.5 mean max((V - R)^2, (old V + clip(V - old V, -eps_v, eps_v) - R)^2)   (clipped value loss)
 *   entropy = mean H(pi(. | s))
 *   loss    = policy + value_coef * value - entropy_coef * entropy
 * </pre>
 * A are the whitened advantages, R the returns, both computed in Java ({@link PpoMath}) from the
 * rollout pass. Clipping is written with relu (clip(x, lo, hi) = lo + relu(x - lo) - relu(x - hi),
 * max(a, b) = b + relu(a - b)), ops whose gradients M2.1 has. Per-step ratios and values are read
 * back too, for the clip fractions and the approximate KL ({@link PpoMath}).
 */
public final class PpoLoss {
    public static final String MASK = "ppo_mask";
    public static final String OLD_LOG_PROB = "ppo_old_log_prob";
    public static final String ADVANTAGE = "ppo_advantage";
    public static final String RETURN = "ppo_return";
    public static final String OLD_VALUE = "ppo_old_value";
    /** Scalar placeholder: 1 / the number of steps in the minibatch. */
    public static final String INV_COUNT = "ppo_inv_count";

    public static final String LOSS = "loss";
    public static final String POLICY_LOSS = "loss_policy";
    public static final String VALUE_LOSS = "loss_value";
    public static final String MEAN_ENTROPY = "entropy";
    public static final String RATIO = "ppo_ratio";
    /** The scalars read back every update, the total first. */
    public static final List<String> OUTPUTS = List.of(LOSS, POLICY_LOSS, VALUE_LOSS, MEAN_ENTROPY);

    /**
     * @param clip         eps of the ratio (0.2)
     * @param valueClip    eps_v of the value (0.2)
     * @param valueCoef    weight of the value loss
     * @param entropyCoef  weight of the entropy bonus
     */
    public record Coefficients(double clip, double valueClip, double valueCoef, double entropyCoef) {}

    private PpoLoss() {}

    /** Adds the loss to {@code policy}'s graph and makes {@link #LOSS} the variable minimised. */
    public static void attach(PolicyModel policy, Coefficients c) {
        SameDiff sd = policy.sameDiff();
        SDVariable logPi = ActionLogProbs.attach(policy);
        SDVariable entropy = sd.getVariable(ActionLogProbs.ENTROPY);
        SDVariable value = policy.output(PolicyModel.VALUE);
        SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, -1, -1);
        SDVariable oldLogPi = sd.placeHolder(OLD_LOG_PROB, DataType.FLOAT, -1, -1);
        SDVariable advantage = sd.placeHolder(ADVANTAGE, DataType.FLOAT, -1, -1);
        SDVariable returns = sd.placeHolder(RETURN, DataType.FLOAT, -1, -1);
        SDVariable oldValue = sd.placeHolder(OLD_VALUE, DataType.FLOAT, -1, -1);
        SDVariable invCount = sd.placeHolder(INV_COUNT, DataType.FLOAT);

        // Off the steps, log pi - old log pi is zeroed so that exp never sees a large number.
        SDVariable ratio = sd.math.exp(logPi.sub(oldLogPi).mul(mask));
        sd.updateVariableNameAndReference(ratio, RATIO);
        SDVariable unclipped = advantage.neg().mul(ratio);
        SDVariable clipped = advantage.neg().mul(clip(sd, ratio, 1 - c.clip(), 1 + c.clip()));
        SDVariable policyLoss = sd.sum(max(sd, unclipped, clipped).mul(mask)).mul(invCount);
        sd.updateVariableNameAndReference(policyLoss, POLICY_LOSS);

        SDVariable valueClipped = oldValue.add(clip(sd, value.sub(oldValue), -c.valueClip(), c.valueClip()));
        SDVariable errorUnclipped = value.sub(returns).mul(value.sub(returns));
        SDVariable errorClipped = valueClipped.sub(returns).mul(valueClipped.sub(returns));
        SDVariable valueLoss = sd.sum(max(sd, errorUnclipped, errorClipped).mul(mask)).mul(invCount).mul(0.5);
        sd.updateVariableNameAndReference(valueLoss, VALUE_LOSS);

        SDVariable meanEntropy = sd.sum(entropy.mul(mask)).mul(invCount);
        sd.updateVariableNameAndReference(meanEntropy, MEAN_ENTROPY);

        policyLoss.add(valueLoss.mul(c.valueCoef())).sub(meanEntropy.mul(c.entropyCoef())).rename(LOSS);
        sd.setLossVariables(LOSS);
    }

    /** clip(x, lo, hi) = lo + relu(x - lo) - relu(x - hi). */
    private static SDVariable clip(SameDiff sd, SDVariable x, double lo, double hi) {
        return sd.nn.relu(x.sub(lo), 0).sub(sd.nn.relu(x.sub(hi), 0)).add(lo);
    }

    /** max(a, b) = b + relu(a - b). */
    private static SDVariable max(SameDiff sd, SDVariable a, SDVariable b) {
        return b.add(sd.nn.relu(a.sub(b), 0));
    }

    /**
     * The feed of one minibatch: the rollouts' frames and actions, and per step (row-major,
     * {@code horizon} per row, the continuation being frames [contextFrames, T)) the old log pi,
     * advantage, return and old value.
     */
    public static Map<String, INDArray> feed(PolicyModel policy, WindowBatch rollouts, int contextFrames, double[] oldLogProb,
                                             double[] advantage, double[] returns, double[] oldValue) {
        Map<String, INDArray> feed = ActionLogProbs.feed(rollouts, policy);
        int b = rollouts.size();
        int steps = rollouts.length() - 1;
        int horizon = rollouts.length() - contextFrames;
        float[] mask = new float[b * steps];
        float[] old = new float[b * steps];
        float[] adv = new float[b * steps];
        float[] ret = new float[b * steps];
        float[] val = new float[b * steps];
        for (int row = 0; row < b; row++) {
            for (int s = 0; s < horizon; s++) {
                int at = row * steps + contextFrames - 1 + s;
                int i = row * horizon + s;
                mask[at] = 1f;
                old[at] = (float) oldLogProb[i];
                adv[at] = (float) advantage[i];
                ret[at] = (float) returns[i];
                val[at] = (float) oldValue[i];
            }
        }
        long[] shape = {b, steps};
        feed.put(MASK, Nd4j.create(mask, shape, 'c'));
        feed.put(OLD_LOG_PROB, Nd4j.create(old, shape, 'c'));
        feed.put(ADVANTAGE, Nd4j.create(adv, shape, 'c'));
        feed.put(RETURN, Nd4j.create(ret, shape, 'c'));
        feed.put(OLD_VALUE, Nd4j.create(val, shape, 'c'));
        feed.put(INV_COUNT, Nd4j.scalar(1f / (b * horizon)));
        return feed;
    }
}
