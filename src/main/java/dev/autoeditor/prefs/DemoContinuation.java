package dev.autoeditor.prefs;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo's rules for continuing an edit without a model ({@link DemoProposer}): deliberately simple,
 * so nobody mistakes them for the model's work.
 *
 * <ul>
 *   <li>What is on screen at the cut persists: each track's clip continues its source from where it
 *       was, with its motion and crop.</li>
 *   <li>The lowest track showing something (else the lowest enabled one) cuts at seeded times (shot
 *       lengths log-normal, median {@link #MEDIAN_SHOT_S} s) to another of the sequence's sources
 *       (media files first, none an overlay shows), framed as that source was last framed, picking up
 *       its media where it was left; a third of the new shots slowly push in or pull out
 *       ({@link #PUSH} times the scale over the shot).</li>
 *   <li>Tracks above it (overlays, picture-in-picture) leave at a seeded time (exponential, mean
 *       {@link #MEAN_OVERLAY_S} s) and nothing comes back onto them.</li>
 * </ul>
 */
final class DemoContinuation {
    static final double MEDIAN_SHOT_S = 2.5;
    static final double SHOT_SIGMA = 0.9;
    static final double PUSH = 1.12;
    static final double MEAN_OVERLAY_S = 6;

    private DemoContinuation() {}

    /**
     * {@code sequence} up to {@code cutFrame} (exclusive): clips after it are dropped and a clip
     * across it ends there. Transitions become plain cuts where the incoming clip starts (the demo's
     * context is what its own XML shows, so both sides share it exactly).
     */
    static Sequence cut(Sequence sequence, long cutFrame) {
        List<VideoTrack> tracks = new ArrayList<>();
        for (VideoTrack t : sequence.tracks()) {
            List<PlacedClip> placed = new ArrayList<>(t.placedClips());
            placed.sort(Comparator.comparingLong(PlacedClip::start).thenComparingInt(PlacedClip::position));
            List<TrackItem> items = new ArrayList<>();
            for (int i = 0; i < placed.size(); i++) {
                PlacedClip p = placed.get(i);
                long end = Math.min(p.end(), cutFrame);
                if (i + 1 < placed.size()) end = Math.min(end, Math.max(p.start(), placed.get(i + 1).start()));
                if (end <= p.start()) continue;
                Clip c = p.clip();
                items.add(new Clip(c.id(), c.name(), c.enabled(), p.start(), end, c.in(), c.in() + (end - p.start()), c.source(), c.motion(),
                        c.crop(), c.unsupported()));
            }
            tracks.add(new VideoTrack(t.enabled(), items));
        }
        return new Sequence(sequence.id(), sequence.name(), sequence.rate(), sequence.width(), sequence.height(), 0, tracks);
    }

    /**
     * {@code context} (a sequence {@link #cut} at {@code cutFrame}) continued to {@code endFrame} by the
     * rules above, choosing among {@code sources} with {@code random}.
     */
    static Sequence extend(Sequence context, List<Source> sources, long cutFrame, long endFrame, SplittableRandom random) {
        double fps = context.rate().fps();
        int trackCount = context.tracks().size();
        PlacedClip[] persisting = new PlacedClip[trackCount];
        Map<String, Clip> lastUse = new HashMap<>();
        for (int k = 0; k < trackCount; k++) {
            VideoTrack t = context.tracks().get(k);
            for (PlacedClip p : t.placedClips()) {
                if (t.enabled() && p.clip().enabled() && p.end() == cutFrame) persisting[k] = p;
                Clip prev = lastUse.get(p.clip().source().key());
                if (prev == null || prev.timelineEnd() <= p.end()) lastUse.put(p.clip().source().key(), p.clip());
            }
        }
        // The main track: the lowest one showing something at the cut, else the lowest enabled one,
        // else a new track on top (a disabled track stays disabled: its clips must not appear).
        int main = 0;
        while (main < trackCount && persisting[main] == null) main++;
        if (main == trackCount) {
            main = 0;
            while (main < trackCount && !context.tracks().get(main).enabled()) main++;
        }
        List<List<TrackItem>> items = new ArrayList<>();
        for (VideoTrack t : context.tracks()) items.add(new ArrayList<>(t.items()));
        if (main == trackCount) items.add(new ArrayList<>());
        int made = 0;

        // Sources the overlays show are not cut to on the main track (the same picture twice).
        Set<String> overlays = new HashSet<>();
        for (int k = main + 1; k < trackCount; k++) if (persisting[k] != null) overlays.add(persisting[k].clip().source().key());

        // The main track: the persisting shot, then cuts at seeded times.
        long t = cutFrame;
        Clip current = main < trackCount && persisting[main] != null ? persisting[main].clip() : null;
        boolean first = true;
        while (t < endFrame) {
            long length = Math.max(1, Math.round(shotSeconds(random) * fps));
            long end = Math.min(endFrame, t + length);
            Clip shot;
            if (first && current != null) {
                long in = current.in() + (t - persisting[main].start());
                shot = new Clip("demo-" + (++made), current.name(), true, t, end, in, in + (end - t), current.source(), current.motion(),
                        current.crop(), Set.of());
            } else {
                Source next = pickOther(sources, current == null ? null : current.source(), overlays, random);
                Clip last = lastUse.get(next.key());
                long in = mediaLeft(next, last == null ? 0 : last.out(), end - t, fps);
                double at = last == null ? 0 : last.out() - 1;
                Motion framing = last == null || last.motion() == null ? Motion.IDENTITY : held(last.motion(), at);
                Crop crop = last == null || last.crop() == null ? Crop.NONE : held(last.crop(), at);
                double roll = random.nextDouble();
                if (roll < 1 / 6.0) framing = push(framing, in, in + (end - t), PUSH);
                else if (roll < 2 / 6.0) framing = push(framing, in, in + (end - t), 1 / PUSH);
                shot = new Clip("demo-" + (++made), nameOf(next), true, t, end, in, in + (end - t), next, framing, crop, Set.of());
            }
            items.get(main).add(shot);
            lastUse.put(shot.source().key(), shot);
            current = shot;
            first = false;
            t = end;
        }

        // Overlays above the main track persist, then leave.
        for (int k = main + 1; k < trackCount; k++) {
            PlacedClip p = persisting[k];
            if (p == null) continue;
            long stay = Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * MEAN_OVERLAY_S * fps));
            long end = Math.min(endFrame, cutFrame + stay);
            Clip c = p.clip();
            long in = c.in() + (cutFrame - p.start());
            items.get(k).add(new Clip("demo-" + (++made), c.name(), true, cutFrame, end, in, in + (end - cutFrame), c.source(), c.motion(),
                    c.crop(), Set.of()));
        }

        List<VideoTrack> tracks = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) tracks.add(new VideoTrack(k >= trackCount || context.tracks().get(k).enabled(), items.get(k)));
        return new Sequence(context.id(), context.name(), context.rate(), context.width(), context.height(), endFrame, tracks);
    }

    /**
     * Where a shot of {@code length} frames starts in {@code source}: where it was left, or earlier
     * when a media file would run out before the shot ends (its length converted to sequence frames).
     */
    private static long mediaLeft(Source source, long leftAt, long length, double fps) {
        if (!(source instanceof Source.File f) || f.still() || f.durationFrames() <= 0 || f.rate() == null) return leftAt;
        long media = (long) Math.floor(f.durationFrames() / f.rate().fps() * fps);
        return leftAt + length <= media ? leftAt : Math.max(0, media - length);
    }

    private static double shotSeconds(SplittableRandom random) {
        return Math.exp(Math.log(MEDIAN_SHOT_S) + SHOT_SIGMA * random.nextGaussian());
    }

    /**
     * A source other than {@code current} and those in {@code avoid}, drawn uniformly, media files
     * first; when there is none, any other than {@code current}; with one source only, that one.
     */
    private static Source pickOther(List<Source> sources, Source current, Set<String> avoid, SplittableRandom random) {
        List<Source> choices = new ArrayList<>();
        // Camera files first: a generator (title, matte) or a still cut to full frame looks like nobody's edit.
        for (Source s : sources) {
            if (s instanceof Source.File f && !f.still() && (current == null || !s.key().equals(current.key())) && !avoid.contains(s.key())) {
                choices.add(s);
            }
        }
        if (choices.isEmpty()) for (Source s : sources) if ((current == null || !s.key().equals(current.key())) && !avoid.contains(s.key())) choices.add(s);
        if (choices.isEmpty()) for (Source s : sources) if (current == null || !s.key().equals(current.key())) choices.add(s);
        if (choices.isEmpty()) return sources.get(0);
        return choices.get(random.nextInt(choices.size()));
    }

    /** The motion as it stood at source frame {@code at}, held still. */
    private static Motion held(Motion m, double at) {
        return new Motion(Param.constant(m.scale().valueAt(at)), Param.constant(m.centerX().valueAt(at)), Param.constant(m.centerY().valueAt(at)));
    }

    private static Crop held(Crop c, double at) {
        return new Crop(Param.constant(c.left().valueAt(at)), Param.constant(c.right().valueAt(at)), Param.constant(c.top().valueAt(at)),
                Param.constant(c.bottom().valueAt(at)));
    }

    /** The motion with its scale moving linearly by {@code factor} from source frame {@code in} to {@code out}. */
    private static Motion push(Motion m, long in, long out, double factor) {
        double s = m.scale().value();
        Param scale = new Param(s, List.of(Keyframe.linear(in, s), Keyframe.linear(Math.max(in + 1, out - 1), s * factor)));
        return new Motion(scale, m.centerX(), m.centerY());
    }

    private static String nameOf(Source s) {
        if (s instanceof Source.File f) return f.name();
        if (s instanceof Source.Nested n) return n.name();
        if (s instanceof Source.Multicam m) return m.name();
        if (s instanceof Source.Generator g) return g.name();
        return s.key();
    }
}
