package dev.autoeditor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The distillation terms against values worked out by hand: one track at one position (or two, to
 * check the masked mean), at T = 1 and T = 2, a soft teacher and a hard (saturated) one, and exactly 0
 * for identical logits.
 */
class DistillationLossTest {
    private static final double EPS = 2e-6;

    /** One graph of the three terms over [1, 1, n] active logits, [1, 1, n, C] asset logits and [1, 1, n, R] regressions. */
    private static Map<String, Double> terms(double temperature, double[] studentActive, double[] teacherActive, double[][] studentAsset,
                                             double[][] teacherAsset, double[][] studentRegression, double[][] teacherRegression,
                                             double[] weightActive, double[] weightAsset, double[] weightRegression, double delta) {
        int n = studentActive.length;
        int c = studentAsset[0].length;
        int r = studentRegression[0].length;
        SameDiff sd = SameDiff.create();
        SDVariable sa = sd.placeHolder("sa", DataType.FLOAT, 1, 1, n);
        SDVariable ta = sd.placeHolder("ta", DataType.FLOAT, 1, 1, n);
        SDVariable ss = sd.placeHolder("ss", DataType.FLOAT, 1, 1, n, c);
        SDVariable ts = sd.placeHolder("ts", DataType.FLOAT, 1, 1, n, c);
        SDVariable sr = sd.placeHolder("sr", DataType.FLOAT, 1, 1, n, r);
        SDVariable tr = sd.placeHolder("tr", DataType.FLOAT, 1, 1, n, r);
        SDVariable wa = sd.placeHolder("wa", DataType.FLOAT, 1, 1, n);
        SDVariable ws = sd.placeHolder("ws", DataType.FLOAT, 1, 1, n);
        SDVariable wr = sd.placeHolder("wr", DataType.FLOAT, 1, 1, n, 1);
        SDVariable t = sd.placeHolder("t", DataType.FLOAT);
        SDVariable d = sd.placeHolder("d", DataType.FLOAT);
        DistillationLoss.terms(sd, sa, ta, ss, ts, sr, tr, wa, ws, wr, t, d);
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("sa", arr(studentActive, 1, 1, n));
        feed.put("ta", arr(teacherActive, 1, 1, n));
        feed.put("ss", arr(flat(studentAsset), 1, 1, n, c));
        feed.put("ts", arr(flat(teacherAsset), 1, 1, n, c));
        feed.put("sr", arr(flat(studentRegression), 1, 1, n, r));
        feed.put("tr", arr(flat(teacherRegression), 1, 1, n, r));
        feed.put("wa", arr(weightActive, 1, 1, n));
        feed.put("ws", arr(weightAsset, 1, 1, n));
        feed.put("wr", arr(weightRegression, 1, 1, n, 1));
        feed.put("t", Nd4j.scalar((float) temperature));
        feed.put("d", Nd4j.scalar((float) delta));
        Map<String, INDArray> out = sd.output(feed, DistillationLoss.LOSS_KD_ACTIVE, DistillationLoss.LOSS_KD_ASSET, DistillationLoss.LOSS_KD_REGRESSION);
        Map<String, Double> m = new HashMap<>();
        out.forEach((k, v) -> m.put(k, v.getDouble(0)));
        return m;
    }

    /** One position: active logits, asset logits and one regression value, weight 1 each. */
    private static Map<String, Double> one(double temperature, double studentActive, double teacherActive, double[] studentAsset,
                                           double[] teacherAsset, double studentRegression, double teacherRegression, double delta) {
        return terms(temperature, new double[] {studentActive}, new double[] {teacherActive}, new double[][] {studentAsset},
                new double[][] {teacherAsset}, new double[][] {{studentRegression}}, new double[][] {{teacherRegression}},
                new double[] {1}, new double[] {1}, new double[] {1}, delta);
    }

    @Test
    void bernoulliKlAtTemperatureOneAndTwo() {
        // Teacher logit ln 3: p = 0.75; student logit 0: q = 0.5.
        // T = 1: KL = 0.75 ln(0.75 / 0.5) + 0.25 ln(0.25 / 0.5) = 0.75 * 0.405465 - 0.25 * 0.693147 = 0.130812.
        double t1 = one(1, 0, Math.log(3), new double[] {0, 0}, new double[] {0, 0}, 0, 0, 1).get(DistillationLoss.LOSS_KD_ACTIVE);
        assertEquals(0.130812, t1, EPS);
        assertEquals(bernoulliKl(0.75, 0.5), t1, EPS);
        // T = 2: p = sigmoid(ln 3 / 2) = sqrt 3 / (1 + sqrt 3) = 0.633975; q = sigmoid(0) = 0.5.
        // KL = 0.633975 ln(1.267949) + 0.366025 ln(0.732051) = 0.150506 - 0.114165 = 0.036341.
        double t2 = one(2, 0, Math.log(3), new double[] {0, 0}, new double[] {0, 0}, 0, 0, 1).get(DistillationLoss.LOSS_KD_ACTIVE);
        assertEquals(0.036341, t2, EPS);
        assertEquals(bernoulliKl(Math.sqrt(3) / (1 + Math.sqrt(3)), 0.5), t2, EPS);
        // Softening brings the two distributions closer: the KL shrinks.
        assertTrue(t2 < t1);
    }

    @Test
    void categoricalKlAtTemperatureOneAndTwo() {
        // Teacher logits (ln 4, ln 2, 0): p = (4, 2, 1) / 7; student logits 0: q = 1/3 each.
        // T = 1: KL = 4/7 ln(12/7) + 2/7 ln(6/7) + 1/7 ln(3/7) = 0.307998 - 0.044043 - 0.121043 = 0.142912.
        double[] teacher = {Math.log(4), Math.log(2), 0};
        double t1 = one(1, 0, 0, new double[] {0, 0, 0}, teacher, 0, 0, 1).get(DistillationLoss.LOSS_KD_ASSET);
        assertEquals(0.142912, t1, EPS);
        assertEquals(categoricalKl(new double[] {4 / 7.0, 2 / 7.0, 1 / 7.0}, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}), t1, EPS);
        // T = 2: p proportional to (2, sqrt 2, 1), normalised by 4.414214: p = (0.453082, 0.320377, 0.226541);
        // KL = sum p ln(3p) = 0.038869.
        double t2 = one(2, 0, 0, new double[] {0, 0, 0}, teacher, 0, 0, 1).get(DistillationLoss.LOSS_KD_ASSET);
        double z = 2 + Math.sqrt(2) + 1;
        assertEquals(categoricalKl(new double[] {2 / z, Math.sqrt(2) / z, 1 / z}, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}), t2, EPS);
        assertEquals(0.038869, t2, EPS);
    }

    @Test
    void aHardTeacherGivesTheCrossEntropyOfItsLabel() {
        // A saturated teacher (logit 30: p = 1 - 9e-14) is a hard label: KL = -ln q = ln(1 + e^-1) for student logit 1.
        double active = one(1, 1, 30, new double[] {0, 0}, new double[] {0, 0}, 0, 0, 1).get(DistillationLoss.LOSS_KD_ACTIVE);
        assertEquals(Math.log(1 + Math.exp(-1)), active, EPS);
        assertEquals(0.313262, active, EPS);
        // A one-hot asset teacher (logits 30, -30, -30) against student logits (2, 0, 0): -ln(e^2 / (e^2 + 2)) = ln(1 + 2 e^-2) = 0.239545.
        double asset = one(1, 0, 0, new double[] {2, 0, 0}, new double[] {30, -30, -30}, 0, 0, 1).get(DistillationLoss.LOSS_KD_ASSET);
        assertEquals(Math.log(1 + 2 * Math.exp(-2)), asset, EPS);
        assertEquals(0.239545, asset, EPS);
        // An inactive hard label (logit -30) against student logit -2: -ln(1 - sigmoid(-2)) = ln(1 + e^-2) = 0.126928.
        double off = one(1, -2, -30, new double[] {0, 0}, new double[] {0, 0}, 0, 0, 1).get(DistillationLoss.LOSS_KD_ACTIVE);
        assertEquals(0.126928, off, EPS);
    }

    @Test
    void theRegressionTermIsHuberBetweenTheTwoModels() {
        // |0.5 - 0.2| = 0.3 inside delta 1: 0.5 * 0.09 = 0.045; beyond delta 0.1: 0.5 * 0.01 + 0.1 * 0.2 = 0.025.
        assertEquals(0.045, one(1, 0, 0, new double[] {0, 0}, new double[] {0, 0}, 0.5, 0.2, 1).get(DistillationLoss.LOSS_KD_REGRESSION), EPS);
        assertEquals(0.025, one(1, 0, 0, new double[] {0, 0}, new double[] {0, 0}, 0.5, 0.2, 0.1).get(DistillationLoss.LOSS_KD_REGRESSION), EPS);
        // Not scaled by T (only the KL terms are softened).
        assertEquals(0.045, one(2, 0, 0, new double[] {0, 0}, new double[] {0, 0}, 0.5, 0.2, 1).get(DistillationLoss.LOSS_KD_REGRESSION), EPS);
    }

    @Test
    void theWeightsMaskAndAverage() {
        // Two positions; the second's target track is inactive: active KL averages both (weights 1/2),
        // the asset and regression terms count only the first (weight 1 and 0).
        Map<String, Double> m = terms(1, new double[] {0, 0}, new double[] {Math.log(3), -Math.log(3)},
                new double[][] {{0, 0, 0}, {0, 0, 0}}, new double[][] {{Math.log(4), Math.log(2), 0}, {5, -5, 0}},
                new double[][] {{0.5}, {3}}, new double[][] {{0.2}, {-3}}, new double[] {0.5, 0.5}, new double[] {1, 0}, new double[] {1, 0}, 1);
        // KL(0.25 || 0.5) = KL(0.75 || 0.5) by symmetry, so the mean is 0.130812.
        assertEquals(0.130812, m.get(DistillationLoss.LOSS_KD_ACTIVE), EPS);
        assertEquals(0.142912, m.get(DistillationLoss.LOSS_KD_ASSET), EPS);
        assertEquals(0.045, m.get(DistillationLoss.LOSS_KD_REGRESSION), EPS);
    }

    @Test
    void identicalLogitsGiveExactlyZero() {
        for (double temperature : new double[] {1, 2, 4.5}) {
            Map<String, Double> m = terms(temperature, new double[] {-7.25, 0.3, 12}, new double[] {-7.25, 0.3, 12},
                    new double[][] {{1.5, -2, 0.25}, {30, -30, 0}, {0, 0, 0}}, new double[][] {{1.5, -2, 0.25}, {30, -30, 0}, {0, 0, 0}},
                    new double[][] {{0.1, -4}, {2, 2}, {0, 0}}, new double[][] {{0.1, -4}, {2, 2}, {0, 0}},
                    new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, new double[] {0.5, 0.5, 0}, new double[] {0.25, 0.25, 0}, 0.02);
            assertEquals(0.0, m.get(DistillationLoss.LOSS_KD_ACTIVE), "T = " + temperature);
            assertEquals(0.0, m.get(DistillationLoss.LOSS_KD_ASSET), "T = " + temperature);
            assertEquals(0.0, m.get(DistillationLoss.LOSS_KD_REGRESSION), "T = " + temperature);
        }
    }

    static double bernoulliKl(double p, double q) {
        return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    }

    static double categoricalKl(double[] p, double[] q) {
        double kl = 0;
        for (int i = 0; i < p.length; i++) kl += p[i] * Math.log(p[i] / q[i]);
        return kl;
    }

    private static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static INDArray arr(double[] values, long... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Nd4j.create(f, shape, 'c');
    }
}
