package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each clip item of one sequence is written, as {@code <link>} addresses it: media type,
 * 1-based track, and 1-based item on the track with transitions counted (what every link of the real
 * corpus with a {@code <linkclipref>} shows).
 */
final class Places {
    record Place(boolean audio, int track, int item) {}

    private final Map<String, Place> byId;

    private Places(Map<String, Place> byId) {
        this.byId = byId;
    }

    static Places of(Sequence s) {
        Map<String, Place> byId = new HashMap<>();
        List<VideoTrack> video = s.tracks();
        for (int t = 0; t < video.size(); t++) add(byId, video.get(t).items(), false, t + 1);
        List<AudioTrack> audio = s.audioTracks();
        for (int t = 0; t < audio.size(); t++) add(byId, audio.get(t).items(), true, t + 1);
        return new Places(byId);
    }

    private static void add(Map<String, Place> byId, List<TrackItem> items, boolean audio, int track) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Clip c && c.id() != null) byId.putIfAbsent(c.id(), new Place(audio, track, i + 1));
        }
    }

    /** The place of the item with this id, or null when the sequence holds none. */
    Place of(String id) {
        return byId.get(id);
    }
}
