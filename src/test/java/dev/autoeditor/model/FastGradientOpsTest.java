package dev.autoeditor.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer norm and the asset cross-entropy written for a cheap backward pass (docs/performance.md, issue 17)
 * compute what the plain formulas compute, forward and backward, checked against double-precision
 * values computed here.
 */
class FastGradientOpsTest {
    private static final int N = 5;
    private static final int D = 6;

    @Test
    void layerNormMatchesTheFormulaWithEpsilonAndItsGradients() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] x = new double[N][D];
        for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) x[i][j] = rnd.nextDouble(-2, 2);
        for (int j = 0; j < D; j++) x[N - 1][j] = 0.5; // a constant row: only epsilon keeps it finite
        double[] gain = new double[D];
        double[] shift = new double[D];
        double[][] upstream = new double[N][D];
        for (int j = 0; j < D; j++) {
            gain[j] = rnd.nextDouble(0.5, 1.5);
            shift[j] = rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) upstream[i][j] = rnd.nextDouble(-1, 1);

        SameDiff sd = SameDiff.create();
        SDVariable xv = sd.var("x", matrix(x));
        SDVariable gv = sd.var("gain", vector(gain));
        SDVariable sv = sd.var("shift", vector(shift));
        SDVariable y = TransformerGraph.layerNorm(sd, xv, gv, sv, D);
        // loss = sum(y * upstream): its gradient with respect to y is the upstream array.
        sd.sum("loss", y.mul(sd.constant(matrix(upstream))));
        sd.setLossVariables("loss");
        INDArray out = y.eval();
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), List.of("x", "gain", "shift"));

        double eps = TransformerGraph.LAYER_NORM_EPSILON;
        double[] dGain = new double[D];
        double[] dShift = new double[D];
        for (int i = 0; i < N; i++) {
            double mean = 0;
            for (double v : x[i]) mean += v / D;
            double var = 0;
            for (double v : x[i]) var += (v - mean) * (v - mean) / D;
            double inv = 1 / Math.sqrt(var + eps);
            double[] xhat = new double[D];
            double[] g = new double[D]; // gradient with respect to xhat
            double meanG = 0;
            double meanGx = 0;
            for (int j = 0; j < D; j++) {
                xhat[j] = (x[i][j] - mean) * inv;
                assertEquals(xhat[j] * gain[j] + shift[j], out.getDouble(i, j), 2e-5, "output " + i + "," + j);
                g[j] = upstream[i][j] * gain[j];
                meanG += g[j] / D;
                meanGx += g[j] * xhat[j] / D;
                dGain[j] += upstream[i][j] * xhat[j];
                dShift[j] += upstream[i][j];
            }
            for (int j = 0; j < D; j++) {
                double dx = inv * (g[j] - meanG - xhat[j] * meanGx);
                assertEquals(dx, grads.get("x").getDouble(i, j), 2e-4 * Math.max(1, Math.abs(dx)), "dx " + i + "," + j);
            }
        }
        for (int j = 0; j < D; j++) {
            assertEquals(dGain[j], grads.get("gain").getDouble(j), 1e-4, "dgain " + j);
            assertEquals(dShift[j], grads.get("shift").getDouble(j), 1e-5, "dshift " + j);
        }
    }

    @Test
    void assetCrossEntropyIsStableForLargeLogitsTakesSoftTargetsAndWeights() {
        // [1, 4, 1, 3]: huge logit spreads (a plain exp overflows float, and log(softmax) is -infinity for
        // the last class of rows 0 and 2), an ordinary row, and a row whose soft targets sum to 0.5.
        double[][] logits = {{1000, 0, -1000}, {0.3, -1.2, 2.0}, {0, -90, -200}, {1, 2, 3}};
        double[][] target = {{0.2, 0.5, 0.3}, {0, 1, 0}, {1, 0, 0}, {0.2, 0.2, 0.1}};
        double[] weight = {0.5, 2, 1, 0.25};
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.create(flat(logits), new long[] {1, 4, 1, 3}, 'c'));
        SDVariable y = sd.constant(Nd4j.create(flat(target), new long[] {1, 4, 1, 3}, 'c'));
        SDVariable w = sd.constant(vector(weight).reshape(1, 4, 1));
        SDVariable loss = SupervisedLoss.assetCrossEntropy(sd, z, y, w, 3, "loss");
        sd.setLossVariables("loss");
        double value = loss.eval().getDouble(0);
        INDArray dz = sd.calculateGradients(Map.of(), List.of("z")).get("z");
        double expectedLoss = 0;
        for (int r = 0; r < 4; r++) {
            double max = Math.max(logits[r][0], Math.max(logits[r][1], logits[r][2]));
            double sum = 0;
            for (double v : logits[r]) sum += Math.exp(v - max);
            double targetSum = 0;
            for (double t : target[r]) targetSum += t;
            for (int c = 0; c < 3; c++) {
                double logP = logits[r][c] - max - Math.log(sum);
                expectedLoss -= weight[r] * target[r][c] * logP;
                // d/dz_c of -w * sum_c y_c log p_c = w * (softmax_c * sum(y) - y_c)
                double expected = weight[r] * (Math.exp(logP) * targetSum - target[r][c]);
                assertEquals(expected, dz.getDouble(0, r, 0, c), 1e-6, "dz " + r + "," + c);
            }
        }
        assertEquals(expectedLoss, value, 1e-6 * expectedLoss);
    }

    private static INDArray matrix(double[][] a) {
        return Nd4j.create(flat(a), new long[] {a.length, a[0].length}, 'c');
    }

    private static INDArray vector(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return Nd4j.create(f, new long[] {a.length}, 'c');
    }

    private static float[] flat(double[][] a) {
        float[] f = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) f[i * a[0].length + j] = (float) a[i][j];
        return f;
    }
}
