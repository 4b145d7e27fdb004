package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * One editor's house style, the fine-tune phase's default data. It is deliberately left out of the
 * pretraining mix, and it is as rigid as a channel's template. Three synchronised HD cameras are cut
 * on V1 in a fixed rhythm of 6, 3, 3 and 8 seconds. The wide A and the close B alternate, and now and
 * then a C cutaway takes the short A slot. Every shot has the same 4:3 window (12.5 % cropped off
 * each side) and a slight zoom. A and B slowly push in and drift sideways over each shot; the
 * cutaway holds still. The film fades up from black and down to black. It is always delivered at
 * 1920x1080, 25 fps. Documented in docs/synth.md.
 */
final class HouseStyle implements StyleGenerator {
    /** The delivery format: every house project is 1920x1080 at 25 fps. */
    static final Rate RATE = new Rate(25, false);
    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;
    /** Shot lengths in seconds, repeated from the first frame: long, short, short, longest. */
    static final double[] RHYTHM_S = {6, 3, 3, 8};
    static final int CAMERA_A = 0;
    static final int CAMERA_B = 1;
    static final int CAMERA_C = 2;
    /** The camera of each slot of the rhythm: A and B alternate, so every cut changes the picture. */
    static final int[] SLOT_CAMERA = {CAMERA_A, CAMERA_B, CAMERA_A, CAMERA_B};
    /** The slot a C cutaway may take (between two B shots, so it never meets itself). */
    static final int CUTAWAY_SLOT = 2;
    static final double CUTAWAY_CHANCE = 0.3;
    /** Each cut sits on the rhythm's grid, moved by at most this many frames (never accumulating). */
    static final int JITTER_FRAMES = 2;
    /** Left and right crop, percent of the source: a 4:3 window in the 16:9 frame. */
    static final double CROP_SIDES = 12.5;
    /** Every shot starts at this multiple of the fit scale. */
    static final double ZOOM = 1.10;
    /** A and B shots grow by this fraction of the fit scale per second (a slow push-in). */
    static final double PUSH_PER_SECOND = 0.01;
    /** A shots drift right and B shots left by this fraction of the frame width per second. */
    static final double DRIFT_PER_SECOND = 0.004;
    static final double FADE_S = 1.0;
    /** A remainder shorter than this after the last cut joins the last shot. */
    static final double MIN_LAST_S = 2.5;
    static final String[] CAMERA_NAMES = {"A001_house_wide.mov", "B001_house_close.mov", "C001_house_cutaway.mov"};

    @Override
    public List<List<Shot>> plan(SynthContext ctx) {
        Dice d = ctx.dice;
        long length = ctx.lengthFrames;
        long eventStart = ctx.frames(d.uniform(5, 60));
        Source.File[] cameras = new Source.File[CAMERA_NAMES.length];
        long[] offsets = new long[CAMERA_NAMES.length];
        Look[] looks = new Look[CAMERA_NAMES.length];
        for (int c = 0; c < cameras.length; c++) {
            offsets[c] = eventStart + ctx.frames(d.uniform(0, 20));
            cameras[c] = ctx.media.video("Cameras", CAMERA_NAMES[c], length + offsets[c] + ctx.frames(15), WIDTH, HEIGHT);
            double fit = ctx.fitScale(cameras[c]);
            looks[c] = switch (c) {
                case CAMERA_A -> pushIn(ctx, fit, +1);
                case CAMERA_B -> pushIn(ctx, fit, -1);
                default -> Look.fixed(SynthContext.motion(fit * ZOOM, 0, 0), Framing.sides(CROP_SIDES));
            };
        }
        List<Shot> v1 = new ArrayList<>();
        List<Long> cuts = cuts(ctx);
        for (int k = 0; k <= cuts.size(); k++) {
            long start = k == 0 ? 0 : cuts.get(k - 1);
            long end = k == cuts.size() ? length : cuts.get(k);
            int slot = k % RHYTHM_S.length;
            int camera = SLOT_CAMERA[slot];
            if (slot == CUTAWAY_SLOT && d.chance(CUTAWAY_CHANCE)) camera = CAMERA_C;
            // Synchronised cameras: a camera's source frame is always timeline frame + its offset.
            v1.add(new Shot(cameras[camera], start, end, start + offsets[camera], looks[camera]));
        }
        Framing.fades(ctx, v1, 1.0, 1.0, FADE_S);
        List<List<Shot>> tracks = new ArrayList<>();
        tracks.add(v1);
        return tracks;
    }

    /**
     * The cut frames: the rhythm's grid (sums of its lengths, from frame 0) each moved by a seeded
     * -2..+2 frames, up to the last one that leaves at least {@link #MIN_LAST_S} before the end.
     */
    private static List<Long> cuts(SynthContext ctx) {
        List<Long> cuts = new ArrayList<>();
        long lastAllowed = ctx.lengthFrames - ctx.frames(MIN_LAST_S);
        double grid = 0;
        for (int k = 0; ; k++) {
            grid += RHYTHM_S[k % RHYTHM_S.length];
            long cut = ctx.frames(grid) + ctx.dice.between(-JITTER_FRAMES, JITTER_FRAMES);
            if (cut > lastAllowed) return cuts;
            cuts.add(cut);
        }
    }

    /**
     * The signature window and zoom with a push-in: scale from fit x {@link #ZOOM} at the clip's
     * first frame, growing by {@link #PUSH_PER_SECOND} x fit each second, and the centre drifting
     * sideways from the middle in {@code direction}. Both are linear in the clip's own time, so a
     * shot's motion follows from how long it has been on screen.
     */
    private static Look pushIn(SynthContext ctx, double fit, int direction) {
        double fps = ctx.rate.fps();
        return Look.of((in, out) -> {
            double seconds = (out - in) / fps;
            return new Motion(
                    Framing.ramp(in, out, fit * ZOOM, fit * (ZOOM + PUSH_PER_SECOND * seconds), false),
                    Framing.ramp(in, out, 0, direction * DRIFT_PER_SECOND * seconds, false),
                    // xmeml keyframes the centre as one point, so y carries the same keyframes (at 0).
                    Framing.ramp(in, out, 0, 0, false));
        }, (in, out) -> Framing.sides(CROP_SIDES));
    }
}
