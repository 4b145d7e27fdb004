package dev.autoeditor.timeline.synth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.List;

/** Checks that a timeline is one a real editor could have exported. */
final class TimelineChecks {
    private TimelineChecks() {}

    /** The clips of a track in order. */
    static List<Clip> clips(VideoTrack track) {
        List<Clip> out = new ArrayList<>();
        for (TrackItem i : track.items()) if (i instanceof Clip c) out.add(c);
        return out;
    }

    static List<Transition> transitions(VideoTrack track) {
        List<Transition> out = new ArrayList<>();
        for (TrackItem i : track.items()) if (i instanceof Transition t) out.add(t);
        return out;
    }

    /**
     * Every clip valid (in < out, inside its source, resolvable on the timeline, keyframes in order,
     * numbers in range) and no two clips of a track overlapping except exactly inside a transition
     * both of them meet with -1.
     */
    static void assertValid(Sequence seq) {
        long length = seq.lengthFrames();
        assertTrue(length > 0, seq.name() + " is empty");
        for (int k = 0; k < seq.tracks().size(); k++) {
            VideoTrack track = seq.tracks().get(k);
            String where = seq.name() + " V" + (k + 1);
            long lastStart = Long.MIN_VALUE;
            for (TrackItem item : track.items()) {
                long s = item instanceof Clip c ? c.timelineStart() : ((Transition) item).start();
                assertTrue(s >= lastStart, where + ": items out of timeline order at " + s);
                lastStart = s;
            }
            for (Transition t : transitions(track)) {
                assertTrue(t.start() >= 0 && t.start() < t.end() && t.end() <= length, where + ": transition " + t);
                long cut = t.cutFrame();
                assertTrue(cut >= t.start() && cut <= t.end(), where + ": cut point outside " + t);
            }
            List<Clip> clips = clips(track);
            for (Clip c : clips) assertClip(where, c, track, length);
            for (int i = 0; i + 1 < clips.size(); i++) {
                Clip a = clips.get(i);
                Clip b = clips.get(i + 1);
                if (a.timelineEnd() <= b.timelineStart()) continue;
                Transition t = track.transitionStartingAt(b.timelineStart());
                assertTrue(a.end() == -1 && b.start() == -1 && t != null && t.end() == a.timelineEnd(),
                        where + ": " + a.id() + " and " + b.id() + " overlap outside a transition");
            }
        }
    }

    private static void assertClip(String where, Clip c, VideoTrack track, long length) {
        String what = where + " " + c.id();
        assertFalse(c.start() == -1 && c.end() == -1, what + " has -1 on both ends");
        assertTrue(c.in() >= 0 && c.in() < c.out(), what + " in " + c.in() + " out " + c.out());
        if (c.source() instanceof Source.File f) {
            assertTrue(c.out() <= f.durationFrames(), what + " out " + c.out() + " beyond source " + f.durationFrames());
        }
        if (c.source() instanceof Source.Nested n) {
            assertValid(n.sequence());
            assertTrue(c.out() <= n.sequence().lengthFrames(), what + " beyond its nested sequence");
        }
        assertTrue(c.timelineStart() >= 0 && c.timelineEnd() <= length, what + " outside the sequence");
        if (c.start() == -1) assertNotNull(track.transitionStartingAt(c.timelineStart()), what + " -1 start without transition");
        if (c.end() == -1) assertNotNull(track.transitionEndingAt(c.timelineEnd()), what + " -1 end without transition");
        for (Param p : List.of(c.motion().scale(), c.motion().centerX(), c.motion().centerY(),
                c.crop().left(), c.crop().right(), c.crop().top(), c.crop().bottom())) {
            double last = Double.NEGATIVE_INFINITY;
            for (Keyframe k : p.keyframes()) {
                assertTrue(k.when() >= last, what + " keyframes out of order");
                last = k.when();
            }
        }
        for (Param p : List.of(c.crop().left(), c.crop().right(), c.crop().top(), c.crop().bottom())) {
            assertTrue(min(p) >= 0 && max(p) <= 100, what + " crop outside 0-100");
        }
        assertTrue(min(c.motion().scale()) >= 0, what + " negative scale");
    }

    /** First timeline frame where the clip is the one seen on its track (after any transition's cut). */
    static long visibleStart(Clip c, VideoTrack track) {
        if (c.start() >= 0) return c.start();
        Transition t = track.transitionStartingAt(c.timelineStart());
        return t.alignment() == Transition.Alignment.START_BLACK ? t.start() : t.cutFrame();
    }

    /** Frame after the last one where the clip is seen on its track. */
    static long visibleEnd(Clip c, VideoTrack track) {
        if (c.end() >= 0) return c.end();
        Transition t = track.transitionEndingAt(c.timelineEnd());
        return t.alignment() == Transition.Alignment.END_BLACK ? t.end() : t.cutFrame();
    }

    /** The enabled clip seen on a track at a frame, or null. */
    static Clip clipAt(VideoTrack track, long frame) {
        for (Clip c : clips(track)) {
            if (c.enabled() && visibleStart(c, track) <= frame && frame < visibleEnd(c, track)) return c;
        }
        return null;
    }

    static double max(Param p) {
        if (!p.animated()) return p.value();
        return p.keyframes().stream().mapToDouble(Keyframe::value).max().orElseThrow();
    }

    static double min(Param p) {
        if (!p.animated()) return p.value();
        return p.keyframes().stream().mapToDouble(Keyframe::value).min().orElseThrow();
    }

    /** The value a parameter settles on (its last keyframe, or its plain value). */
    static double settled(Param p) {
        if (!p.animated()) return p.value();
        return p.keyframes().get(p.keyframes().size() - 1).value();
    }

    static void assertNear(double expected, double actual, double tolerance, String message) {
        assertTrue(Math.abs(expected - actual) <= tolerance, message + ": expected " + expected + " got " + actual);
    }
}
