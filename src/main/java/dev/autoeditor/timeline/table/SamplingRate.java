package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Rate;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How often the keyframe table samples a sequence: every frame ({@link #NATIVE}), or {@code num/den}
 * samples per second of timeline, kept as an exact fraction so that sample i lands on frame
 * floor(i * rate / fps) with no rounding drift (in doubles, sample 6000 of 29.97 fps at 29.97 fps
 * comes out as frame 5999).
 */
public record SamplingRate(long numerator, long denominator) {
    /** Every frame of the sequence. */
    public static final SamplingRate NATIVE = new SamplingRate(0, 1);

    public SamplingRate {
        if (denominator <= 0 || numerator < 0) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + numerator + "/" + denominator);
        }
        long g = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).longValueExact();
        if (g > 1) {
            numerator /= g;
            denominator /= g;
        }
    }

    public boolean isNative() {
        return numerator == 0;
    }

    /**
     * Parses {@code native}, a decimal ({@code 5}, {@code 2.5}, {@code 29.97}) or a fraction
     * ({@code 30000/1001}); {@code where} names the option or key in the error message.
     */
    public static SamplingRate parse(String text, String where) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("native")) return NATIVE;
        try {
            int slash = t.indexOf('/');
            if (slash >= 0) {
                long num = Long.parseLong(t.substring(0, slash).trim());
                long den = Long.parseLong(t.substring(slash + 1).trim());
                if (num > 0 && den > 0) return new SamplingRate(num, den);
            } else {
                BigDecimal d = new BigDecimal(t);
                if (d.signum() > 0 && d.scale() <= 9 && d.compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
                    BigDecimal scaled = d.stripTrailingZeros();
                    int scale = Math.max(0, scaled.scale());
                    long num = scaled.movePointRight(scale).longValueExact();
                    return new SamplingRate(num, BigInteger.TEN.pow(scale).longValueExact());
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below with the accepted forms
        }
        throw new dev.autoeditor.util.UserException(where + " is '" + text
                + "'; use 'native', a positive number of samples per second such as 5 or 2.5, or a fraction such as 30000/1001");
    }

    /** The frames of a sequence of {@code lengthFrames} at {@code rate} that this sampling takes. */
    public FrameSampler sampler(Rate rate, long lengthFrames) {
        return new FrameSampler(rate, this, lengthFrames);
    }

    @Override
    public String toString() {
        if (isNative()) return "native";
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }
}
