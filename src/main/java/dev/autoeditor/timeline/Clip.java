package dev.autoeditor.timeline;

import java.util.Set;

/**
 * A clip item on a video track, with its numbers as xmeml writes them: {@code start}/{@code end} on
 * the timeline (either may be -1: the clip meets a transition there), {@code in}/{@code out} in its
 * source. Keyframe times of {@code motion} and {@code crop} are on the in/out axis (source frames).
 * {@code unsupported} lists what the keyframe table does not carry (counted in conversion summaries).
 */
public record Clip(String id, String name, boolean enabled, long start, long end, long in, long out,
                   Source source, Motion motion, Crop crop, Set<Unsupported> unsupported) implements TrackItem {

    public Clip {
        unsupported = Set.copyOf(unsupported);
    }

    /** Effects and features the table does not represent. */
    public enum Unsupported { ROTATION, OPACITY, SPEED, TIME_REMAP, REVERSED }

    /** Source frames the clip spans. */
    public long sourceLength() {
        return out - in;
    }

    /**
     * Timeline start with -1 resolved: a clip that starts in a transition begins where the transition
     * begins; otherwise it is end - (out - in).
     */
    public long timelineStart() {
        if (start >= 0) return start;
        if (end >= 0) return end - sourceLength();
        throw new IllegalStateException("clip " + id + " has neither start nor end");
    }

    /** Timeline end (exclusive) with -1 resolved: start + (out - in). */
    public long timelineEnd() {
        if (end >= 0) return end;
        return timelineStart() + sourceLength();
    }

    /** Source frame shown at a timeline frame (for keyframe lookup). */
    public double sourceFrameAt(long timelineFrame) {
        return in + (timelineFrame - timelineStart());
    }
}
