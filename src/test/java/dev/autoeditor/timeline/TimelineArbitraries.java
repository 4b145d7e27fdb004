package dev.autoeditor.timeline;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random valid timelines for property tests, reusable by any test ({@code @ForAll("...")} providers
 * can delegate here). What is generated is what real xmeml holds and the reader gives back:
 * <ul>
 *   <li>rates 24/25/30/50/60 (24, 30, 60 also NTSC), frame sizes including none (0 x 0);</li>
 *   <li>per project a pool of files (some stills, some without a path) shared by id, generators,
 *       a multicam clip and, outside nested sequences, one nested sequence;</li>
 *   <li>clips in timeline order with gaps; adjacent clips joined by a transition get end -1 and
 *       start -1 and overlap by the transition (never a clip with both -1: the reader resolves that
 *       start from the transition before it, see XmemlReader);</li>
 *   <li>Basic Motion and Crop constant or keyframed at integer source frames (which may lie outside
 *       [in, out]); scale and crop keyframes may carry flat Bezier handles (FCP7's ease in/out);
 *       both centre axes are keyed at the same times and linearly, as xmeml's 2-D centre is;</li>
 *   <li>disabled clips and tracks, and a few clips marked with unsupported effects;</li>
 *   <li>0-2 audio tracks built the same way (clips play channel 1 or 2 of their source), files with
 *       0-2 audio channels, master clip ids on most clips, and links between clips of one sequence
 *       (each linking clip lists itself and 0-3 others, video or audio).</li>
 * </ul>
 * Numbers are decimals of a few places and never -0.0. Shrinking is not supported (the values come
 * from one seeded {@link Random}); jqwik still reports the seed of a failing try.
 */
public final class TimelineArbitraries {
    private TimelineArbitraries() {}

    /** Projects of 1-2 top-level sequences with 1-3 video tracks each. */
    public static Arbitrary<Project> projects() {
        return Arbitraries.randomValue(random -> new Generator(random, 3).project());
    }

    /** Projects whose sequences have up to {@code maxTracks} video tracks. */
    public static Arbitrary<Project> projects(int maxTracks) {
        return Arbitraries.randomValue(random -> new Generator(random, maxTracks).project());
    }

    /** A scalar parameter, constant or keyframed over source frames around [0, 100], with flat handles. */
    public static Arbitrary<Param> params() {
        return Arbitraries.randomValue(random -> new Generator(random, 1).scalar(0, 100, 0, 100, true));
    }

    public static Arbitrary<Rate> rates() {
        return Arbitraries.randomValue(random -> new Generator(random, 1).rate());
    }

    /** Builds one project from a seeded random source. */
    static final class Generator {
        private static final int[][] SIZES = {{1920, 1080}, {1280, 720}, {3840, 2160}, {0, 0}};
        private final Random r;
        private final int maxTracks;
        private int counter;
        private List<Source> files;
        private List<Source> others;
        private Source.Nested nested;

        Generator(Random random, int maxTracks) {
            this.r = random;
            this.maxTracks = Math.max(1, maxTracks);
        }

        Project project() {
            files = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int i = 1; i <= n; i++) files.add(file(i));
            others = new ArrayList<>(List.of(
                    new Source.Generator("Color", "Color"),
                    new Source.Generator("Slug", "Black Video"),
                    new Source.Multicam("mc-1", "Interview MC")));
            nested = null;
            if (r.nextInt(3) == 0) {
                Sequence inner = sequence("nested-1", "Nested 1", 1, true);
                nested = new Source.Nested(inner.id(), inner.name(), inner);
            }
            List<Sequence> sequences = new ArrayList<>();
            int count = 1 + r.nextInt(2);
            for (int i = 1; i <= count; i++) sequences.add(sequence("sequence-" + i, "Sequence " + i, maxTracks, i == 1));
            return new Project("project-" + r.nextInt(1000), sequences);
        }

        Rate rate() {
            int[] bases = {24, 25, 30, 50, 60};
            int timebase = bases[r.nextInt(bases.length)];
            boolean ntsc = (timebase == 24 || timebase == 30 || timebase == 60) && r.nextBoolean();
            return new Rate(timebase, ntsc);
        }

        private Source.File file(int i) {
            Rate rate = rate();
            int[] size = SIZES[r.nextInt(SIZES.length)];
            boolean still = r.nextInt(6) == 0;
            long duration = still ? (r.nextBoolean() ? 2 : Math.round(12 * 3600 * rate.fps()))
                    : 200 + r.nextInt(200_000);
            String path = r.nextInt(10) == 0 ? null : "file://localhost/media/clip%20" + i + ".mov";
            int audio = still ? 0 : r.nextInt(3);
            return new Source.File("file-" + i, "clip " + i + ".mov", path, duration, rate, size[0], size[1], still, audio);
        }

        private Sequence sequence(String id, String name, int trackLimit, boolean needsClip) {
            Rate rate = rate();
            int[] size = SIZES[r.nextInt(SIZES.length)];
            int trackCount = 1 + r.nextInt(trackLimit);
            List<List<TrackItem>> video = new ArrayList<>();
            for (int t = 0; t < trackCount; t++) video.add(items(needsClip && t == 0, !id.startsWith("nested"), false));
            List<List<TrackItem>> audio = new ArrayList<>();
            int audioCount = r.nextInt(3);
            for (int t = 0; t < audioCount; t++) audio.add(items(false, false, true));
            link(video, audio);
            List<VideoTrack> tracks = new ArrayList<>();
            for (List<TrackItem> items : video) tracks.add(new VideoTrack(r.nextInt(10) != 0, items));
            List<AudioTrack> audioTracks = new ArrayList<>();
            for (List<TrackItem> items : audio) audioTracks.add(new AudioTrack(r.nextInt(10) != 0, items));
            long declared = r.nextBoolean() ? 0 : r.nextInt(5000);
            return new Sequence(id, name, rate, size[0], size[1], declared, tracks, audioTracks);
        }

        /** Gives some clips links: their own id first, then 0-3 other clips of the same sequence. */
        private void link(List<List<TrackItem>> video, List<List<TrackItem>> audio) {
            List<String> ids = new ArrayList<>();
            for (List<List<TrackItem>> kind : List.of(video, audio)) {
                for (List<TrackItem> items : kind) for (TrackItem i : items) if (i instanceof Clip c) ids.add(c.id());
            }
            for (List<List<TrackItem>> kind : List.of(video, audio)) {
                for (List<TrackItem> items : kind) {
                    for (int i = 0; i < items.size(); i++) {
                        if (!(items.get(i) instanceof Clip c) || r.nextInt(3) == 0) continue;
                        List<String> links = new ArrayList<>(List.of(c.id()));
                        int others = r.nextInt(4);
                        for (int k = 0; k < others; k++) {
                            String other = ids.get(r.nextInt(ids.size()));
                            if (!links.contains(other)) links.add(other);
                        }
                        items.set(i, c.withLinks(links));
                    }
                }
            }
        }

        private List<TrackItem> items(boolean needsClip, boolean mayNest, boolean audio) {
            int clips = (needsClip ? 1 : 0) + r.nextInt(4);
            List<TrackItem> items = new ArrayList<>();
            long cursor = r.nextInt(20);
            boolean joinedFromBefore = false;
            long pendingStart = -1;
            long[] lengths = new long[clips];
            for (int i = 0; i < clips; i++) lengths[i] = 5 + r.nextInt(120);
            for (int i = 0; i < clips; i++) {
                long len = lengths[i];
                long start = joinedFromBefore ? pendingStart : cursor;
                long end = start + len;
                boolean joinNext = !joinedFromBefore && i + 1 < clips && r.nextInt(3) == 0
                        && Math.min(len, lengths[i + 1]) >= 2;
                long writtenStart = joinedFromBefore ? -1 : start;
                long writtenEnd = joinNext ? -1 : end;
                items.add(clip(writtenStart, writtenEnd, len, mayNest, audio));
                if (joinNext) {
                    long d = 2 + r.nextInt((int) Math.min(len, lengths[i + 1]) - 1);
                    long cut = r.nextBoolean() ? -1 : r.nextInt((int) d + 1);
                    Transition.Alignment[] between = {Transition.Alignment.CENTER, Transition.Alignment.START,
                            Transition.Alignment.END};
                    items.add(new Transition(end - d, end, between[r.nextInt(3)], cut, "Cross Dissolve", "Cross Dissolve"));
                    pendingStart = end - d;
                    joinedFromBefore = true;
                } else {
                    joinedFromBefore = false;
                    cursor = end + r.nextInt(30);
                }
            }
            return items;
        }

        private Clip clip(long start, long end, long len, boolean mayNest, boolean audio) {
            Source source = audio ? files.get(r.nextInt(files.size())) : source(mayNest);
            long in = r.nextInt(1000);
            long out = in + len;
            Motion motion = motion(in, out);
            Crop crop = crop(in, out);
            Set<Clip.Unsupported> unsupported = EnumSet.noneOf(Clip.Unsupported.class);
            if (r.nextInt(7) == 0) {
                for (Clip.Unsupported u : Clip.Unsupported.values()) if (r.nextInt(3) == 0) unsupported.add(u);
            }
            String name = source instanceof Source.File f ? f.name() : "item " + (counter + 1);
            String master = r.nextInt(4) == 0 ? null : "masterclip-" + r.nextInt(5);
            if (audio) {
                return new Clip("clipitem-" + (++counter), name, r.nextInt(8) != 0, start, end, in, out, source,
                        Motion.IDENTITY, Crop.NONE, Set.of(), master, 1 + r.nextInt(2), List.of(), List.of());
            }
            return new Clip("clipitem-" + (++counter), name, r.nextInt(8) != 0, start, end, in, out, source,
                    motion, crop, unsupported, master, 0, List.of(), List.of());
        }

        private Source source(boolean mayNest) {
            int pick = r.nextInt(10);
            if (pick < 7) return files.get(r.nextInt(files.size()));
            if (pick < 9 || nested == null || !mayNest) return others.get(r.nextInt(others.size()));
            return nested;
        }

        private Motion motion(long in, long out) {
            int kind = r.nextInt(3);
            if (kind == 0) return Motion.IDENTITY;
            if (kind == 1) {
                return new Motion(Param.constant(decimal(10, 400, 2)), Param.constant(decimal(-0.6, 0.6, 4)),
                        Param.constant(decimal(-0.6, 0.6, 4)));
            }
            double[] whens = whens(in, out);
            Param scale = scalar(in, out, 10, 400, true);
            return new Motion(scale, axis(whens), axis(whens));
        }

        private Crop crop(long in, long out) {
            if (r.nextBoolean()) return Crop.NONE;
            return new Crop(edge(in, out), edge(in, out), edge(in, out), edge(in, out));
        }

        private Param edge(long in, long out) {
            return r.nextInt(3) == 0 ? scalar(in, out, 0, 60, true) : Param.constant(r.nextBoolean() ? 0 : decimal(0, 60, 3));
        }

        /** A scalar param keyed at 2-4 integer frames around [in, out], maybe with flat handles. */
        Param scalar(long in, long out, double lo, double hi, boolean handles) {
            double[] whens = whens(in, out);
            boolean curved = handles && r.nextBoolean();
            List<Keyframe> keys = new ArrayList<>();
            for (int i = 0; i < whens.length; i++) {
                Keyframe.Handle inBez = null;
                Keyframe.Handle outBez = null;
                if (curved && i > 0 && r.nextBoolean()) inBez = new Keyframe.Handle(-handle(whens[i] - whens[i - 1]), 0);
                if (curved && i + 1 < whens.length && r.nextBoolean()) {
                    outBez = new Keyframe.Handle(handle(whens[i + 1] - whens[i]), 0);
                }
                keys.add(new Keyframe(whens[i], decimal(lo, hi, 3), inBez, outBez));
            }
            return new Param(decimal(lo, hi, 3), keys);
        }

        private Param axis(double[] whens) {
            List<Keyframe> keys = new ArrayList<>();
            for (double w : whens) keys.add(Keyframe.linear(w, decimal(-0.6, 0.6, 5)));
            return new Param(decimal(-0.6, 0.6, 5), keys);
        }

        private double[] whens(long in, long out) {
            int n = 2 + r.nextInt(3);
            java.util.TreeSet<Long> set = new java.util.TreeSet<>();
            long lo = Math.max(0, in - 5);
            long span = out + 5 - lo + 1;
            while (set.size() < n) set.add(lo + (long) (r.nextDouble() * span));
            return set.stream().mapToDouble(Long::doubleValue).toArray();
        }

        /** A positive handle length in quarter frames, at most half the segment. */
        private double handle(double segment) {
            return Math.max(0.25, Math.floor(r.nextDouble() * segment * 2) / 4);
        }

        private double decimal(double lo, double hi, int scale) {
            double v = BigDecimal.valueOf(lo + r.nextDouble() * (hi - lo)).setScale(scale, RoundingMode.HALF_UP).doubleValue();
            return v == 0 ? 0.0 : v;
        }
    }
}
