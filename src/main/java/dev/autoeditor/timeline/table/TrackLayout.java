package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which clip a video track shows at each timeline frame, as sorted, non-overlapping spans.
 *
 * <p>Rules: a disabled track or clip shows nothing. A clip covers its {@link PlacedClip} span, -1
 * ends resolved (it runs through the adjacent transition). Where two clips overlap in a transition,
 * the outgoing clip keeps the frames before the transition's cut frame and the incoming clip takes
 * the frames from it on. A transition with a clip on one side only (start-black, end-black, a
 * dissolve from or to nothing) fades that clip from or to black: the clip stays active through it.
 * Clips that overlap without a transition (not something editors export) are resolved the same way
 * at the later clip's start.
 */
final class TrackLayout {
    /** A clip visible on timeline frames [from, to). */
    record Span(long from, long to, PlacedClip clip) {}

    private final long[] froms;
    private final long[] tos;
    private final PlacedClip[] clips;

    private TrackLayout(List<Span> spans) {
        int n = spans.size();
        froms = new long[n];
        tos = new long[n];
        clips = new PlacedClip[n];
        for (int i = 0; i < n; i++) {
            froms[i] = spans.get(i).from();
            tos[i] = spans.get(i).to();
            clips[i] = spans.get(i).clip();
        }
    }

    static TrackLayout of(VideoTrack track) {
        if (!track.enabled()) return new TrackLayout(List.of());
        List<long[]> ranges = new ArrayList<>();
        List<PlacedClip> visible = new ArrayList<>();
        for (PlacedClip p : PlacedClip.of(track)) {
            if (p.clip().enabled()) {
                visible.add(p);
                ranges.add(new long[] {p.start(), p.end()});
            }
        }
        for (TrackItem item : track.items()) {
            if (item instanceof Transition t) applyTransition(t, ranges);
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < visible.size(); i++) {
            long[] r = ranges.get(i);
            if (r[1] > r[0]) spans.add(new Span(r[0], r[1], visible.get(i)));
        }
        spans.sort(Comparator.comparingLong(Span::from));
        List<Span> disjoint = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            long to = i + 1 < spans.size() ? Math.min(s.to(), spans.get(i + 1).from()) : s.to();
            if (to > s.from()) disjoint.add(new Span(s.from(), to, s.clip()));
        }
        return new TrackLayout(disjoint);
    }

    /**
     * Splits the two clips that meet in {@code t} at its cut frame. The outgoing clip is the one
     * overlapping the transition that starts earliest (before the cut), the incoming one the clip that
     * ends latest (after the cut); with only one clip there is nothing to split.
     */
    private static void applyTransition(Transition t, List<long[]> ranges) {
        long cut = t.cutFrame();
        int outgoing = -1;
        int incoming = -1;
        for (int i = 0; i < ranges.size(); i++) {
            long[] r = ranges.get(i);
            boolean overlaps = r[0] < t.end() && r[1] > t.start();
            if (!overlaps) continue;
            if (r[0] < cut && (outgoing < 0 || r[0] < ranges.get(outgoing)[0])) outgoing = i;
        }
        for (int i = 0; i < ranges.size(); i++) {
            long[] r = ranges.get(i);
            boolean overlaps = r[0] < t.end() && r[1] > t.start();
            if (!overlaps || i == outgoing) continue;
            if (r[1] > cut && (incoming < 0 || r[1] > ranges.get(incoming)[1])) incoming = i;
        }
        if (outgoing < 0 || incoming < 0) return;
        long[] out = ranges.get(outgoing);
        long[] in = ranges.get(incoming);
        out[1] = Math.min(out[1], cut);
        in[0] = Math.max(in[0], cut);
    }

    /** The clip shown at {@code frame}, or null. */
    PlacedClip clipAt(long frame) {
        int lo = 0;
        int hi = froms.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (froms[mid] > frame) hi = mid - 1;
            else if (tos[mid] <= frame) lo = mid + 1;
            else return clips[mid];
        }
        return null;
    }

    int spanCount() {
        return froms.length;
    }
}
