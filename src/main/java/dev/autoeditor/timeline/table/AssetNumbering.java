package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers a sequence's sources from 0 in order of first use: over the visible clips (clip and track
 * enabled) on tracks 1..{@code tracks}, ordered by timeline start (with -1 resolved), then track from
 * the bottom, then position on the track; clips that show no frame ({@link TrackLayout#showsAFrame})
 * are not numbered. Two clips with the same {@link Source#key()} share a number.
 * The numbering is the keyframe table's {@code asset} column; {@link #source(int)} and
 * {@link #numberOf(Source)} go back and forth between numbers and sources.
 */
public final class AssetNumbering {
    private final Map<String, Integer> numbers;
    private final List<Source> sources;

    private AssetNumbering(Map<String, Integer> numbers, List<Source> sources) {
        this.numbers = numbers;
        this.sources = Collections.unmodifiableList(sources);
    }

    /** The numbering of {@code sequence}'s tracks 1..{@code tracks} (the table uses 20). */
    public static AssetNumbering of(Sequence sequence, int tracks) {
        record Use(long start, int track, int position, Source source) {}
        List<Use> uses = new ArrayList<>();
        List<VideoTrack> all = sequence.tracks();
        for (int k = 0; k < Math.min(tracks, all.size()); k++) {
            VideoTrack track = all.get(k);
            if (!track.enabled()) continue;
            for (PlacedClip p : track.placedClips()) {
                if (p.clip().enabled() && TrackLayout.showsAFrame(p)) uses.add(new Use(p.start(), k, p.position(), p.clip().source()));
            }
        }
        uses.sort(Comparator.comparingLong(Use::start).thenComparingInt(Use::track).thenComparingInt(Use::position));
        Map<String, Integer> numbers = new HashMap<>();
        List<Source> sources = new ArrayList<>();
        for (Use u : uses) {
            if (numbers.putIfAbsent(u.source().key(), numbers.size()) == null) sources.add(u.source());
        }
        return new AssetNumbering(numbers, sources);
    }

    /** The number of a visible clip's source; throws for a clip the numbering does not cover. */
    public int of(Clip clip) {
        Integer n = numbers.get(clip.source().key());
        if (n == null) throw new IllegalStateException("clip " + clip.id() + " is not a numbered visible clip");
        return n;
    }

    /** The number of {@code source} (by its key), or -1 when the numbered clips never show it. */
    public int numberOf(Source source) {
        Integer n = numbers.get(source.key());
        return n == null ? -1 : n;
    }

    /** The source numbered {@code number} (0 <= number < size()). */
    public Source source(int number) {
        if (number < 0 || number >= sources.size()) {
            throw new IndexOutOfBoundsException("asset " + number + " of " + sources.size());
        }
        return sources.get(number);
    }

    /** The numbered sources, in number order. */
    public List<Source> sources() {
        return sources;
    }

    public int size() {
        return numbers.size();
    }
}
