package dev.autoeditor.prefs;

import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which source each asset number of a sequence's keyframe table names. The table's numbering is a
 * documented part of its format (docs/convert.md, "asset"): sources numbered from 0 in order of first
 * use over the visible clips (clip and track enabled) on tracks V1-V20, ordered by timeline start,
 * then track from the bottom, then position on the track; one number per {@link Source#key()}.
 * {@code SourceNumberingTest} checks this against {@link KeyframeTable} frame by frame.
 */
final class SourceNumbering {
    private final List<Source> sources;

    private SourceNumbering(List<Source> sources) {
        this.sources = sources;
    }

    static SourceNumbering of(Sequence sequence) {
        record Use(long start, int track, int position, Source source) {}
        List<Use> uses = new ArrayList<>();
        List<VideoTrack> tracks = sequence.tracks();
        for (int k = 0; k < Math.min(KeyframeTable.TRACKS, tracks.size()); k++) {
            if (!tracks.get(k).enabled()) continue;
            for (PlacedClip p : tracks.get(k).placedClips()) {
                if (p.clip().enabled()) uses.add(new Use(p.start(), k, p.position(), p.clip().source()));
            }
        }
        uses.sort(Comparator.comparingLong(Use::start).thenComparingInt(Use::track).thenComparingInt(Use::position));
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<Source> sources = new ArrayList<>();
        for (Use u : uses) {
            if (numbers.putIfAbsent(u.source().key(), sources.size()) == null) sources.add(u.source());
        }
        return new SourceNumbering(List.copyOf(sources));
    }

    /** Sources by asset number. */
    List<Source> sources() {
        return sources;
    }

    /** The source asset {@code n} names. */
    Source source(int n) {
        return sources.get(n);
    }
}
