package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Photo montage with pan-and-zoom. V1: stills cut on the beat of the music (a tempo per project),
 * each with keyframed scale and centre (a slow zoom in or out and a drift), many joined by cross
 * dissolves; now and then a video clip. V2: an opening title and sometimes a closing one.
 * Documented in docs/synth.md.
 */
final class MontageStyle implements StyleGenerator {
    static final LogNormal SHOT = new LogNormal(4, 0.3, 2, 8);
    static final double BPM_MIN = 90;
    static final double BPM_MAX = 130;
    static final int MIN_BEATS = 2;
    static final double VIDEO_CHANCE = 0.15;
    static final double DISSOLVE_CHANCE = 0.6;
    static final double BEZIER_CHANCE = 0.2;
    static final double MAX_DRIFT = 0.15;
    static final double NESTED_TITLE_CHANCE = 0.3;
    static final String TITLE_CARD_ID = "sequence-2";
    /** Pixel sizes of the photos, as seen in real exports (some portrait). */
    static final int[][] PHOTO_SIZES = {
        {1200, 800}, {2592, 1936}, {1567, 2317}, {4000, 3000}, {6000, 4000}, {1920, 1080}, {3000, 4000}};

    @Override
    public List<List<Shot>> plan(SynthContext ctx) {
        Dice d = ctx.dice;
        double beat = 60.0 / d.uniform(BPM_MIN, BPM_MAX);
        List<Source.File> photos = new ArrayList<>();
        int photoCount = d.between(15, 40);
        for (int i = 0; i < photoCount; i++) {
            int[] px = PHOTO_SIZES[d.between(0, PHOTO_SIZES.length - 1)];
            photos.add(ctx.media.still("Photos", String.format(Locale.ROOT, "IMG_%04d.JPG", d.between(1000, 9999)), px[0], px[1]));
        }
        List<Source.File> videos = new ArrayList<>();
        int videoCount = d.between(3, 6);
        for (int i = 0; i < videoCount; i++) {
            int[] px = ctx.cameraSize();
            videos.add(ctx.media.video("Video", String.format(Locale.ROOT, "C%04d.MP4", i + 1), ctx.frames(d.uniform(8, 40)), px[0], px[1]));
        }
        long length = ctx.lengthFrames;
        long stillIn = ctx.frames(3600); // Premiere places still clips around the one-hour mark of their virtual media
        List<Shot> v1 = new ArrayList<>();
        long beats = 0;
        long start = 0;
        int nextPhoto = 0;
        while (start < length) {
            beats += Math.max(MIN_BEATS, Math.round(SHOT.sample(d) / beat));
            long end = Math.min(length, ctx.frames(beats * beat));
            if (length - end < ctx.frames(SHOT.min())) end = length;
            long len = end - start;
            Shot shot;
            if (d.chance(VIDEO_CHANCE)) {
                Source.File v = d.pick(videos);
                if (v.durationFrames() < len + ctx.frames(2)) continue;
                shot = new Shot(v, start, end, Framing.sourceIn(ctx, v, len, ctx.frames(1)), Framing.fit(ctx, v));
            } else {
                Source.File p = photos.get(nextPhoto++ % photos.size());
                shot = new Shot(p, start, end, stillIn + d.between(0, 250), kenBurns(ctx, p));
            }
            if (!v1.isEmpty() && d.chance(DISSOLVE_CHANCE)) {
                long shortest = Math.min(len, v1.get(v1.size() - 1).length());
                v1.get(v1.size() - 1).dissolveAfter = (int) Math.min(Framing.dissolveFrames(ctx), shortest / 2);
            }
            v1.add(shot);
            start = end;
        }
        Framing.fades(ctx, v1, 0.7, 0.8, 1.5);
        List<Shot> v2 = new ArrayList<>();
        if (d.chance(0.8)) {
            long s = ctx.frames(d.uniform(0.5, 1.5));
            long e = s + ctx.frames(d.uniform(3, 5));
            Source title = d.chance(NESTED_TITLE_CHANCE) ? titleCard(ctx, e - s) : MediaPool.text("Title");
            v2.add(new Shot(title, s, e, 0, Framing.generator()));
        }
        if (d.chance(0.5) && length > ctx.frames(20)) {
            v2.add(new Shot(MediaPool.text("Closing Title"), length - ctx.frames(5), length - ctx.frames(1), 0,
                    Framing.generator()));
        }
        List<List<Shot>> tracks = new ArrayList<>();
        tracks.add(v1);
        tracks.add(v2);
        return tracks;
    }

    /**
     * A nested "Title Card" sequence of {@code frames} frames: a colour matte on its V1 under the
     * title text on its V2, as editors build reusable title cards.
     */
    private static Source.Nested titleCard(SynthContext ctx, long frames) {
        TrackAssembler assembler = new TrackAssembler(new TrackAssembler.IdCounter("titlecard-clipitem-"));
        VideoTrack matte = assembler.assemble(List.of(new Shot(MediaPool.colorMatte(), 0, frames, 0, Framing.generator())));
        VideoTrack text = assembler.assemble(List.of(new Shot(MediaPool.text("Title"), 0, frames, 0, Framing.generator())));
        Sequence card = new Sequence(TITLE_CARD_ID, "Title Card", ctx.rate, ctx.width, ctx.height, frames, List.of(matte, text));
        return new Source.Nested(TITLE_CARD_ID, "Title Card", card);
    }

    /**
     * Pan and zoom: scale from covering the frame (times 1.00-1.05) to 1.10-1.25 times that, or
     * back; the centre drifts within what the larger-than-frame image allows (portrait photos mostly
     * tilt). Keyframes at the clip's in and out; a fifth of the zooms eased with Bezier handles (FCP7 puts
     * handles on scalar parameters; the centre stays linear).
     */
    private static Look kenBurns(SynthContext ctx, Source.File photo) {
        Dice d = ctx.dice;
        double fill = ctx.fillScale(photo);
        double small = fill * d.uniform(1.0, 1.05);
        double large = small * d.uniform(1.10, 1.25);
        boolean zoomIn = d.chance(0.5);
        double ox = Math.min(MAX_DRIFT, (small / 100 * photo.width() / ctx.width - 1) / 2);
        double oy = Math.min(MAX_DRIFT, (small / 100 * photo.height() / ctx.height - 1) / 2);
        double x0 = d.uniform(-1, 1) * ox * 0.5;
        double y0 = d.uniform(-1, 1) * oy * 0.5;
        double x1 = d.uniform(-1, 1) * ox * 0.9;
        double y1 = d.uniform(-1, 1) * oy * 0.9;
        boolean eased = d.chance(BEZIER_CHANCE);
        double from = zoomIn ? small : large;
        double to = zoomIn ? large : small;
        return Look.animated((in, out) -> new Motion(
                Framing.ramp(in, out, from, to, eased),
                Framing.ramp(in, out, x0, x1, false),
                Framing.ramp(in, out, y0, y1, false)));
    }
}
