package dev.autoeditor.timeline;

import java.util.List;

/** A video track: its clips and transitions in timeline order. A disabled track shows nothing. */
public record VideoTrack(boolean enabled, List<TrackItem> items) {
    public VideoTrack {
        items = List.copyOf(items);
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
