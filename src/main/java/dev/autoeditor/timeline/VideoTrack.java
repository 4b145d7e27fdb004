package dev.autoeditor.timeline;

import java.util.List;

/**
 * A video track: its clips and transitions in timeline order. A disabled track shows nothing. A clip
 * with both ends -1 must stand beside a transition, which places it (checked here, so that
 * {@link #placedClips()} and {@link Sequence#lengthFrames()} never fail).
 */
public record VideoTrack(boolean enabled, List<TrackItem> items) {
    public VideoTrack {
        items = List.copyOf(items);
        PlacedClip.of(items);
    }

    /** Every clip with its timeline span resolved, -1 ends included, in track order. */
    public List<PlacedClip> placedClips() {
        return PlacedClip.of(items);
    }

    /** The transition that covers the boundary a clip meets with -1, searching by position. */
    public Transition transitionEndingAt(long frame) {
        for (TrackItem i : items) if (i instanceof Transition t && t.end() == frame) return t;
        return null;
    }

    public Transition transitionStartingAt(long frame) {
        for (TrackItem i : items) if (i instanceof Transition t && t.start() == frame) return t;
        return null;
    }
}
