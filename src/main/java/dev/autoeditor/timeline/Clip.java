package dev.autoeditor.timeline;

import java.util.List;
import java.util.Set;

/**
 * A clip item on a video or audio track, with its numbers as xmeml writes them: {@code start}/{@code end}
 * on the timeline (either may be -1: the clip meets a transition there), {@code in}/{@code out} in its
 * source. Keyframe times of {@code motion} and {@code crop} are on the in/out axis (source frames).
 * {@code unsupported} lists what the keyframe table does not carry (counted in conversion summaries).
 *
 * <p>What editing programs need beyond the table: {@code masterclipId} (the project's master clip the
 * item was cut from, null when the file gives none), {@code sourceTrack} (for an audio clip, which
 * channel of its source it plays, 1-based; 0 when not stated), {@code links} (the ids of the clip items
 * linked with this one, video and audio, in the order xmeml lists them, normally this clip's own id
 * among them) and {@code keptFilters} (the item's {@code <filter>} elements verbatim, kept only by a
 * reader made for editing; when present the writer writes them instead of building filters from
 * {@code motion}, {@code crop} and {@code unsupported}).
 */
public record Clip(String id, String name, boolean enabled, long start, long end, long in, long out,
                   Source source, Motion motion, Crop crop, Set<Unsupported> unsupported,
                   String masterclipId, int sourceTrack, List<String> links, List<XmlElement> keptFilters)
        implements TrackItem {

    public Clip {
        unsupported = Set.copyOf(unsupported);
        links = List.copyOf(links);
        keptFilters = List.copyOf(keptFilters);
        if (sourceTrack < 0) throw new IllegalArgumentException("negative source track " + sourceTrack);
    }

    /** A video clip without master clip, links or kept filters. */
    public Clip(String id, String name, boolean enabled, long start, long end, long in, long out,
                Source source, Motion motion, Crop crop, Set<Unsupported> unsupported) {
        this(id, name, enabled, start, end, in, out, source, motion, crop, unsupported, null, 0, List.of(), List.of());
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

    /** This clip with other timeline and source numbers (everything else the same). */
    public Clip withTiming(long newStart, long newEnd, long newIn, long newOut) {
        return new Clip(id, name, enabled, newStart, newEnd, newIn, newOut, source, motion, crop, unsupported,
                masterclipId, sourceTrack, links, keptFilters);
    }

    /** This clip with other links. */
    public Clip withLinks(List<String> newLinks) {
        return new Clip(id, name, enabled, start, end, in, out, source, motion, crop, unsupported,
                masterclipId, sourceTrack, newLinks, keptFilters);
    }

    /** This clip under another id. */
    public Clip withId(String newId) {
        return new Clip(newId, name, enabled, start, end, in, out, source, motion, crop, unsupported,
                masterclipId, sourceTrack, links, keptFilters);
    }
}
