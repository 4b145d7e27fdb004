package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Predictions;
import java.util.SplittableRandom;

/**
 * One frame's actions drawn from a model's prediction: per track, active ~ Bernoulli and, where
 * active, the asset class ~ Categorical, both at a temperature; the regressions are the prediction's
 * means. Returns log pi of what was drawn (sum over tracks of log p(active) + active * log p(asset)).
 */
final class ActionDraw {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;

    private ActionDraw() {}

    /**
     * Draws frame {@code frame} of row {@code row} of {@code out} from prediction entry
     * ({@code predRow}, {@code predFrame}) of {@code p}.
     */
    static double draw(Predictions p, int predRow, int predFrame, WindowBatch out, int row, int frame, double temperature,
                       SplittableRandom random) {
        int classes = p.classes();
        int at = predRow * p.length() + predFrame;
        int dst = row * out.length() + frame;
        double logPi = 0;
        double[] q = new double[classes];
        for (int k = 0; k < K; k++) {
            double pa = tempered(p.activeProb()[at * K + k], temperature);
            boolean on = random.nextDouble() < pa;
            logPi += Math.log(on ? pa : 1 - pa);
            int cell = dst * K + k;
            if (!on) {
                out.active()[cell] = 0f;
                out.assetClass()[cell] = -1;
                for (int f = 0; f < R; f++) out.regression()[cell * R + f] = 0f;
                continue;
            }
            int base = (at * K + k) * classes;
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double v = p.assetProbs()[base + c];
                q[c] = temperature == 1.0 ? v : Math.pow(Math.max(v, 0), 1.0 / temperature);
                sum += q[c];
            }
            double u = random.nextDouble() * sum;
            int chosen = classes - 1;
            double acc = 0;
            for (int c = 0; c < classes; c++) {
                acc += q[c];
                if (u < acc) {
                    chosen = c;
                    break;
                }
            }
            // A class of probability 0 can be reached only through rounding at the very end of the CDF.
            while (q[chosen] <= 0 && chosen > 0) chosen--;
            logPi += Math.log(q[chosen] / sum);
            out.active()[cell] = 1f;
            out.assetClass()[cell] = chosen;
            System.arraycopy(p.regression(), (at * K + k) * R, out.regression(), cell * R, R);
        }
        out.valid()[dst] = 1f;
        return logPi;
    }

    /** A probability at temperature T: sigmoid(logit(p) / T). */
    static double tempered(double p, double temperature) {
        if (temperature == 1.0 || p <= 0 || p >= 1) return p;
        double logit = Math.log(p) - Math.log1p(-p);
        return 1 / (1 + Math.exp(-logit / temperature));
    }
}
