package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Vlog with picture-in-picture. V1: the host to camera, fast jump cuts, some punched in, in
 * chapters recorded in different sessions. V2: picture-in-picture overlays (screen recordings,
 * product shots) small in one corner the project keeps, often popping in. V3: short full-screen
 * cutaways between overlays and an end card. Documented in docs/synth.md.
 */
final class VlogStyle implements StyleGenerator {
    static final LogNormal CHAPTER = new LogNormal(45, 0.4, 20, 120);
    static final LogNormal JUMP = new LogNormal(4, 0.6, 1, 15);
    static final LogNormal PIP_LENGTH = new LogNormal(6, 0.5, 2.5, 20);
    static final LogNormal PIP_GAP = new LogNormal(12, 0.6, 3, 45);
    static final LogNormal CUTAWAY = new LogNormal(1.8, 0.4, 0.8, 4);
    static final double PUNCH_IN_CHANCE = 0.35;
    /** Overlay width as a fraction of the frame: per project in [0.25, 0.40]. */
    static final double PIP_MIN = 0.25;
    static final double PIP_MAX = 0.40;
    /** Corners top-right, bottom-right, top-left, bottom-left. */
    static final double[] CORNER_WEIGHTS = {0.5, 0.2, 0.15, 0.15};
    static final double POP_IN_CHANCE = 0.5;
    static final double POP_BEZIER_CHANCE = 0.3;
    static final int POP_FRAMES = 6;
    static final double CUTAWAY_CHANCE = 0.35;
    static final double END_CARD_CHANCE = 0.6;
    static final double DISABLED_CHANCE = 0.03;

    @Override
    public List<List<Shot>> plan(SynthContext ctx) {
        List<List<Shot>> tracks = new ArrayList<>();
        tracks.add(host(ctx));
        List<Shot> cutaways = new ArrayList<>();
        tracks.add(overlays(ctx, cutaways));
        if (ctx.dice.chance(END_CARD_CHANCE)) {
            long end = ctx.lengthFrames;
            cutaways.add(new Shot(MediaPool.text("End Card"), end - ctx.frames(5), end, 0, Framing.generator()));
        }
        tracks.add(cutaways);
        return tracks;
    }

    private List<Shot> host(SynthContext ctx) {
        Dice d = ctx.dice;
        long length = ctx.lengthFrames;
        int sessions = d.between(2, 3);
        long[] sourcePos = new long[sessions];
        for (int s = 0; s < sessions; s++) sourcePos[s] = ctx.frames(d.uniform(2, 20));
        List<long[]> plan = new ArrayList<>(); // {start, end, sourceIn, session, punched}
        long minLast = ctx.frames(JUMP.min());
        int chapter = 0;
        for (long t = 0; t < length; chapter++) {
            int session = chapter % sessions;
            long chapterEnd = Math.min(length, t + ctx.frames(CHAPTER));
            if (length - chapterEnd < ctx.frames(CHAPTER.min())) chapterEnd = length;
            while (t < chapterEnd) {
                long len = ctx.frames(JUMP);
                if (chapterEnd - (t + len) < minLast) len = chapterEnd - t;
                plan.add(new long[] {t, t + len, sourcePos[session], session, d.chance(PUNCH_IN_CHANCE) ? 1 : 0});
                sourcePos[session] += len + ctx.frames(d.uniform(0.3, 5));
                t += len;
            }
        }
        int[] size = ctx.cameraSize();
        List<Source.File> cameras = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            cameras.add(ctx.media.video("Footage", String.format(Locale.ROOT, "MVI_%04d.MP4", d.between(1000, 9999)),
                    sourcePos[s] + ctx.frames(10), size[0], size[1]));
        }
        List<Shot> shots = new ArrayList<>();
        for (long[] p : plan) {
            Source.File camera = cameras.get((int) p[3]);
            double fit = ctx.fitScale(camera);
            Look look = p[4] == 1
                    ? Look.fixed(SynthContext.motion(fit * d.uniform(1.10, 1.25), d.uniform(-0.03, 0.03), d.uniform(0, 0.04)))
                    : Framing.fit(ctx, camera);
            shots.add(new Shot(camera, p[0], p[1], p[2], look));
        }
        Framing.fades(ctx, shots, 0.0, 0.3, 0.5);
        return shots;
    }

    private List<Shot> overlays(SynthContext ctx, List<Shot> cutaways) {
        Dice d = ctx.dice;
        int corner = d.weighted(CORNER_WEIGHTS);
        int sx = corner == 0 || corner == 1 ? 1 : -1;
        int sy = corner == 0 || corner == 2 ? -1 : 1; // +y is down: top corners are negative
        double size = d.uniform(PIP_MIN, PIP_MAX);
        List<Source.File> screens = new ArrayList<>();
        int screenCount = d.between(4, 10);
        for (int i = 0; i < screenCount; i++) {
            boolean qhd = d.chance(0.4);
            screens.add(ctx.media.video("Screen", String.format(Locale.ROOT, "Screen Recording %02d.mov", i + 1),
                    ctx.frames(d.uniform(25, 90)), qhd ? 2560 : 1920, qhd ? 1440 : 1080));
        }
        List<Source.File> broll = new ArrayList<>();
        int brollCount = d.between(4, 10);
        for (int i = 0; i < brollCount; i++) {
            int[] px = ctx.cameraSize();
            broll.add(ctx.media.video("Broll", String.format(Locale.ROOT, "GX01%04d.MP4", d.between(1000, 9999)),
                    ctx.frames(d.uniform(6, 30)), px[0], px[1]));
        }
        long stop = ctx.lengthFrames - ctx.frames(1);
        long cutawayStop = ctx.lengthFrames - ctx.frames(6); // clear of the end card
        List<Shot> shots = new ArrayList<>();
        long t = ctx.frames(PIP_GAP);
        while (true) {
            long len = ctx.frames(PIP_LENGTH);
            if (t + len > stop) break;
            Source.File src = d.pick(screens);
            double s = size + d.uniform(-0.02, 0.02);
            double scale = ctx.fitScale(src) * s;
            double x = sx * (0.5 - s / 2 - 0.04);
            double y = sy * (0.5 - s / 2 - 0.06);
            Look look = d.chance(POP_IN_CHANCE)
                    ? popIn(scale, x, y, d.chance(POP_BEZIER_CHANCE))
                    : Look.fixed(SynthContext.motion(scale, x, y));
            Shot shot = new Shot(src, t, t + len, Framing.sourceIn(ctx, src, len, 0), look);
            if (d.chance(DISABLED_CHANCE)) shot.disabled();
            shots.add(shot);
            long gap = ctx.frames(PIP_GAP);
            long cut = ctx.frames(CUTAWAY);
            long cutStart = t + len + (gap - cut) / 2;
            if (d.chance(CUTAWAY_CHANCE) && gap > cut + ctx.frames(2) && cutStart + cut <= cutawayStop) {
                Source.File b = d.pick(broll);
                cutaways.add(new Shot(b, cutStart, cutStart + cut, Framing.sourceIn(ctx, b, cut, 0), Framing.fit(ctx, b)));
            }
            t += len + gap;
        }
        return shots;
    }

    /**
     * Scale keyframed from 0 to full over the first frames; eased when asked, with flat Bezier
     * handles a third of the segment long (FCP7's ease in and out).
     */
    private static Look popIn(double scale, double x, double y, boolean bezier) {
        double target = SynthContext.round(scale, 4);
        return Look.animated((in, out) -> {
            List<Keyframe> keys = bezier
                    ? List.of(new Keyframe(in, 0, null, new Keyframe.Handle(2, 0)),
                            new Keyframe(in + POP_FRAMES, target, new Keyframe.Handle(-2, 0), null))
                    : List.of(Keyframe.linear(in, 0), Keyframe.linear(in + POP_FRAMES, target));
            return new Motion(new Param(target, keys),
                    Param.constant(SynthContext.round(x, 4)), Param.constant(SynthContext.round(y, 4)));
        });
    }
}
