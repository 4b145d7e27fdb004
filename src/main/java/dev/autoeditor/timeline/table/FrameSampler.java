package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Rate;
import java.math.BigInteger;

/**
 * The sampled frames of one sequence: frame(i) = floor(i * rate / fps) for i = 0, 1, ... while the
 * frame is below the sequence length, computed in exact integer arithmetic. With {@code native}
 * sampling, or a sampling rate at or above the sequence's own rate, every frame is taken once (a
 * faster sampling would only repeat frames). The frames are strictly increasing.
 */
public final class FrameSampler {
    private final long lengthFrames;
    private final boolean everyFrame;
    /** frame(i) = floor(i * stepNum / stepDen), where stepNum/stepDen = rate / fps. */
    private final long stepNum;
    private final long stepDen;
    private final long count;

    FrameSampler(Rate rate, SamplingRate sampling, long lengthFrames) {
        if (lengthFrames < 0) throw new IllegalArgumentException("negative length " + lengthFrames);
        this.lengthFrames = lengthFrames;
        // rate / fps = (rateNum / rateDen) / (fpsNum / fpsDen) = rateNum * fpsDen / (rateDen * fpsNum)
        long num = sampling.isNative() ? 1 : Math.multiplyExact(rate.fpsNumerator(), sampling.denominator());
        long den = sampling.isNative() ? 1 : Math.multiplyExact(rate.fpsDenominator(), sampling.numerator());
        this.everyFrame = num <= den;
        if (everyFrame) {
            this.stepNum = 1;
            this.stepDen = 1;
            this.count = lengthFrames;
        } else {
            long g = BigInteger.valueOf(num).gcd(BigInteger.valueOf(den)).longValueExact();
            this.stepNum = num / g;
            this.stepDen = den / g;
            // frame(i) < L  <=>  i * stepNum / stepDen < L  <=>  i < L * stepDen / stepNum: count = ceil of that.
            BigInteger bound = BigInteger.valueOf(lengthFrames).multiply(BigInteger.valueOf(stepDen));
            BigInteger[] qr = bound.divideAndRemainder(BigInteger.valueOf(stepNum));
            this.count = qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
        }
    }

    /** How many frames are sampled. */
    public long count() {
        return count;
    }

    /** The i-th sampled frame (0 <= i < count()). */
    public long frame(long i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("sample " + i + " of " + count);
        return frameAt(i);
    }

    /**
     * The frame of sample i on the same grid for any i >= 0, also past the sequence's end: where a
     * continuation of the sequence puts its samples. Sample i covers frames [frameAt(i), frameAt(i + 1)).
     */
    public long frameAt(long i) {
        if (i < 0) throw new IndexOutOfBoundsException("negative sample " + i);
        if (everyFrame) return i;
        // i * stepNum fits a long for any realistic sequence; multiplyHigh guards the rest exactly.
        long hi = Math.multiplyHigh(i, stepNum);
        if (hi == 0 && i * stepNum >= 0) return (i * stepNum) / stepDen;
        return BigInteger.valueOf(i).multiply(BigInteger.valueOf(stepNum)).divide(BigInteger.valueOf(stepDen)).longValueExact();
    }

    public long lengthFrames() {
        return lengthFrames;
    }
}
