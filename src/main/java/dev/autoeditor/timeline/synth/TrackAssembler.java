package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns planned shots into a track the way Premiere writes it. A clip that meets a transition has
 * -1 on that side and runs through the whole transition (its source range grows by the overlap), so
 * two clips overlap exactly inside a cross dissolve. A clip gets at most one transition: a shot that
 * already has one at its head is cut (not dissolved) at its tail, so every clip keeps one concrete
 * timeline number and {@link Clip#timelineStart()} resolves without looking at the track.
 */
final class TrackAssembler {
    static final String DISSOLVE = "Cross Dissolve";

    private final IdCounter clipIds;

    TrackAssembler(IdCounter clipIds) {
        this.clipIds = clipIds;
    }

    /** Numbers clip items within a project (or within a nested sequence, with its own prefix). */
    static final class IdCounter {
        private final String prefix;
        private int next = 1;

        IdCounter() {
            this("clipitem-");
        }

        IdCounter(String prefix) {
            this.prefix = prefix;
        }

        String next() {
            return prefix + next++;
        }
    }

    VideoTrack assemble(List<Shot> plannedShots) {
        List<Shot> shots = new ArrayList<>(plannedShots);
        shots.sort((a, b) -> Long.compare(a.start, b.start));
        for (int i = 0; i + 1 < shots.size(); i++) {
            if (shots.get(i).end > shots.get(i + 1).start) {
                throw new IllegalStateException("shots overlap at frame " + shots.get(i + 1).start);
            }
        }
        // A closing fade to black wins over a dissolve into the last shot (one transition per clip).
        if (shots.size() > 1 && shots.get(shots.size() - 1).fadeOut > 0) shots.get(shots.size() - 2).dissolveAfter = 0;
        List<TrackItem> items = new ArrayList<>();
        Transition carried = null; // dissolve from the previous clip into this one
        for (int i = 0; i < shots.size(); i++) {
            Shot shot = shots.get(i);
            Shot next = i + 1 < shots.size() ? shots.get(i + 1) : null;
            Transition head = carried;
            carried = null;
            boolean ownHead = false;
            if (head == null && shot.fadeIn > 0 && shot.enabled) {
                head = new Transition(shot.start, shot.start + shot.fadeIn, Transition.Alignment.START_BLACK, 0,
                        DISSOLVE, DISSOLVE);
                ownHead = true;
            }
            Transition tail = null;
            if (head == null && canDissolve(shot, next)) {
                int d = shot.dissolveAfter;
                long tStart = shot.end - d / 2;
                tail = new Transition(tStart, tStart + d, Transition.Alignment.CENTER, d / 2, DISSOLVE, DISSOLVE);
                carried = tail;
            } else if (head == null && shot.fadeOut > 0 && shot.enabled) {
                tail = new Transition(shot.end - shot.fadeOut, shot.end, Transition.Alignment.END_BLACK, shot.fadeOut,
                        DISSOLVE, DISSOLVE);
            }
            if (ownHead) items.add(head);
            items.add(clip(shot, head, tail));
            if (tail != null) items.add(tail);
        }
        return new VideoTrack(true, items);
    }

    private static String nameOf(Source source) {
        if (source instanceof Source.File f) return f.name();
        if (source instanceof Source.Generator g) return g.name();
        if (source instanceof Source.Nested n) return n.name();
        return ((Source.Multicam) source).name();
    }

    private static boolean canDissolve(Shot shot, Shot next) {
        return shot.dissolveAfter > 0 && next != null && next.start == shot.end && shot.enabled && next.enabled
                && shot.dissolveAfter <= Math.min(shot.length(), next.length());
    }

    private Clip clip(Shot shot, Transition head, Transition tail) {
        long spanStart = head != null ? head.start() : shot.start;
        long spanEnd = tail != null ? tail.end() : shot.end;
        long in = shot.sourceIn - (shot.start - spanStart);
        long out = in + (spanEnd - spanStart);
        long start = head != null ? -1 : spanStart;
        long end = tail != null ? -1 : spanEnd;
        String name = nameOf(shot.source);
        return new Clip(clipIds.next(), name, shot.enabled, start, end, in, out, shot.source,
                shot.look.motion(in, out), shot.look.crop(in, out), Set.of());
    }
}
