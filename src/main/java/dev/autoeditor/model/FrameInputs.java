package dev.autoeditor.model;

import static dev.autoeditor.model.GraphNames.*;

import dev.autoeditor.data.WindowBatch;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a {@link WindowBatch} into the graph's input arrays (SameDiff placeholders). For training, the inputs are
 * frames 0..T-2 and the targets frames 1..T-1, so entry t predicts frame t+1; a pair counts only
 * where both frames are real (not padding). For prediction, all T frames are inputs.
 * The network's inputs and the supervised loss's inputs are separate maps, so another objective can
 * reuse the first and supply its own targets.
 */
public final class FrameInputs {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;
    /** Added to attention scores of forbidden keys; finite so a row never becomes NaN. */
    private static final float MASKED = -1e9f;

    private FrameInputs() {}

    /** Inputs of all T frames, dropout off. */
    public static Map<String, INDArray> forPrediction(WindowBatch batch, ModelConfig mc) {
        Map<String, INDArray> m = inputs(batch, mc, batch.length());
        dropoutOff(m, mc);
        return m;
    }

    /**
     * Inputs of all T frames, with dropout masks drawn from {@code dropoutRandom} (null: dropout off):
     * for objectives that read every frame's output, such as a reward model scoring whole sequences.
     */
    public static Map<String, INDArray> forSequence(WindowBatch batch, ModelConfig mc, SplittableRandom dropoutRandom) {
        Map<String, INDArray> m = inputs(batch, mc, batch.length());
        if (dropoutRandom == null) dropoutOff(m, mc);
        else dropoutMasks(m, mc, batch.size() * batch.length(), dropoutRandom);
        return m;
    }

    /**
     * The supervised feed ({@link SupervisedLoss}): {@link #trainingInputs}, {@link #targets} and the loss
     * settings. Dropout masks are drawn from {@code dropoutRandom} (null: dropout off, as in validation).
     */
    public static Map<String, INDArray> forTraining(WindowBatch batch, ModelConfig mc, LossSettings loss, SplittableRandom dropoutRandom) {
        Map<String, INDArray> m = trainingInputs(batch, mc, dropoutRandom);
        m.putAll(targets(batch, mc));
        m.putAll(lossSettings(loss));
        return m;
    }

    /**
     * The network's inputs for training on next-frame pairs: frames 0..T-2 (entry t then predicts frame
     * t+1), and dropout masks drawn from {@code dropoutRandom} (null: dropout off). Any objective over
     * the windows starts from these.
     */
    public static Map<String, INDArray> trainingInputs(WindowBatch batch, ModelConfig mc, SplittableRandom dropoutRandom) {
        int steps = batch.length() - 1;
        if (steps < 1) throw new IllegalArgumentException("windows need at least 2 frames, got " + batch.length());
        Map<String, INDArray> m = inputs(batch, mc, steps);
        if (dropoutRandom == null) dropoutOff(m, mc);
        else dropoutMasks(m, mc, batch.size() * steps, dropoutRandom);
        return m;
    }

    /** The loss settings as the scalar inputs of {@link SupervisedLoss}. */
    public static Map<String, INDArray> lossSettings(LossSettings loss) {
        Map<String, INDArray> m = new HashMap<>();
        m.put(LOSS_WEIGHT_ACTIVE, Nd4j.scalar((float) loss.weightActive()));
        m.put(LOSS_WEIGHT_ASSET, Nd4j.scalar((float) loss.weightAsset()));
        m.put(LOSS_WEIGHT_REGRESSION, Nd4j.scalar((float) loss.weightRegression()));
        m.put(HUBER_DELTA, Nd4j.scalar((float) loss.huberDelta()));
        m.put(USE_MSE, Nd4j.scalar(loss.mse() ? 1f : 0f));
        return m;
    }

    private static Map<String, INDArray> inputs(WindowBatch batch, ModelConfig mc, int len) {
        int b = batch.size();
        int t = batch.length();
        int c = mc.assetClasses();
        float[] active = new float[b * len * K];
        float[] asset = new float[b * len * K * (c + 1)];
        float[] regression = new float[b * len * K * R];
        for (int w = 0; w < b; w++) {
            for (int f = 0; f < len; f++) {
                int src = (w * t + f) * K;
                int dst = (w * len + f) * K;
                for (int k = 0; k < K; k++) {
                    boolean on = batch.active()[src + k] > 0.5f;
                    active[dst + k] = on ? 1f : 0f;
                    asset[(dst + k) * (c + 1) + (on ? clampClass(batch.assetClass()[src + k], c) : c)] = 1f;
                }
                System.arraycopy(batch.regression(), src * R, regression, dst * R, K * R);
            }
        }
        Map<String, INDArray> m = new HashMap<>();
        m.put(DIMS, Nd4j.createFromArray((long) b, (long) len));
        m.put(IN_ACTIVE, Nd4j.create(active, new long[] {b, len, K}, 'c'));
        m.put(IN_ASSET, Nd4j.create(asset, new long[] {b, len, K, c + 1}, 'c'));
        m.put(IN_REGRESSION, Nd4j.create(regression, new long[] {b, len, K, R}, 'c'));
        m.put(IN_VELOCITY, Nd4j.create(velocity(batch, len), new long[] {b, len, K, R}, 'c'));
        m.put(POSITION, positions(b, len, mc.dModel()));
        m.put(ATTENTION_BIAS, attentionBias(batch, len));
        return m;
    }

    /**
     * Frame f's regressions minus frame f-1's, per track, where the track shows the same asset class
     * in both (real) frames; 0 elsewhere, so a cut or a first frame carries no motion.
     */
    static float[] velocity(WindowBatch batch, int len) {
        int b = batch.size();
        int t = batch.length();
        float[] out = new float[b * len * K * R];
        for (int w = 0; w < b; w++) {
            for (int f = 1; f < len; f++) {
                if (batch.valid()[w * t + f] < 0.5f || batch.valid()[w * t + f - 1] < 0.5f) continue;
                for (int k = 0; k < K; k++) {
                    int now = (w * t + f) * K + k;
                    int before = now - K;
                    boolean sameClip = batch.active()[now] > 0.5f && batch.active()[before] > 0.5f
                            && batch.assetClass()[now] == batch.assetClass()[before];
                    if (!sameClip) continue;
                    int dst = ((w * len + f) * K + k) * R;
                    for (int i = 0; i < R; i++) out[dst + i] = batch.regression()[now * R + i] - batch.regression()[before * R + i];
                }
            }
        }
        return out;
    }

    /**
     * The true frames 1..T-1 as {@link SupervisedLoss}'s targets, with the weight arrays that mask padding
     * and hold each mean's 1/count. The targets are hard (0/1, one-hot); an objective with soft targets
     * replaces TARGET_ACTIVE and TARGET_ASSET and keeps the weights.
     */
    public static Map<String, INDArray> targets(WindowBatch batch, ModelConfig mc) {
        int steps = batch.length() - 1;
        Map<String, INDArray> m = new HashMap<>();
        int b = batch.size();
        int t = batch.length();
        int c = mc.assetClasses();
        float[] active = new float[b * steps * K];
        float[] asset = new float[b * steps * K * c];
        float[] regression = new float[b * steps * K * R];
        float[] pair = new float[b * steps * K];
        float[] onTarget = new float[b * steps * K];
        int pairs = 0;
        int onCount = 0;
        for (int w = 0; w < b; w++) {
            for (int f = 0; f < steps; f++) {
                boolean valid = batch.valid()[w * t + f] > 0.5f && batch.valid()[w * t + f + 1] > 0.5f;
                int src = (w * t + f + 1) * K;
                int dst = (w * steps + f) * K;
                for (int k = 0; k < K; k++) {
                    boolean on = batch.active()[src + k] > 0.5f;
                    active[dst + k] = on ? 1f : 0f;
                    if (on) asset[(dst + k) * c + clampClass(batch.assetClass()[src + k], c)] = 1f;
                    if (valid) {
                        pair[dst + k] = 1f;
                        pairs++;
                        if (on) {
                            onTarget[dst + k] = 1f;
                            onCount++;
                        }
                    }
                }
                System.arraycopy(batch.regression(), src * R, regression, dst * R, K * R);
            }
        }
        float[] weightActive = scaled(pair, pairs);
        float[] weightAsset = scaled(onTarget, onCount);
        float[] weightRegression = scaled(onTarget, (long) onCount * R);
        m.put(TARGET_ACTIVE, Nd4j.create(active, new long[] {b, steps, K}, 'c'));
        m.put(TARGET_ASSET, Nd4j.create(asset, new long[] {b, steps, K, c}, 'c'));
        m.put(TARGET_REGRESSION, Nd4j.create(regression, new long[] {b, steps, K, R}, 'c'));
        m.put(WEIGHT_ACTIVE, Nd4j.create(weightActive, new long[] {b, steps, K}, 'c'));
        m.put(WEIGHT_ASSET, Nd4j.create(weightAsset, new long[] {b, steps, K}, 'c'));
        m.put(WEIGHT_REGRESSION, Nd4j.create(weightRegression, new long[] {b, steps, K, 1}, 'c'));
        return m;
    }

    /** mask / count (all zero when nothing counts, so that part's loss is 0 rather than NaN). */
    private static float[] scaled(float[] mask, long count) {
        float[] out = new float[mask.length];
        if (count == 0) return out;
        float inv = (float) (1.0 / count);
        for (int i = 0; i < mask.length; i++) out[i] = mask[i] * inv;
        return out;
    }

    /** Classes beyond the model's range fall into the last ("other") class. */
    private static int clampClass(int cls, int classes) {
        return Math.max(0, Math.min(cls, classes - 1));
    }

    /** Sinusoidal encoding of each row's frame index, [B * len, D]. */
    static INDArray positions(int b, int len, int d) {
        float[] one = new float[len * d];
        for (int f = 0; f < len; f++) {
            for (int i = 0; i < d; i += 2) {
                double angle = f / Math.pow(10000.0, (double) i / d);
                one[f * d + i] = (float) Math.sin(angle);
                if (i + 1 < d) one[f * d + i + 1] = (float) Math.cos(angle);
            }
        }
        float[] all = new float[b * len * d];
        for (int w = 0; w < b; w++) System.arraycopy(one, 0, all, w * len * d, len * d);
        return Nd4j.create(all, new long[] {(long) b * len, d}, 'c');
    }

    /** [B, 1, len, len]: query i sees key j when j <= i and frame j is real; a row always sees itself. */
    static INDArray attentionBias(WindowBatch batch, int len) {
        int b = batch.size();
        float[] bias = new float[b * len * len];
        for (int w = 0; w < b; w++) {
            for (int i = 0; i < len; i++) {
                int row = (w * len + i) * len;
                for (int j = 0; j < len; j++) {
                    boolean visible = j == i || (j < i && batch.valid()[w * batch.length() + j] > 0.5f);
                    bias[row + j] = visible ? 0f : MASKED;
                }
            }
        }
        return Nd4j.create(bias, new long[] {b, 1, len, len}, 'c');
    }

    private static void dropoutMasks(Map<String, INDArray> m, ModelConfig mc, int rows, SplittableRandom random) {
        if (mc.dropout() == 0) return;
        float keep = (float) (1.0 / (1.0 - mc.dropout()));
        int n = rows * mc.dModel();
        for (int layer = 0; layer < mc.layers(); layer++) {
            for (String site : new String[] {"attention", "ff"}) {
                float[] mask = new float[n];
                for (int i = 0; i < n; i++) mask[i] = random.nextDouble() < mc.dropout() ? 0f : keep;
                m.put(dropoutMask(layer, site), Nd4j.create(mask, new long[] {rows, mc.dModel()}, 'c'));
            }
        }
    }

    private static void dropoutOff(Map<String, INDArray> m, ModelConfig mc) {
        if (mc.dropout() == 0) return;
        for (int layer = 0; layer < mc.layers(); layer++) {
            m.put(dropoutMask(layer, "attention"), Nd4j.scalar(1f));
            m.put(dropoutMask(layer, "ff"), Nd4j.scalar(1f));
        }
    }
}
