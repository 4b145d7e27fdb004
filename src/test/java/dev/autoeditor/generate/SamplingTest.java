package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * The sampling API's laws: probabilities at a temperature, log pi(a) as the sum over tracks, the KL of
 * the joint per-track distribution, greedy decoding at T = 0, the empirical frequencies of sampled
 * actions, and draws fixed by (seed, sample index, frame).
 */
class SamplingTest {
    private static final int K = KeyframeTable.TRACKS;
    private static final int C = 5;
    private static final int R = KeyframeTable.FIELDS - 2;

    static NextFrames random(long seed, int size, double spread) {
        Random r = new Random(seed);
        float[] active = new float[size * K];
        float[] assets = new float[size * K * C];
        for (int i = 0; i < active.length; i++) active[i] = (float) (r.nextGaussian() * spread);
        for (int i = 0; i < assets.length; i++) assets[i] = (float) (r.nextGaussian() * spread);
        return new NextFrames(size, C, active, assets, new double[size * K * R]);
    }

    @Property(tries = 60)
    void logProbIsTheSumOverTracksOfBernoulliAndCategorical(@ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 4) double t) {
        NextFrames d = random(seed, 2, 2);
        FrameAction a = ActionSampler.sample(d, 1, t, ActionSampler.random(seed, 3, 4));
        double expected = 0;
        for (int k = 0; k < K; k++) {
            double p = 1 / (1 + Math.exp(-d.activeLogit(1, k) / t));
            if (!a.active(k)) {
                expected += Math.log(1 - p);
                continue;
            }
            double sum = 0;
            for (int c = 0; c < C; c++) sum += Math.exp(d.assetLogit(1, k, c) / t);
            expected += Math.log(p) + d.assetLogit(1, k, a.assetClass(k)) / t - Math.log(sum);
        }
        assertEquals(expected, d.logProb(1, a, t), 1e-9);
        double[] probs = d.assetProbabilities(1, 0, t);
        assertEquals(1.0, java.util.Arrays.stream(probs).sum(), 1e-12);
    }

    @Property(tries = 60)
    void klIsZeroToItselfPositiveOtherwiseAndMatchesTheJointSum(@ForAll long seed) {
        NextFrames p = random(seed, 1, 1.5);
        NextFrames q = random(seed + 1, 1, 1.5);
        assertEquals(0, p.kl(0, p, 0, 1), 1e-12);
        double kl = p.kl(0, q, 0, 1);
        assertTrue(kl > 0, "KL " + kl);
        // By definition over the joint outcomes of each track: off, or on with class c.
        double sum = 0;
        for (int k = 0; k < K; k++) {
            double pa = p.activeProbability(0, k, 1);
            double qa = q.activeProbability(0, k, 1);
            sum += (1 - pa) * Math.log((1 - pa) / (1 - qa));
            double[] pc = p.assetProbabilities(0, k, 1);
            double[] qc = q.assetProbabilities(0, k, 1);
            for (int c = 0; c < C; c++) sum += pa * pc[c] * Math.log(pa * pc[c] / (qa * qc[c]));
        }
        assertEquals(sum, kl, 1e-9);
    }

    @Test
    void greedyTakesTheLikelyStateAndTheMostProbableClass() {
        NextFrames d = random(7, 3, 2);
        for (int b = 0; b < 3; b++) {
            FrameAction a = ActionSampler.sample(d, b, 0, ActionSampler.random(1, b, 0));
            FrameAction again = ActionSampler.sample(d, b, 0, ActionSampler.random(99, b + 5, 17));
            assertEquals(a, again, "greedy does not depend on the draws");
            for (int k = 0; k < K; k++) {
                assertEquals(d.activeLogit(b, k) >= 0, a.active(k));
                if (!a.active(k)) continue;
                for (int c = 0; c < C; c++) assertTrue(d.assetLogit(b, k, c) <= d.assetLogit(b, k, a.assetClass(k)));
            }
        }
    }

    @Test
    void sampledFrequenciesMatchTheTemperedProbabilities() {
        NextFrames d = random(11, 1, 1);
        double t = 0.7;
        int n = 20_000;
        int[] on = new int[K];
        int[][] classes = new int[K][C];
        for (int i = 0; i < n; i++) {
            FrameAction a = ActionSampler.sample(d, 0, t, ActionSampler.random(5, 0, i));
            for (int k = 0; k < K; k++) {
                if (!a.active(k)) continue;
                on[k]++;
                classes[k][a.assetClass(k)]++;
            }
        }
        for (int k = 0; k < K; k++) {
            double p = d.activeProbability(0, k, t);
            // Five standard errors: a real bias fails, chance almost never does.
            assertEquals(p, on[k] / (double) n, 5 * Math.sqrt(p * (1 - p) / n) + 1e-9, "V" + (k + 1) + " active");
            double[] pc = d.assetProbabilities(0, k, t);
            for (int c = 0; c < C; c++) {
                double se = Math.sqrt(pc[c] * (1 - pc[c]) / Math.max(1, on[k]));
                assertEquals(pc[c], classes[k][c] / (double) Math.max(1, on[k]), 5 * se + 1e-9, "V" + (k + 1) + " class " + c);
            }
        }
    }

    @Test
    void drawsComeFromSeedSampleAndFrameAlone() {
        NextFrames d = random(3, 4, 0.5);
        FrameAction a = ActionSampler.sample(d, 2, 1, ActionSampler.random(42, 7, 9));
        assertEquals(a, ActionSampler.sample(d, 2, 1, ActionSampler.random(42, 7, 9)));
        assertNotEquals(ActionSampler.random(42, 7, 9).nextLong(), ActionSampler.random(42, 8, 9).nextLong());
        assertNotEquals(ActionSampler.random(42, 7, 9).nextLong(), ActionSampler.random(42, 7, 10).nextLong());
        assertNotEquals(ActionSampler.random(42, 7, 9).nextLong(), ActionSampler.random(43, 7, 9).nextLong());
    }

    @Test
    void wassersteinIsTheAreaBetweenTheCdfs() {
        assertEquals(0, EditStatistics.wasserstein1(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertEquals(2, EditStatistics.wasserstein1(new double[] {1, 2}, new double[] {3, 4}), 1e-12);
        // Half the mass moves 4: {0, 0} to {0, 4}.
        assertEquals(2, EditStatistics.wasserstein1(new double[] {0, 0}, new double[] {0, 4}), 1e-12);
        assertEquals(1.5, EditStatistics.wasserstein1(new double[] {0}, new double[] {1, 2}), 1e-12);
        assertTrue(Double.isNaN(EditStatistics.wasserstein1(new double[0], new double[] {1})));
    }
}
