package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which clip a video track shows at each timeline frame, as sorted, non-overlapping spans.
 *
 * <p>Rules: a disabled track or clip shows nothing. A clip covers its {@link PlacedClip} span, -1
 * ends resolved (it runs through the adjacent transition). A transition joins the clip listed just
 * before it (outgoing) and the one just after it (incoming): where they overlap, the outgoing clip
 * keeps the frames before the transition's cut frame and the incoming clip takes the frames from it
 * on (a cut outside the overlap moves to its nearer edge). A transition with a visible clip on one
 * side only (start-black, end-black, a dissolve from or to nothing) fades that clip from or to black:
 * the clip stays active through it. Clips that overlap without a transition (not something editors
 * export) are split at the later clip's start. A clip that covers no frame at or after 0 (start after
 * end, or wholly before the sequence's start; the reader warns of both) takes no part: it shows nothing,
 * is no transition's neighbour and gets no asset number ({@link #showsAFrame}).
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
        List<TrackItem> items = track.items();
        // Mutable [start, end) per visible clip, indexed by the clip's position on the track.
        Map<Integer, long[]> ranges = new HashMap<>();
        List<PlacedClip> visible = new ArrayList<>();
        for (PlacedClip p : track.placedClips()) {
            if (p.clip().enabled() && showsAFrame(p)) {
                visible.add(p);
                ranges.put(p.position(), new long[] {p.start(), p.end()});
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Transition t) {
                // xmeml lists a transition between the clips it joins: the outgoing one before it, the
                // incoming one after it. With a side missing or disabled it is a fade from or to black.
                long[] outgoing = ranges.get(i - 1);
                long[] incoming = ranges.get(i + 1);
                if (outgoing == null || incoming == null || outgoing[1] <= incoming[0]) continue;
                // Split where they overlap; a cut outside the overlap (real exports have outgoing clips
                // that end where the transition starts) moves to its nearer edge so no frame goes dark.
                long cut = Math.max(incoming[0], Math.min(outgoing[1], t.cutFrame()));
                outgoing[1] = cut;
                incoming[0] = cut;
            }
        }
        List<Span> spans = new ArrayList<>();
        for (PlacedClip p : visible) {
            long[] r = ranges.get(p.position());
            if (r[1] > r[0]) spans.add(new Span(r[0], r[1], p));
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

    /** Whether a placed clip covers any frame of the table, which starts at frame 0. */
    static boolean showsAFrame(PlacedClip p) {
        return p.end() > Math.max(p.start(), 0);
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
}
