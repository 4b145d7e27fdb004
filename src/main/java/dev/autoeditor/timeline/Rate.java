package dev.autoeditor.timeline;

/**
 * A frame rate as xmeml states it: an integer timebase and the NTSC flag. NTSC rates are
 * timebase x 1000/1001 (timebase 24 with ntsc TRUE is 23.976 fps), kept as an exact fraction.
 */
public record Rate(int timebase, boolean ntsc) {
    public Rate {
        if (timebase <= 0) throw new IllegalArgumentException("timebase must be positive, got " + timebase);
    }

    /** Numerator of frames per second as a fraction. */
    public long fpsNumerator() {
        return ntsc ? timebase * 1000L : timebase;
    }

    /** Denominator of frames per second as a fraction. */
    public long fpsDenominator() {
        return ntsc ? 1001L : 1L;
    }

    public double fps() {
        return (double) fpsNumerator() / fpsDenominator();
    }

    /**
     * {@code frames} at this rate as frames at {@code to}, to the nearest frame (halves up), exactly:
     * how Premiere states a 4322-frame 29.97 fps file in a 25 fps sequence (3606).
     */
    public long convert(long frames, Rate to) {
        if (equals(to)) return frames;
        java.math.BigInteger num = java.math.BigInteger.valueOf(frames).multiply(java.math.BigInteger.valueOf(to.fpsNumerator()))
                .multiply(java.math.BigInteger.valueOf(fpsDenominator()));
        java.math.BigInteger den = java.math.BigInteger.valueOf(to.fpsDenominator()).multiply(java.math.BigInteger.valueOf(fpsNumerator()));
        return num.add(den.shiftRight(1)).divide(den).longValueExact();
    }

    /** Seconds at a frame number. */
    public double seconds(long frame) {
        return frame * (double) fpsDenominator() / fpsNumerator();
    }
}
