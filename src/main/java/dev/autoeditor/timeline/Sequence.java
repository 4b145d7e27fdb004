package dev.autoeditor.timeline;

import java.util.List;

/**
 * A sequence: its rate, frame size and video tracks from the bottom (V1 = index 0) up. Audio is not
 * modelled. {@code declaredDuration} is the {@code <duration>} as written, which real files leave 0 or
 * wrong; the true length is {@link #lengthFrames()}.
 */
public record Sequence(String id, String name, Rate rate, int width, int height, long declaredDuration,
                       List<VideoTrack> tracks) {
    public Sequence {
        tracks = List.copyOf(tracks);
    }

    /**
     * Frame after the last frame any clip on a video track covers, disabled clips and tracks included
     * (0 for an empty sequence).
     */
    public long lengthFrames() {
        long end = 0;
        for (VideoTrack t : tracks) for (PlacedClip p : t.placedClips()) end = Math.max(end, p.end());
        return end;
    }
}
