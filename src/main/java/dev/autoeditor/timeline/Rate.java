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

    /** Seconds at a frame number. */
    public double seconds(long frame) {
        return frame * (double) fpsDenominator() / fpsNumerator();
    }
}
