package dev.autoeditor.timeline;

import java.util.List;

/**
 * An audio track: its clips (each one channel of its source, {@link Clip#sourceTrack()}) and
 * transitions (cross fades) in timeline order, placed by the same rules as on a {@link VideoTrack}.
 * A disabled track is silent.
 */
public record AudioTrack(boolean enabled, List<TrackItem> items) {
    public AudioTrack {
        items = List.copyOf(items);
        PlacedClip.of(items);
    }

    /** Every clip with its timeline span resolved, -1 ends included, in track order. */
    public List<PlacedClip> placedClips() {
        return PlacedClip.of(items);
    }
}
