package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.GraphNames;
import dev.autoeditor.model.PolicyModel;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The PPO loss graph on a real (tiny) policy and real rollouts, against values worked out by hand:
 * the log-probabilities it computes, the ratio of an unchanged policy, the clipped surrogate inside
 * and outside the clip range for both signs of the advantage, the clipped value loss and the entropy.
 */
class PpoLossTest {
    static PolicyModel policy;
    static WindowBatch rollouts;
    static double[] logProb;
    static double[] value;
    static double[] entropy;
    static int n;

    @BeforeAll
    static void rollOut() {
        policy = PolicyModel.create(Tiny.MODEL, 11);
        Continuations c = Tiny.rollouts(policy.frameTransformer(), Tiny.pool(6, 3), 6);
        rollouts = c.frames();
        PpoLoss.attach(policy, new PpoLoss.Coefficients(0.2, 0.2, 0.0, 0.0));
        ActionLogProbs.Steps s = ActionLogProbs.evaluate(policy, rollouts, Tiny.CONTEXT, 4);
        logProb = s.logProb();
        value = s.value();
        entropy = s.entropy();
        n = logProb.length;
        // The sampler's own log-probabilities (from float probabilities) agree with the one-pass recomputation.
        for (int i = 0; i < n; i++) assertEquals(c.logProbs()[i], logProb[i], 1e-4, "step " + i);
    }

    /** One pass of the loss with the given per-step inputs; returns the named scalars. */
    private static Map<String, INDArray> pass(double[] old, double[] adv, double[] ret, double[] oldValue) {
        Map<String, INDArray> feed = PpoLoss.feed(policy, rollouts, Tiny.CONTEXT, old, adv, ret, oldValue);
        return policy.sameDiff().output(feed, PpoLoss.LOSS, PpoLoss.POLICY_LOSS, PpoLoss.VALUE_LOSS, PpoLoss.MEAN_ENTROPY, PpoLoss.RATIO);
    }

    private static double[] shifted(double by) {
        double[] out = logProb.clone();
        for (int i = 0; i < n; i++) out[i] -= by;
        return out;
    }

    private static double[] filled(double v) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    @Test
    void logProbabilitiesAreTheSumOverTracksOfActiveAndAssetTerms() {
        // Recompute position Lc-1 of row 0 from the heads' logits by hand, in doubles.
        Map<String, INDArray> feed = ActionLogProbs.feed(rollouts, policy);
        Map<String, INDArray> out = policy.sameDiff().output(feed, GraphNames.ACTIVE_LOGIT, GraphNames.ASSET_LOGITS);
        float[] z = out.get(GraphNames.ACTIVE_LOGIT).data().asFloat();
        float[] logits = out.get(GraphNames.ASSET_LOGITS).data().asFloat();
        int k = WindowBatch.TRACKS;
        int c = Tiny.MODEL.assetClasses();
        int positions = rollouts.length() - 1;
        for (int row = 0; row < 2; row++) {
            for (int s = 0; s < Tiny.HORIZON; s++) {
                int at = row * positions + Tiny.CONTEXT - 1 + s;
                int frame = row * rollouts.length() + Tiny.CONTEXT + s;
                double expected = 0;
                for (int t = 0; t < k; t++) {
                    double zz = z[at * k + t];
                    boolean on = rollouts.active()[frame * k + t] > 0.5f;
                    expected += on ? -Math.log1p(Math.exp(-zz)) : -Math.log1p(Math.exp(zz));
                    if (on) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < c; j++) max = Math.max(max, logits[(at * k + t) * c + j]);
                        double sum = 0;
                        for (int j = 0; j < c; j++) sum += Math.exp(logits[(at * k + t) * c + j] - max);
                        expected += logits[(at * k + t) * c + rollouts.assetClass()[frame * k + t]] - max - Math.log(sum);
                    }
                }
                assertEquals(expected, logProb[row * Tiny.HORIZON + s], 1e-4, "row " + row + " step " + s);
            }
        }
    }

    @Test
    void anUnchangedPolicyHasRatioOne() {
        Map<String, INDArray> out = pass(logProb, filled(1), value, value);
        float[] ratio = out.get(PpoLoss.RATIO).data().asFloat();
        for (float r : ratio) assertEquals(1.0, r, 1e-5);
        // Every ratio 1, every advantage 1: the surrogate is -1; returns = values: no value loss.
        assertEquals(-1.0, out.get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
        assertEquals(0.0, out.get(PpoLoss.VALUE_LOSS).getDouble(0), 1e-9);
    }

    @Test
    void clippedSurrogateInsideTheClipRange() {
        // ratio 1.1 (old log pi = log pi - ln 1.1): inside [0.8, 1.2], both terms are -A r.
        assertEquals(-1.1, pass(shifted(Math.log(1.1)), filled(1), value, value).get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
        assertEquals(1.1, pass(shifted(Math.log(1.1)), filled(-1), value, value).get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
        assertEquals(-0.9 * 2, pass(shifted(Math.log(0.9)), filled(2), value, value).get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
    }

    @Test
    void clippedSurrogateOutsideTheClipRange() {
        // ratio 1.5, A = 1: max(-1.5, -1.2) = -1.2; A = -1: max(1.5, 1.2) = 1.5.
        assertEquals(-1.2, pass(shifted(Math.log(1.5)), filled(1), value, value).get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
        assertEquals(1.5, pass(shifted(Math.log(1.5)), filled(-1), value, value).get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
        // ratio 0.5, A = 1: max(-0.5, -0.8) = -0.5; A = -1: max(0.5, 0.8) = 0.8.
        assertEquals(-0.5, pass(shifted(Math.log(0.5)), filled(1), value, value).get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
        assertEquals(0.8, pass(shifted(Math.log(0.5)), filled(-1), value, value).get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
        // Half the steps A = 1, half A = -1, ratio 1.5: the mean of -1.2 and 1.5.
        double[] mixed = new double[n];
        for (int i = 0; i < n; i++) mixed[i] = i % 2 == 0 ? 1 : -1;
        double expected = 0;
        for (int i = 0; i < n; i++) expected += PpoMath.clippedLoss(1.5, mixed[i], 0.2);
        assertEquals(expected / n, pass(shifted(Math.log(1.5)), mixed, value, value).get(PpoLoss.POLICY_LOSS).getDouble(0), 1e-5);
    }

    @Test
    void clippedValueLoss() {
        double[] plusOne = value.clone();
        double[] minusHalf = value.clone();
        for (int i = 0; i < n; i++) {
            plusOne[i] += 1;
            minusHalf[i] -= 0.5;
        }
        // Returns 1 above the value, old value = value: no clipping, 0.5 * 1^2.
        assertEquals(0.5, pass(logProb, filled(0), plusOne, value).get(PpoLoss.VALUE_LOSS).getDouble(0), 1e-5);
        // Old value 0.5 below: V - old = 0.5 clips to 0.2, the clipped value is 1.3 short of the return:
        // max(1, 1.69) / 2 = 0.845.
        assertEquals(0.845, pass(logProb, filled(0), plusOne, minusHalf).get(PpoLoss.VALUE_LOSS).getDouble(0), 1e-5);
    }

    @Test
    void entropyIsTheMeanOverStepsOfTheActionDistributionsEntropy() {
        double mean = Arrays.stream(entropy).average().orElseThrow();
        assertEquals(mean, pass(logProb, filled(0), value, value).get(PpoLoss.MEAN_ENTROPY).getDouble(0), 1e-5);
        for (double e : entropy) assertTrue(e >= 0, "entropy " + e);
    }
}
