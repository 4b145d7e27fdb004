package dev.autoeditor.model;

import static dev.autoeditor.model.GraphNames.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.autoeditor.data.WindowBatch;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The graph's forward pass, masks and loss, checked against values computed here by hand. */
class TransformerModelTest {
    private static final ModelConfig TINY = new ModelConfig(16, 2, 2, 32, 0.1, 4, 4);
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;

    @Test
    void predictionsHaveTheContractShapesAndAreDistributions() {
        TransformerModel model = TransformerModel.create(TINY, 7);
        WindowBatch batch = new SyntheticWindows(3, 12, 4, 1).batch(3);
        Predictions p = model.predict(batch);
        assertEquals(3 * 12 * K, p.activeProb().length);
        assertEquals(3 * 12 * K * 4, p.assetProbs().length);
        assertEquals(3 * 12 * K * R, p.regression().length);
        for (float v : p.activeProb()) assertTrue(v > 0 && v < 1);
        for (int i = 0; i < 3 * 12 * K; i++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) sum += p.assetProbs()[i * 4 + c];
            assertEquals(1.0, sum, 1e-5);
        }
        assertTrue(model.parameterCount() > 1000);
    }

    @Test
    void sameSeedSameWeightsAndPredictions() {
        WindowBatch batch = new SyntheticWindows(2, 10, 4, 1).batch(2);
        Predictions a = TransformerModel.create(TINY, 3).predict(batch);
        Predictions b = TransformerModel.create(TINY, 3).predict(batch);
        Predictions c = TransformerModel.create(TINY, 4).predict(batch);
        assertArrayEquals(a.activeProb(), b.activeProb());
        assertFalse(java.util.Arrays.equals(a.activeProb(), c.activeProb()));
    }

    @Test
    void futureAndPaddedFramesDoNotChangeEarlierPredictions() {
        TransformerModel model = TransformerModel.create(TINY, 5);
        int t = 12;
        WindowBatch batch = new SyntheticWindows(3, t, 4, 2).batch(3); // window 2 ends in padding
        Predictions before = model.predict(batch);
        int firstPad = 0;
        while (batch.valid()[2 * t + firstPad] > 0) firstPad++;
        assertTrue(firstPad < t, "window 2 should have padding");
        // Change frame 6 of window 0, and every padded frame of window 2.
        scramble(batch, 0, 6, t);
        for (int f = firstPad; f < t; f++) scramble(batch, 2, f, t);
        Predictions after = model.predict(batch);
        for (int f = 0; f < 6; f++) assertFrameEqual(before, after, 0, f, t);
        for (int f = 0; f < firstPad; f++) assertFrameEqual(before, after, 2, f, t);
        assertNotEquals(before.activeProb()[(0 * t + 6) * K], after.activeProb()[(0 * t + 6) * K]);
    }

    @Test
    void aBuiltModelHasNoLossUntilAnObjectiveAttachesOne() {
        TransformerModel model = TransformerModel.create(TINY, 9);
        assertTrue(model.sameDiff().getLossVariables().isEmpty(), "trunk and heads only");
        assertNull(model.sameDiff().getVariable(LOSS));
        assertNotNull(model.output(HIDDEN), "the trunk's output is where new heads attach");
        assertThrows(IllegalArgumentException.class, () -> model.output("value"));
        WindowBatch batch = new SyntheticWindows(2, 10, 4, 1).batch(2);
        Predictions before = model.predict(batch);
        SupervisedLoss.attach(model);
        assertEquals(List.of(LOSS), model.sameDiff().getLossVariables());
        assertArrayEquals(before.activeProb(), model.predict(batch).activeProb(), "the loss changes no prediction");
    }

    @Test
    void lossPartsMatchAHandComputationWithMasks() {
        TransformerModel model = TransformerModel.create(TINY, 9);
        SupervisedLoss.attach(model);
        int t = 10;
        WindowBatch batch = new SyntheticWindows(3, t, 4, 3).batch(3);
        for (LossSettings loss : List.of(new LossSettings(1, 2, 3, false, 0.5), new LossSettings(1, 1, 1, true, 1))) {
            Map<String, INDArray> feed = FrameInputs.forTraining(batch, TINY, loss, null);
            Map<String, INDArray> out = model.sameDiff().output(feed, ACTIVE_LOGIT, ASSET_LOGITS, REGRESSION,
                    LOSS_ACTIVE, LOSS_ASSET, LOSS_REGRESSION, LOSS);
            double[] expected = handLoss(batch, out.get(ACTIVE_LOGIT).data().asFloat(), out.get(ASSET_LOGITS).data().asFloat(),
                    out.get(REGRESSION).data().asFloat(), 4, loss);
            assertEquals(expected[0], out.get(LOSS_ACTIVE).getDouble(0), 1e-4);
            assertEquals(expected[1], out.get(LOSS_ASSET).getDouble(0), 1e-4);
            assertEquals(expected[2], out.get(LOSS_REGRESSION).getDouble(0), 1e-4);
            double total = loss.weightActive() * expected[0] + loss.weightAsset() * expected[1] + loss.weightRegression() * expected[2];
            assertEquals(total, out.get(LOSS).getDouble(0), 1e-4);
        }
    }

    /**
     * With the heads' weights and biases zeroed, only the persistence skips speak: the prediction for
     * frame t+1 is frame t (a track on stays likely on and keeps its class; regressions are copied, plus
     * half of the last step's motion on the same clip, the carry gate's value at zero).
     */
    @Test
    void withSilentHeadsTheModelPredictsPersistence() {
        TransformerModel model = TransformerModel.create(TINY, 13);
        for (String head : List.of("head_active", "head_asset", "head_regression", "head_change", "head_motion")) {
            model.sameDiff().getVariable(head + "_w").getArr().assign(0);
            model.sameDiff().getVariable(head + "_b").getArr().assign(0);
        }
        int t = 10;
        WindowBatch batch = new SyntheticWindows(3, t, 4, 5).batch(3);
        Predictions p = model.predict(batch);
        for (int w = 0; w < 3; w++) {
            for (int f = 0; f < t; f++) {
                if (batch.valid()[w * t + f] == 0) continue;
                for (int k = 0; k < K; k++) {
                    int cell = (w * t + f) * K + k;
                    boolean on = batch.active()[cell] > 0.5f;
                    assertEquals(on, p.activeProb()[cell] > 0.5f, "active, window " + w + " frame " + f + " track " + k);
                    // The motion carry's gate is sigmoid(0) = 0.5 with its head silent: half the last step carries on.
                    int before = cell - K;
                    boolean sameClip = f > 0 && batch.valid()[w * t + f - 1] > 0 && on && batch.active()[before] > 0.5f
                            && batch.assetClass()[before] == batch.assetClass()[cell];
                    for (int r = 0; r < R; r++) {
                        float now = batch.regression()[cell * R + r];
                        float motion = sameClip ? now - batch.regression()[before * R + r] : 0f;
                        assertEquals(now + 0.5f * motion, p.regression()[cell * R + r], 1e-5);
                    }
                    if (!on) continue;
                    int best = 0;
                    for (int c = 1; c < 4; c++) if (p.assetProbs()[cell * 4 + c] > p.assetProbs()[cell * 4 + best]) best = c;
                    assertEquals(batch.assetClass()[cell], best, "asset, window " + w + " frame " + f + " track " + k);
                }
            }
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        TransformerModel model = TransformerModel.create(TINY, 11);
        SupervisedLoss.attach(model);
        WindowBatch batch = new SyntheticWindows(4, 10, 4, 4).batch(4);
        List<String> params = model.sameDiff().variables().stream()
                .filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE).map(v -> v.name()).toList();
        OutAndGrad a = model.sameDiff().calculateGradientsAndOutputs(
                FrameInputs.forTraining(batch, TINY, LossSettings.defaults(), new SplittableRandom(1)), List.of(LOSS), params);
        for (String p : params) {
            INDArray g = a.getGradients().get(p);
            assertNotNull(g, p);
            assertTrue(Double.isFinite(g.norm2Number().doubleValue()), p);
            assertTrue(g.norm2Number().doubleValue() > 0, p + " gets no gradient");
        }
    }

    @Test
    void dropoutMasksFollowTheirGeneratorAndKeepTheExpectedShare() {
        WindowBatch batch = new SyntheticWindows(4, 10, 4, 4).batch(4);
        String site = dropoutMask(1, "ff");
        INDArray a = FrameInputs.forTraining(batch, TINY, LossSettings.defaults(), new SplittableRandom(1)).get(site);
        INDArray b = FrameInputs.forTraining(batch, TINY, LossSettings.defaults(), new SplittableRandom(1)).get(site);
        INDArray c = FrameInputs.forTraining(batch, TINY, LossSettings.defaults(), new SplittableRandom(2)).get(site);
        assertEquals(a, b);
        assertNotEquals(a, c);
        double dropped = a.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.1, dropped, 0.03);
        assertEquals(1 / 0.9, a.maxNumber().doubleValue(), 1e-6);
        assertEquals(1.0, FrameInputs.forTraining(batch, TINY, LossSettings.defaults(), null).get(site).getDouble(0), 0.0);
    }

    /** Active BCE, asset CE and regression loss computed in plain Java from the graph's raw outputs. */
    static double[] handLoss(WindowBatch batch, float[] activeLogit, float[] assetLogits, float[] reg, int classes, LossSettings loss) {
        int b = batch.size();
        int t = batch.length();
        int steps = t - 1;
        double bce = 0, ce = 0, regression = 0;
        int pairs = 0, on = 0;
        for (int w = 0; w < b; w++) {
            for (int f = 0; f < steps; f++) {
                if (batch.valid()[w * t + f] == 0 || batch.valid()[w * t + f + 1] == 0) continue;
                for (int k = 0; k < K; k++) {
                    int out = (w * steps + f) * K + k;
                    int target = (w * t + f + 1) * K + k;
                    double z = activeLogit[out];
                    double y = batch.active()[target];
                    double p = 1 / (1 + Math.exp(-z));
                    bce += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
                    pairs++;
                    if (y == 0) continue;
                    on++;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) max = Math.max(max, assetLogits[out * classes + c]);
                    double sum = 0;
                    for (int c = 0; c < classes; c++) sum += Math.exp(assetLogits[out * classes + c] - max);
                    ce += -(assetLogits[out * classes + batch.assetClass()[target]] - max - Math.log(sum));
                    for (int i = 0; i < R; i++) {
                        double e = reg[out * R + i] - batch.regression()[target * R + i];
                        double a = Math.abs(e);
                        double d = loss.huberDelta();
                        regression += loss.mse() ? e * e : (a <= d ? 0.5 * e * e : d * (a - 0.5 * d));
                    }
                }
            }
        }
        return new double[] {bce / pairs, ce / on, regression / ((double) on * R)};
    }

    private static void scramble(WindowBatch batch, int w, int f, int t) {
        for (int k = 0; k < K; k++) {
            int cell = (w * t + f) * K + k;
            batch.active()[cell] = 1f - batch.active()[cell];
            batch.assetClass()[cell] = batch.active()[cell] > 0 ? 2 : -1;
            for (int i = 0; i < R; i++) batch.regression()[cell * R + i] += 3f;
        }
    }

    private static void assertFrameEqual(Predictions a, Predictions b, int w, int f, int t) {
        for (int k = 0; k < K; k++) {
            int i = (w * t + f) * K + k;
            assertEquals(a.activeProb()[i], b.activeProb()[i], 1e-6, "window " + w + " frame " + f);
            for (int r = 0; r < R; r++) assertEquals(a.regression()[i * R + r], b.regression()[i * R + r], 1e-5);
        }
    }
}
