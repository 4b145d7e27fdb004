package dev.autoeditor.timeline.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.Rate;
import dev.autoeditor.util.UserException;
import java.math.BigInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FrameSamplerProperties {

    /** Sampled frames are strictly increasing, inside [0, length), each is floor(i * rate / fps) exactly. */
    @Property(tries = 300)
    void framesAreExactStrictlyIncreasingAndInside(@ForAll @IntRange(min = 1, max = 120) int timebase,
                                                   @ForAll boolean ntsc,
                                                   @ForAll @IntRange(min = 1, max = 600) int fpsTenths,
                                                   @ForAll @LongRange(min = 0, max = 20_000) long length) {
        Rate rate = new Rate(timebase, ntsc);
        SamplingRate sampling = new SamplingRate(fpsTenths, 10);
        FrameSampler s = sampling.sampler(rate, length);
        long previous = -1;
        boolean slower = (long) fpsTenths * rate.fpsDenominator() < 10L * rate.fpsNumerator();
        for (long i = 0; i < s.count(); i++) {
            long f = s.frame(i);
            assertTrue(f > previous && f < length, "frame " + f + " after " + previous);
            if (slower) {
                long exact = BigInteger.valueOf(i).multiply(BigInteger.valueOf(rate.fpsNumerator() * 10))
                        .divide(BigInteger.valueOf(rate.fpsDenominator() * fpsTenths)).longValueExact();
                assertEquals(exact, f);
            }
            previous = f;
        }
        if (slower) {
            // count = ceil(length * fps / rate): the next sample would land at or beyond the length.
            BigInteger num = BigInteger.valueOf(length).multiply(BigInteger.valueOf(fpsTenths * rate.fpsDenominator()));
            BigInteger den = BigInteger.valueOf(10 * rate.fpsNumerator());
            BigInteger[] qr = num.divideAndRemainder(den);
            assertEquals(qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0), s.count());
        } else {
            assertEquals(length, s.count(), "sampling at or above the sequence rate takes every frame once");
        }
    }

    @Property(tries = 100)
    void nativeTakesEveryFrame(@ForAll @IntRange(min = 1, max = 60) int timebase, @ForAll boolean ntsc,
                               @ForAll @LongRange(min = 0, max = 5000) long length) {
        FrameSampler s = SamplingRate.NATIVE.sampler(new Rate(timebase, ntsc), length);
        assertEquals(length, s.count());
        for (long i = 0; i < length; i++) assertEquals(i, s.frame(i));
    }

    @Example
    void doublesWouldDriftButFractionsDoNot() {
        // In doubles, sample i at frames-per-sample (30000 / 1001.0) / 5 lands at 5999.999999999999.
        double inDoubles = Math.floor(1001 * ((30000 / 1001.0) / 5));
        FrameSampler s = new SamplingRate(5, 1).sampler(new Rate(30, true), 10_000);
        assertEquals(6000, s.frame(1001));
        assertEquals(5999, inDoubles, "the drift this class exists to avoid");
    }

    @Example
    void parsesDecimalsFractionsAndNative() {
        assertEquals(new SamplingRate(5, 2), SamplingRate.parse("2.5", "--fps"));
        assertEquals(new SamplingRate(30000, 1001), SamplingRate.parse("30000/1001", "--fps"));
        assertEquals(new SamplingRate(2997, 100), SamplingRate.parse("29.970", "--fps"));
        assertTrue(SamplingRate.parse("native", "--fps").isNative());
        UserException e = assertThrows(UserException.class, () -> SamplingRate.parse("-3", "--fps"));
        assertTrue(e.getMessage().startsWith("--fps is '-3'"), e.getMessage());
        assertThrows(UserException.class, () -> SamplingRate.parse("0", "convert.sample_fps"));
        assertThrows(UserException.class, () -> SamplingRate.parse("fast", "convert.sample_fps"));
    }
}
