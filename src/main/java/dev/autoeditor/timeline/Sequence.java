package dev.autoeditor.timeline;

import java.util.List;

/**
 * A sequence: its rate, frame size, video tracks from the bottom (V1 = index 0) up, and audio tracks
 * (A1 first). {@code declaredDuration} is the {@code <duration>} as written, which real files leave 0
 * or wrong; the true length is {@link #lengthFrames()}.
 */
public record Sequence(String id, String name, Rate rate, int width, int height, long declaredDuration,
                       List<VideoTrack> tracks, List<AudioTrack> audioTracks) {
    public Sequence {
        tracks = List.copyOf(tracks);
        audioTracks = List.copyOf(audioTracks);
    }

    /** A sequence without audio tracks. */
    public Sequence(String id, String name, Rate rate, int width, int height, long declaredDuration,
                    List<VideoTrack> tracks) {
        this(id, name, rate, width, height, declaredDuration, tracks, List.of());
    }

    /**
     * Frame after the last frame any clip on a video track covers, disabled clips and tracks included
     * (0 for an empty sequence). Audio is not counted: the keyframe table is video only.
     */
    public long lengthFrames() {
        long end = 0;
        for (VideoTrack t : tracks) for (PlacedClip p : t.placedClips()) end = Math.max(end, p.end());
        return end;
    }

    /** This sequence with other tracks (same id, name, rate, size and declared duration). */
    public Sequence withTracks(List<VideoTrack> video, List<AudioTrack> audio) {
        return new Sequence(id, name, rate, width, height, declaredDuration, video, audio);
    }

    /** This sequence with another declared {@code <duration>}. */
    public Sequence withDeclaredDuration(long duration) {
        return new Sequence(id, name, rate, width, height, duration, tracks, audioTracks);
    }
}
