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
    public enum Unsupported {
        ROTATION("rotation"), OPACITY("opacity"), SPEED("speed change"), TIME_REMAP("time remapping"),
        REVERSED("reversed playback");

        private final String label;

        Unsupported(String label) {
            this.label = label;
        }

        /** How summaries name it ("3 clip(s) with speed change"). */
        public String label() {
            return label;
        }
    }

    /** Source frames the clip spans. */
    public long sourceLength() {
        return out - in;
    }

    /**
     * Timeline start with a -1 start resolved: end - (out - in). A clip with both ends -1 cannot place
     * itself (the transition before it does: {@link VideoTrack#placedClips()}); the reader never
     * builds one, and asking one throws.
     */
    public long timelineStart() {
        if (start >= 0) return start;
        if (end >= 0) return end - sourceLength();
        throw new IllegalStateException("clip " + id + " has start and end -1: its track places it (VideoTrack.placedClips())");
    }

    /** Timeline end (exclusive) with -1 resolved: start + (out - in). */
    public long timelineEnd() {
        if (end >= 0) return end;
        return timelineStart() + sourceLength();
    }

}
