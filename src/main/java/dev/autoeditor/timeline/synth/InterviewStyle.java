package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Interview with B-roll cutaways. V1: one continuous interview camera, cut into answers (jump cuts
 * that drop pauses), every other answer punched in to hide the jump. V2: bursts of full-screen
 * B-roll over the interview. V3: text lower thirds. Rules and numbers are documented in
 * docs/synth.md.
 */
final class InterviewStyle implements StyleGenerator {
    static final LogNormal ANSWER = new LogNormal(12, 0.5, 3, 40);
    static final LogNormal BROLL_GAP = new LogNormal(10, 0.6, 3, 40);
    static final LogNormal BROLL_SHOT = new LogNormal(3.5, 0.4, 1.5, 8);
    static final double PUNCH_IN_CHANCE = 0.7;
    static final double PUNCH_MIN = 1.15;
    static final double PUNCH_MAX = 1.30;
    static final double BROLL_PUSH_CHANCE = 0.25;
    static final double BROLL_DISSOLVE_CHANCE = 0.15;
    static final double DISABLED_CHANCE = 0.03;
    /** Burst sizes 1, 2, 3, 4 shots. */
    static final double[] BURST_WEIGHTS = {0.45, 0.30, 0.17, 0.08};

    @Override
    public List<List<Shot>> plan(SynthContext ctx) {
        List<List<Shot>> tracks = new ArrayList<>();
        tracks.add(interview(ctx));
        tracks.add(broll(ctx));
        List<Shot> titles = Framing.lowerThirds(ctx, 0.7, 0.5);
        if (!titles.isEmpty()) tracks.add(titles);
        return tracks;
    }

    private List<Shot> interview(SynthContext ctx) {
        Dice d = ctx.dice;
        long length = ctx.lengthFrames;
        long minLast = ctx.frames(ANSWER.min());
        List<long[]> segments = new ArrayList<>(); // {start, end, sourceIn}
        long sourcePos = ctx.frames(d.uniform(5, 60));
        for (long t = 0; t < length; ) {
            long len = ctx.frames(ANSWER);
            if (length - (t + len) < minLast) len = length - t;
            segments.add(new long[] {t, t + len, sourcePos});
            sourcePos += len + ctx.frames(d.uniform(1, 20)); // the pause or false start that was cut out
            t += len;
        }
        int[] size = ctx.cameraSize();
        Source.File camera = ctx.media.video("Interview", "A001_C00" + d.between(1, 9) + "_interview.mov",
                sourcePos + ctx.frames(30), size[0], size[1]);
        double fit = ctx.fitScale(camera);
        List<Shot> shots = new ArrayList<>();
        for (int k = 0; k < segments.size(); k++) {
            long[] s = segments.get(k);
            Look look = Framing.fit(ctx, camera);
            if (k % 2 == 1 && d.chance(PUNCH_IN_CHANCE)) {
                look = Look.fixed(SynthContext.motion(fit * d.uniform(PUNCH_MIN, PUNCH_MAX),
                        d.uniform(-0.04, 0.04), d.uniform(0.02, 0.06)));
            }
            shots.add(new Shot(camera, s[0], s[1], s[2], look));
        }
        Framing.fades(ctx, shots, 0.4, 0.5, 1.0);
        return shots;
    }

    private List<Shot> broll(SynthContext ctx) {
        Dice d = ctx.dice;
        List<Source.File> pool = new ArrayList<>();
        int poolSize = d.between(8, 20);
        for (int i = 0; i < poolSize; i++) {
            int[] size = ctx.cameraSize();
            pool.add(ctx.media.video("Broll", String.format(Locale.ROOT, "Broll_%03d.mov", i + 1),
                    ctx.frames(d.uniform(10, 60)), size[0], size[1]));
        }
        long handle = ctx.frames(1);
        long stop = ctx.lengthFrames - ctx.frames(2);
        List<Shot> shots = new ArrayList<>();
        long t = ctx.frames(BROLL_GAP);
        Source.File previous = null;
        bursts:
        while (t < stop) {
            int n = 1 + d.weighted(BURST_WEIGHTS);
            for (int i = 0; i < n; i++) {
                long len = ctx.frames(BROLL_SHOT);
                if (t + len > stop) break bursts;
                Source.File src = d.pick(pool);
                while (src == previous) src = d.pick(pool);
                previous = src;
                double fit = ctx.fitScale(src);
                Look look = d.chance(BROLL_PUSH_CHANCE)
                        ? Framing.pushIn(fit, fit * d.uniform(1.05, 1.15))
                        : Framing.fit(ctx, src);
                Shot shot = new Shot(src, t, t + len, Framing.sourceIn(ctx, src, len, handle), look);
                if (d.chance(DISABLED_CHANCE)) shot.disabled();
                if (i > 0 && d.chance(BROLL_DISSOLVE_CHANCE)) {
                    shots.get(shots.size() - 1).dissolveAfter = Framing.dissolveFrames(ctx);
                }
                shots.add(shot);
                t += len;
            }
            t += ctx.frames(BROLL_GAP);
        }
        return shots;
    }
}
