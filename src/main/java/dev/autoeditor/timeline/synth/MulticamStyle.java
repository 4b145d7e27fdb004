package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-camera cutting: two to four synchronised cameras of one event cut on V1 with straight cuts,
 * the wide camera A chosen most often, never the same angle twice in a row. A UHD camera A also
 * yields a "virtual close-up" (scale doubled, off centre). V2 holds the alternative angle the editor
 * tried and disabled; V3 lower thirds. Documented in docs/synth.md.
 */
final class MulticamStyle implements StyleGenerator {
    static final LogNormal SHOT = new LogNormal(5, 0.5, 1.5, 20);
    /** Two, three or four cameras. */
    static final double[] ANGLE_COUNT_WEIGHTS = {0.3, 0.45, 0.25};
    static final double WIDE_WEIGHT = 0.4;
    static final double UHD_WIDE_CHANCE = 0.35;
    static final double ALTERNATIVE_CHANCE = 0.05;

    /** An angle: a camera and how it is framed. */
    private record Angle(Source.File camera, long offset, Look look) {}

    @Override
    public List<List<Shot>> plan(SynthContext ctx) {
        Dice d = ctx.dice;
        long length = ctx.lengthFrames;
        int cameras = 2 + d.weighted(ANGLE_COUNT_WEIGHTS);
        long eventStart = ctx.frames(d.uniform(5, 60));
        List<Angle> angles = new ArrayList<>();
        for (int c = 0; c < cameras; c++) {
            boolean uhd = c == 0 ? d.chance(UHD_WIDE_CHANCE) : d.chance(0.3);
            long offset = eventStart + ctx.frames(d.uniform(0, 20));
            Source.File cam = ctx.media.video("Cameras", "Cam" + (char) ('A' + c) + "_0001.mov",
                    length + offset + ctx.frames(15), uhd ? 3840 : 1920, uhd ? 2160 : 1080);
            angles.add(new Angle(cam, offset, Framing.fit(ctx, cam)));
            if (c == 0 && uhd) {
                double fit = ctx.fitScale(cam);
                angles.add(new Angle(cam, offset, Look.fixed(SynthContext.motion(2 * fit,
                        d.uniform(-0.15, 0.15), d.uniform(-0.1, 0.05)))));
            }
        }
        double[] weights = new double[angles.size()];
        weights[0] = WIDE_WEIGHT;
        for (int a = 1; a < weights.length; a++) weights[a] = (1 - WIDE_WEIGHT) / (weights.length - 1);
        List<Shot> v1 = new ArrayList<>();
        List<Shot> v2 = new ArrayList<>();
        int last = -1;
        for (long t = 0; t < length; ) {
            long len = ctx.frames(SHOT);
            if (length - (t + len) < ctx.frames(SHOT.min())) len = length - t;
            int a = d.weighted(weights);
            if (a == last) a = (a + 1 + d.between(0, angles.size() - 2)) % angles.size();
            last = a;
            Angle angle = angles.get(a);
            v1.add(new Shot(angle.camera(), t, t + len, t + angle.offset(), angle.look()));
            if (d.chance(ALTERNATIVE_CHANCE)) {
                Angle alt = angles.get((a + 1) % angles.size());
                v2.add(new Shot(alt.camera(), t, t + len, t + alt.offset(), alt.look()).disabled());
            }
            t += len;
        }
        Framing.fades(ctx, v1, 0.5, 0.5, 1.0);
        List<List<Shot>> tracks = new ArrayList<>();
        tracks.add(v1);
        tracks.add(v2);
        List<Shot> titles = Framing.lowerThirds(ctx, 0.6, 0.4);
        if (!titles.isEmpty()) tracks.add(titles);
        return tracks;
    }
}
