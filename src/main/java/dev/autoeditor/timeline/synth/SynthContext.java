package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Source;

/** What a style needs to plan one sequence: the dice, the frame rate and size, length and media. */
final class SynthContext {
    final Dice dice;
    final Rate rate;
    final int width;
    final int height;
    final long lengthFrames;
    final MediaPool media;

    SynthContext(Dice dice, Rate rate, int width, int height, long lengthFrames, MediaPool media) {
        this.dice = dice;
        this.rate = rate;
        this.width = width;
        this.height = height;
        this.lengthFrames = lengthFrames;
        this.media = media;
    }

    /** Seconds to whole frames at the sequence rate. */
    long frames(double seconds) {
        return Math.round(seconds * rate.fps());
    }

    /** A log-normal draw as whole frames, at least one. */
    long frames(LogNormal distribution) {
        return Math.max(1, frames(distribution.sample(dice)));
    }

    /** Scale (percent of the source's pixels) at which a source fits inside the frame. */
    double fitScale(Source.File f) {
        return round(100.0 * Math.min((double) width / f.width(), (double) height / f.height()), 4);
    }

    /** Scale at which a source covers the whole frame (no black bars). */
    double fillScale(Source.File f) {
        return round(100.0 * Math.max((double) width / f.width(), (double) height / f.height()), 4);
    }

    /** Camera media is full HD or UHD; UHD sources sit at scale 50 in an HD sequence. */
    int[] cameraSize() {
        return dice.chance(0.3) ? new int[] {3840, 2160} : new int[] {1920, 1080};
    }

    static Motion motion(double scale, double x, double y) {
        return new Motion(Param.constant(round(scale, 4)), Param.constant(round(x, 4)), Param.constant(round(y, 4)));
    }

    /** Rounds to a number of decimals, as exports print a handful of significant digits. */
    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
