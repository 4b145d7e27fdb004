package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Source;
import java.util.ArrayList;
import java.util.List;

/** Looks and shots the styles share: fitted framing, push-ins, titles, fades. */
final class Framing {
    private Framing() {}

    /** The source fitted to the frame, centred. */
    static Look fit(SynthContext ctx, Source.File f) {
        return Look.fixed(SynthContext.motion(ctx.fitScale(f), 0, 0));
    }

    /** Generators render at the sequence size: scale 100, centred. */
    static Look generator() {
        return Look.fixed(Motion.IDENTITY);
    }

    /** A slow linear push-in from {@code from} to {@code to} percent over the whole clip. */
    static Look pushIn(double from, double to) {
        return Look.animated((in, out) -> new Motion(
                ramp(in, out, from, to, false), Param.constant(0), Param.constant(0)));
    }

    /**
     * A parameter going from {@code a} at the clip's first source frame to {@code b} at its last;
     * eased (FCP7 Bezier handles a third of the span long, flat) when {@code eased}.
     */
    static Param ramp(long in, long out, double a, double b, boolean eased) {
        double ra = SynthContext.round(a, 4);
        double rb = SynthContext.round(b, 4);
        if (!eased) return new Param(ra, List.of(Keyframe.linear(in, ra), Keyframe.linear(out, rb)));
        double third = SynthContext.round((out - in) / 3.0, 2);
        return new Param(ra, List.of(
                new Keyframe(in, ra, null, new Keyframe.Handle(third, 0)),
                new Keyframe(out, rb, new Keyframe.Handle(-third, 0), null)));
    }

    /** A crop with equal left and right edges and no top or bottom crop. */
    static Crop sides(double leftRight) {
        double v = SynthContext.round(leftRight, 4);
        return new Crop(Param.constant(v), Param.constant(v), Param.constant(0), Param.constant(0));
    }

    /**
     * Text generator shots: a lower third 2-6 s in, lasting 4-6 s, with probability
     * {@code firstChance}; a second one starting in the middle half of the sequence with
     * probability {@code secondChance}.
     */
    static List<Shot> lowerThirds(SynthContext ctx, double firstChance, double secondChance) {
        List<Shot> shots = new ArrayList<>();
        Dice d = ctx.dice;
        if (d.chance(firstChance)) {
            long start = ctx.frames(d.uniform(2, 6));
            long end = start + ctx.frames(d.uniform(4, 6));
            if (end < ctx.lengthFrames) shots.add(new Shot(MediaPool.text("Lower Third"), start, end, 0, generator()));
        }
        if (d.chance(secondChance)) {
            long start = ctx.frames(d.uniform(0.25, 0.75) * ctx.lengthFrames / ctx.rate.fps());
            long end = start + ctx.frames(d.uniform(4, 6));
            boolean clear = shots.isEmpty() || start > shots.get(0).end;
            if (clear && end < ctx.lengthFrames) {
                shots.add(new Shot(MediaPool.text("Lower Third 2"), start, end, 0, generator()));
            }
        }
        return shots;
    }

    /** Length of a cross dissolve: Premiere's default of one second mostly (0.6), else 0.4-1 s. */
    static int dissolveFrames(SynthContext ctx) {
        double seconds = ctx.dice.chance(0.6) ? 1.0 : ctx.dice.uniform(0.4, 1.0);
        return (int) ctx.frames(seconds);
    }

    /** Fade the first shot up from black and the last down to black, each with its probability. */
    static void fades(SynthContext ctx, List<Shot> track, double inChance, double outChance, double seconds) {
        if (track.isEmpty()) return;
        int frames = (int) ctx.frames(seconds);
        Shot first = track.get(0);
        if (ctx.dice.chance(inChance) && first.length() > 2L * frames) first.fadeIn = frames;
        Shot last = track.get(track.size() - 1);
        if (ctx.dice.chance(outChance) && last.length() > 2L * frames && last != first) last.fadeOut = frames;
    }

    /** A source frame to start at, leaving {@code handle} frames before and after a span of {@code length}. */
    static long sourceIn(SynthContext ctx, Source.File f, long length, long handle) {
        long latest = f.durationFrames() - length - handle;
        if (latest <= handle) return handle;
        return ctx.dice.betweenLong(handle, latest);
    }
}
