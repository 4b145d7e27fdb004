package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PPO's and the reward model's arithmetic against values worked out by hand (the working is in each test). */
class PpoMathTest {
    private static final double EPS = 1e-12;

    @Test
    void gaeOnAShortRewardSequence() {
        // gamma 1, lambda 0.95; rewards 0, 0, 1; values 0.5, 0.6, 0.7; no value after the last step.
        // delta2 = 1 + 0 - 0.7 = 0.3                 A2 = 0.3
        // delta1 = 0 + 0.7 - 0.6 = 0.1               A1 = 0.1 + 0.95 * 0.3 = 0.385
        // delta0 = 0 + 0.6 - 0.5 = 0.1               A0 = 0.1 + 0.95 * 0.385 = 0.46575
        double[] a = PpoMath.gae(new double[] {0, 0, 1}, new double[] {0.5, 0.6, 0.7}, 1.0, 0.95);
        assertArrayEquals(new double[] {0.46575, 0.385, 0.3}, a, EPS);
        // lambda 1: the Monte-Carlo return minus the value, 1 - V.
        assertArrayEquals(new double[] {0.5, 0.4, 0.3}, PpoMath.gae(new double[] {0, 0, 1}, new double[] {0.5, 0.6, 0.7}, 1.0, 1.0), EPS);
        // lambda 0: one-step TD errors.
        assertArrayEquals(new double[] {0.1, 0.1, 0.3}, PpoMath.gae(new double[] {0, 0, 1}, new double[] {0.5, 0.6, 0.7}, 1.0, 0.0), EPS);
        // gamma 0.5, lambda 1, rewards 1, 1, values 0: A1 = 1, A0 = 1 + 0.5 * 1 = 1.5.
        assertArrayEquals(new double[] {1.5, 1.0}, PpoMath.gae(new double[] {1, 1}, new double[] {0, 0}, 0.5, 1.0), EPS);
    }

    @Test
    void rewardsAreTheKlPenaltyWithTheScoreAtTheEnd() {
        // score 2, k1 0.1, -0.2, 0.3 (the second continuation of a batch, from index 3), beta 0.5:
        // -0.05, 0.1, -0.15 + 2 = 1.85.
        double[] k1 = {9, 9, 9, 0.1, -0.2, 0.3};
        assertArrayEquals(new double[] {-0.05, 0.1, 1.85}, PpoMath.rewards(2.0, k1, 3, 3, 0.5), EPS);
    }

    @Test
    void k1AndApproximateKl() {
        // k1 = log pi - log pi_ref: -1.0 - -1.2 = 0.2, -0.5 - -0.4 = -0.1.
        assertArrayEquals(new double[] {0.2, -0.1}, PpoMath.k1(new double[] {-1.0, -0.5}, new double[] {-1.2, -0.4}), EPS);
        // approx KL = 0.5 * mean(d^2) = 0.5 * (0.04 + 0.01) / 2 = 0.0125.
        assertEquals(0.0125, PpoMath.approxKl(new double[] {0.2, -0.1}), EPS);
        assertEquals(0.0, PpoMath.approxKl(new double[] {0, 0, 0}), EPS);
    }

    @Test
    void clippedObjectiveInsideAndOutsideTheClipRange() {
        double eps = 0.2;
        // Inside [0.8, 1.2]: both terms are -A r. r 1.1, A 2: -2.2; r 0.9, A -1: 0.9.
        assertEquals(-2.2, PpoMath.clippedLoss(1.1, 2, eps), EPS);
        assertFalse(PpoMath.clipped(1.1, 2, eps));
        assertEquals(0.9, PpoMath.clippedLoss(0.9, -1, eps), EPS);
        assertFalse(PpoMath.clipped(0.9, -1, eps));
        // Above, A > 0: max(-3.0, -2.4) = -2.4, clipped (no gain for pushing r further).
        assertEquals(-2.4, PpoMath.clippedLoss(1.5, 2, eps), EPS);
        assertTrue(PpoMath.clipped(1.5, 2, eps));
        // Above, A < 0: max(3.0, 2.4) = 3.0, not clipped (the pessimistic term keeps the penalty).
        assertEquals(3.0, PpoMath.clippedLoss(1.5, -2, eps), EPS);
        assertFalse(PpoMath.clipped(1.5, -2, eps));
        // Below, A > 0: max(-1.0, -1.6) = -1.0, not clipped.
        assertEquals(-1.0, PpoMath.clippedLoss(0.5, 2, eps), EPS);
        assertFalse(PpoMath.clipped(0.5, 2, eps));
        // Below, A < 0: max(1.0, 1.6) = 1.6, clipped.
        assertEquals(1.6, PpoMath.clippedLoss(0.5, -2, eps), EPS);
        assertTrue(PpoMath.clipped(0.5, -2, eps));
    }

    @Test
    void valueClipping() {
        // old 1.0, eps 0.2, return 2.0: a new value of 1.5 is clipped to 1.2, error 0.64 > 0.25: clipped counts.
        assertTrue(PpoMath.valueClipped(1.5, 1.0, 2.0, 0.2));
        // A new value of 1.1 is inside: same error both ways.
        assertFalse(PpoMath.valueClipped(1.1, 1.0, 2.0, 0.2));
        // Overshooting past the return: 2.5 clips to 1.2 (error 0.64) vs 0.25 unclipped: clipped counts.
        assertTrue(PpoMath.valueClipped(2.5, 1.0, 2.0, 0.2));
        // Moving away from the return: 0.5 clips to 0.8 (error 1.44) vs 2.25: the unclipped is larger.
        assertFalse(PpoMath.valueClipped(0.5, 1.0, 2.0, 0.2));
    }

    @Test
    void bradleyTerryLoss() {
        // -log sigmoid(d): d = 2 -> log(1 + e^-2) = 0.126928...; d = 0 -> log 2; d = -3 -> 3 + log(1 + e^-3).
        assertEquals(0.1269280110429725, PpoMath.bradleyTerry(3.5, 1.5), 1e-15);
        assertEquals(Math.log(2), PpoMath.bradleyTerry(0.7, 0.7), 1e-15);
        assertEquals(3.048587351573742, PpoMath.bradleyTerry(-1, 2), 1e-15);
        // Stable far out: no overflow, and the limit is -d.
        assertEquals(1000.0, PpoMath.bradleyTerry(-1000, 0), 1e-9);
        assertEquals(0.0, PpoMath.bradleyTerry(1000, 0), 1e-300);
    }

    @Test
    void whiteningUsesTheUnbiasedVariance() {
        // 1, 2, 3: mean 2, unbiased variance 1.
        double s = 1 / Math.sqrt(1 + 1e-8);
        assertArrayEquals(new double[] {-s, 0, s}, PpoMath.whiten(new double[] {1, 2, 3}), EPS);
    }

    @Test
    void wilsonInterval() {
        // p 0.5 over 200: centre 0.5, half-width z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4 n^2)) = 0.068639...
        assertArrayEquals(new double[] {0.43136085960389187, 0.5686391403961082}, PpoMath.wilson(0.5, 200), 1e-12);
        assertArrayEquals(new double[] {0.53083672039262, 0.6653942143319266}, PpoMath.wilson(0.6, 200), 1e-12);
        assertArrayEquals(new double[] {0.4901624715366418, 0.9433178485456248}, PpoMath.wilson(0.8, 10), 1e-12);
    }

    @Test
    void adaptiveBetaMovesTowardTheTarget() {
        // target 6, horizon 100, 10 continuations: KL 9 is 50% over, clipped to 20%: beta *= 1 + 0.2 * 10 / 100 = 1.02.
        KlController kl = new KlController("adaptive", 0.1, 6, 100);
        kl.update(9, 10);
        assertEquals(0.102, kl.beta(), EPS);
        // KL 4.5 is 25% under, clipped to -20%: beta *= 0.98.
        kl.update(4.5, 10);
        assertEquals(0.102 * 0.98, kl.beta(), EPS);
        // KL 6.6 is 10% over: beta *= 1.01.
        kl.update(6.6, 10);
        assertEquals(0.102 * 0.98 * 1.01, kl.beta(), 1e-12);
        KlController fixed = new KlController("fixed", 0.1, 6, 100);
        fixed.update(100, 10);
        assertEquals(0.1, fixed.beta(), EPS);
        KlController resumed = new KlController("adaptive", 0.5, 6, 100);
        resumed.restore(kl.state());
        assertEquals(kl.beta(), resumed.beta(), 0);
    }
}
