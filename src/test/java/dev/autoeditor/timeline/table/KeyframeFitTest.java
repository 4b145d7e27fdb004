package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Param;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyframeFitTest {

    private static double[] frames(int n, int step, int in) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = in + (double) i * step;
        return t;
    }

    @Test
    void valuesWithinTheToleranceAreAConstant() {
        assertEquals(Param.constant(100), KeyframeFit.fit(frames(5, 5, 0), new double[] {100, 100.2, 99.9, 100.3, 100}, 0.5));
        assertEquals(Param.constant(100), KeyframeFit.fit(frames(1, 5, 0), new double[] {100}, 0));
        // Not within 0.5 of the first value, but of their middle.
        assertEquals(Param.constant(100.5), KeyframeFit.fit(frames(3, 5, 0), new double[] {100, 101, 100.5}, 0.5));
    }

    @Test
    void aStepIsTwoHoldsJoinedByOneSampleRamp() {
        Param p = KeyframeFit.fit(frames(6, 5, 100), new double[] {100, 100, 100, 120, 120, 120}, 0);
        assertEquals(List.of(Keyframe.linear(100, 100), Keyframe.linear(110, 100), Keyframe.linear(115, 120),
                Keyframe.linear(125, 120)), p.keyframes());
    }

    @Test
    void aRampIsOneSegment() {
        Param p = KeyframeFit.fit(frames(50, 1, 10), java.util.stream.IntStream.range(0, 50).mapToDouble(i -> 100 + 0.5 * i).toArray(), 0);
        assertEquals(List.of(Keyframe.linear(10, 100), Keyframe.linear(59, 124.5)), p.keyframes());
    }

    /**
     * Keyframes carry values the frames hold, so a ramp with +-0.2 of alternating noise is one segment
     * from a tolerance of 0.4 (the line from one noisy end to the other passes 0.4 from the points of
     * the other sign), and several below it.
     */
    @Test
    void theToleranceAbsorbsNoise() {
        double[] v = new double[40];
        for (int i = 0; i < v.length; i++) v[i] = 100 + i + (i % 2 == 0 ? 0.2 : -0.2);
        assertEquals(2, KeyframeFit.fit(frames(40, 5, 0), v, 0.4).keyframes().size());
        assertTrue(KeyframeFit.fit(frames(40, 5, 0), v, 0.3).keyframes().size() > 2);
        assertTrue(KeyframeFit.fit(frames(40, 5, 0), v, 0.1).keyframes().size() > 10);
    }

    @Test
    void timesMustIncrease() {
        assertThrows(IllegalArgumentException.class, () -> KeyframeFit.fit(new double[] {0, 0}, new double[] {1, 2}, 0));
    }

    record Series(double[] t, double[] v, double tolerance) {}

    @Provide
    Arbitrary<Series> series() {
        return Arbitraries.randomValue(r -> {
            int n = 1 + r.nextInt(12);
            double[] t = new double[n];
            double[] v = new double[n];
            double x = r.nextInt(50);
            double y = r.nextInt(200);
            for (int i = 0; i < n; i++) {
                x += 1 + r.nextInt(6);
                if (r.nextInt(3) == 0) y += r.nextInt(21) - 10;
                t[i] = x;
                v[i] = y + (r.nextInt(4) == 0 ? r.nextDouble() : 0);
            }
            return new Series(t, v, r.nextInt(3) * 0.5);
        });
    }

    /** Every sample lies within the tolerance of the fitted parameter, at its source frame. */
    @Property(tries = 1000)
    void everySampleIsWithinTheTolerance(@ForAll("series") Series s) {
        Param p = KeyframeFit.fit(s.t(), s.v(), s.tolerance());
        for (int i = 0; i < s.t().length; i++) assertTrue(Math.abs(p.valueAt(s.t()[i]) - s.v()[i]) <= s.tolerance() + 1e-9);
        for (Keyframe k : p.keyframes()) {
            assertTrue(k.when() >= s.t()[0] && k.when() <= s.t()[s.t().length - 1], "keyframes lie on the samples' span");
        }
    }

    /** No polyline with knots at samples has fewer segments (checked by trying every knot subset). */
    @Property(tries = 300)
    void theFitHasTheFewestSegments(@ForAll("series") Series s) {
        Param p = KeyframeFit.fit(s.t(), s.v(), s.tolerance());
        if (!p.animated()) return;
        int n = s.t().length;
        int best = Integer.MAX_VALUE;
        for (int mask = 0; mask < 1 << (n - 2); mask++) {
            int[] knots = new int[Integer.bitCount(mask) + 2];
            int j = 0;
            knots[j++] = 0;
            for (int i = 1; i < n - 1; i++) if ((mask >> (i - 1) & 1) != 0) knots[j++] = i;
            knots[j] = n - 1;
            if (fits(s, knots)) best = Math.min(best, knots.length - 1);
        }
        assertEquals(best, p.keyframes().size() - 1);
        assertFalse(p.keyframes().size() < 2);
    }

    private static boolean fits(Series s, int[] knots) {
        for (int k = 0; k + 1 < knots.length; k++) {
            int a = knots[k];
            int b = knots[k + 1];
            for (int i = a; i <= b; i++) {
                double line = s.v()[a] + (s.v()[b] - s.v()[a]) * (s.t()[i] - s.t()[a]) / (s.t()[b] - s.t()[a]);
                if (Math.abs(line - s.v()[i]) > s.tolerance() + 1e-9) return false;
            }
        }
        return true;
    }
}
