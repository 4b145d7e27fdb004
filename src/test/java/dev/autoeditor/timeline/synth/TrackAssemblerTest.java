package dev.autoeditor.timeline.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Shots become clip items the way Premiere writes them around transitions. */
class TrackAssemblerTest {
    static final Source.File FILE = new Source.File("file-1", "a.mov", "file://localhost/a.mov", 10_000,
            new Rate(25, false), 1920, 1080, false);

    static Shot shot(long start, long end, long in) {
        return new Shot(FILE, start, end, in, Look.fixed(Motion.IDENTITY));
    }

    static VideoTrack assemble(Shot... shots) {
        return new TrackAssembler(new TrackAssembler.IdCounter()).assemble(List.of(shots));
    }

    @Test
    void centredDissolveRunsBothClipsThroughTheTransition() {
        Shot a = shot(0, 100, 10);
        a.dissolveAfter = 20;
        VideoTrack t = assemble(a, shot(100, 200, 50));
        Clip out = assertInstanceOf(Clip.class, t.items().get(0));
        Transition x = assertInstanceOf(Transition.class, t.items().get(1));
        Clip in = assertInstanceOf(Clip.class, t.items().get(2));
        assertEquals(List.of(0L, -1L, 10L, 120L), List.of(out.start(), out.end(), out.in(), out.out()));
        assertEquals(new Transition(90, 110, Transition.Alignment.CENTER, 10, "Cross Dissolve", "Cross Dissolve"), x);
        assertEquals(List.of(-1L, 200L, 40L, 150L), List.of(in.start(), in.end(), in.in(), in.out()));
        assertEquals(110, out.timelineEnd());
        assertEquals(90, in.timelineStart());
        assertEquals(100, x.cutFrame());
    }

    @Test
    void fadesSitInsideTheClipAndUseBlackAlignments() {
        Shot only = shot(0, 100, 5);
        only.fadeIn = 25;
        Shot last = shot(100, 300, 500);
        last.fadeOut = 25;
        VideoTrack t = assemble(only, last);
        Transition up = assertInstanceOf(Transition.class, t.items().get(0));
        assertEquals(new Transition(0, 25, Transition.Alignment.START_BLACK, 0, "Cross Dissolve", "Cross Dissolve"), up);
        Clip first = assertInstanceOf(Clip.class, t.items().get(1));
        assertEquals(List.of(-1L, 100L, 5L, 105L), List.of(first.start(), first.end(), first.in(), first.out()));
        Clip second = assertInstanceOf(Clip.class, t.items().get(2));
        assertEquals(List.of(100L, -1L, 500L, 700L), List.of(second.start(), second.end(), second.in(), second.out()));
        assertEquals(new Transition(275, 300, Transition.Alignment.END_BLACK, 25, "Cross Dissolve", "Cross Dissolve"),
                t.items().get(3));
    }

    @Test
    void aClipCarriesAtMostOneTransition() {
        Shot a = shot(0, 100, 100);
        a.dissolveAfter = 10;
        Shot b = shot(100, 200, 300);
        b.dissolveAfter = 10; // refused: b already dissolves in
        Shot c = shot(200, 300, 500);
        VideoTrack t = assemble(a, b, c);
        long transitions = t.items().stream().filter(i -> i instanceof Transition).count();
        assertEquals(1, transitions);
        Clip middle = TimelineChecks.clips(t).get(1);
        assertEquals(-1, middle.start());
        assertEquals(200, middle.end());
    }

    @Test
    void disabledShotsAreNeverDissolved() {
        Shot a = shot(0, 100, 100);
        a.dissolveAfter = 10;
        VideoTrack t = assemble(a, shot(100, 200, 300).disabled());
        assertTrue(t.items().stream().noneMatch(i -> i instanceof Transition));
    }

    @Property(tries = 200)
    void logNormalDrawsStayInTheirRange(@ForAll long seed, @ForAll @DoubleRange(min = 0.5, max = 30) double median,
                                        @ForAll @DoubleRange(min = 0, max = 2) double sigma) {
        LogNormal d = new LogNormal(median, sigma, median / 3, median * 2);
        Dice dice = new Dice(seed);
        for (int i = 0; i < 50; i++) {
            double x = d.sample(dice);
            assertTrue(x >= d.min() && x <= d.max(), x + " outside " + d);
        }
    }
}
