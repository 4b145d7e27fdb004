package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers a sequence's sources from 0 in order of first use: over the visible clips (clip and track
 * enabled) on tracks 1..{@code tracks}, ordered by timeline start (with -1 resolved), then track from
 * the bottom, then position on the track; clips that show no frame ({@link TrackLayout#showsAFrame})
 * are not numbered. Two clips with the same {@link dev.autoeditor.timeline.Source#key()}
 * share a number.
 */
final class AssetNumbering {
    private final Map<String, Integer> numbers;

    private AssetNumbering(Map<String, Integer> numbers) {
        this.numbers = numbers;
    }

    static AssetNumbering of(Sequence sequence, int tracks) {
        record Use(long start, int track, int position, String key) {}
        List<Use> uses = new ArrayList<>();
        List<VideoTrack> all = sequence.tracks();
        for (int k = 0; k < Math.min(tracks, all.size()); k++) {
            VideoTrack track = all.get(k);
            if (!track.enabled()) continue;
            for (PlacedClip p : track.placedClips()) {
                if (p.clip().enabled() && TrackLayout.showsAFrame(p)) uses.add(new Use(p.start(), k, p.position(), p.clip().source().key()));
            }
        }
        uses.sort(Comparator.comparingLong(Use::start).thenComparingInt(Use::track).thenComparingInt(Use::position));
        Map<String, Integer> numbers = new HashMap<>();
        for (Use u : uses) numbers.putIfAbsent(u.key(), numbers.size());
        return new AssetNumbering(numbers);
    }

    int of(Clip clip) {
        Integer n = numbers.get(clip.source().key());
        if (n == null) throw new IllegalStateException("clip " + clip.id() + " is not a numbered visible clip");
        return n;
    }

    int size() {
        return numbers.size();
    }
}
