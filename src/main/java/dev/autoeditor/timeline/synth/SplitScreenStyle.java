package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * Split screen with crops: a conversation of two or three synchronised participants. Sections
 * alternate between one speaker full screen on V1 and all participants side by side, participant i
 * on track i+1, each cropped to a vertical strip (left and right crop 50(1 - 1/n) percent) and moved
 * to its column (centre x = -0.5 + (i + 0.5)/n). Documented in docs/synth.md.
 */
final class SplitScreenStyle implements StyleGenerator {
    static final LogNormal FULL_SECTION = new LogNormal(8, 0.5, 3, 25);
    static final LogNormal SPLIT_SECTION = new LogNormal(12, 0.5, 4, 40);
    static final double THREE_WAY_CHANCE = 0.3;
    static final double WIPE_CHANCE = 0.2;
    static final int WIPE_FRAMES = 8;
    static final double DISSOLVE_CHANCE = 0.2;

    @Override
    public List<List<Shot>> plan(SynthContext ctx) {
        Dice d = ctx.dice;
        int n = d.chance(THREE_WAY_CHANCE) ? 3 : 2;
        long length = ctx.lengthFrames;
        List<Source.File> people = new ArrayList<>();
        long[] offset = new long[n];
        for (int i = 0; i < n; i++) {
            offset[i] = ctx.frames(d.uniform(2, 30));
            boolean webcam = d.chance(0.3);
            people.add(ctx.media.video("Calls", "Participant_" + (char) ('A' + i) + ".mp4",
                    length + offset[i] + ctx.frames(10), webcam ? 1280 : 1920, webcam ? 720 : 1080));
        }
        List<List<Shot>> tracks = new ArrayList<>();
        for (int i = 0; i < n; i++) tracks.add(new ArrayList<>());
        boolean split = d.chance(0.5);
        int lastSpeaker = -1;
        for (long t = 0; t < length; split = !split) {
            long len = ctx.frames(split ? SPLIT_SECTION : FULL_SECTION);
            if (length - (t + len) < ctx.frames(FULL_SECTION.min())) len = length - t;
            if (split) {
                boolean wipe = d.chance(WIPE_CHANCE);
                for (int i = 0; i < n; i++) {
                    Source.File p = people.get(i);
                    tracks.get(i).add(new Shot(p, t, t + len, t + offset[i], panel(ctx, p, i, n, wipe)));
                }
            } else {
                int speaker = d.between(0, n - 1);
                if (speaker == lastSpeaker) speaker = (speaker + 1) % n;
                lastSpeaker = speaker;
                Source.File p = people.get(speaker);
                tracks.get(0).add(new Shot(p, t, t + len, t + offset[speaker], Framing.fit(ctx, p)));
            }
            t += len;
        }
        List<Shot> v1 = tracks.get(0);
        for (int k = 0; k + 1 < v1.size(); k++) {
            if (d.chance(DISSOLVE_CHANCE)) v1.get(k).dissolveAfter = Framing.dissolveFrames(ctx);
        }
        Framing.fades(ctx, v1, 0.5, 0.5, 1.0);
        return tracks;
    }

    /** Participant i of n as a cropped column; the crop opens from the centre line when {@code wipe}. */
    private static Look panel(SynthContext ctx, Source.File p, int i, int n, boolean wipe) {
        double side = SynthContext.round(50.0 * (1 - 1.0 / n), 4);
        double x = SynthContext.round(-0.5 + (i + 0.5) / n, 4);
        Motion motion = SynthContext.motion(ctx.fitScale(p), x, 0);
        if (!wipe) return Look.fixed(motion, Framing.sides(side));
        return Look.of((in, out) -> motion, (in, out) -> {
            Param opening = new Param(side, List.of(Keyframe.linear(in, 50), Keyframe.linear(in + WIPE_FRAMES, side)));
            return new Crop(opening, opening, Param.constant(0), Param.constant(0));
        });
    }
}
