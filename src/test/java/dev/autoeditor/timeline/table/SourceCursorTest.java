package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.VideoTrack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cursor's rules on small hand-built prompts at 25 fps, sampled every frame. */
class SourceCursorTest {
    private static final Rate PAL = new Rate(25, false);

    private static Source.File file(String id, long duration) {
        return new Source.File(id, id + ".mov", "file://localhost/" + id + ".mov", duration, PAL, 1920, 1080, false, 2);
    }

    private static Clip clip(String id, Source s, long start, long end, long in) {
        return new Clip(id, id, true, start, end, in, in + (end - start), s, Motion.IDENTITY, Crop.NONE, Set.of());
    }

    private static final Source.File X = file("x", 10);
    private static final Source.File Y = file("y", 100);
    private static final Source.File W = file("w", 500);
    private static final Source.File Z = file("z", 500);
    private static final Source.File MUSIC = new Source.File("m", "music.wav", "file://localhost/music.wav", 5000, PAL, 0, 0, false, 2);

    /** V1: x [0, 5) in 0, y [5, 8) in 20, then (after the cut at 8) w [10, 20) in 300. Another sequence uses z and music. */
    private static PromptCut prompt() {
        Sequence main = new Sequence("s1", "Main", PAL, 1920, 1080, 0, List.of(new VideoTrack(true, List.of(
                clip("c1", X, 0, 5, 0), clip("c2", Y, 5, 8, 20), clip("c3", W, 10, 20, 300)))));
        Sequence other = new Sequence("s2", "Other", PAL, 1920, 1080, 0, List.of(new VideoTrack(true, List.of(
                clip("c4", Z, 0, 10, 0), clip("c5", MUSIC, 10, 20, 0)))));
        Project p = new Project("p", List.of(main, other));
        return PromptCut.atSeconds(p, main, SamplingRate.NATIVE, 8 / 25.0);
    }

    @Test
    void aSourceContinuesFromItsLastOutPointAndRunsOutAtItsLength() {
        PromptCut cut = prompt();
        assertEquals(8, cut.cutFrame());
        assertEquals(8, cut.firstSample());
        SourceCursor c = SourceCursor.of(cut);
        assertEquals(2, c.assetCount());
        assertEquals(List.of(X, Y), c.sources());
        assertEquals(5, c.framesLeft(0, 0), "x stopped at 5 of 10");
        for (int i = 0; i < 5; i++) {
            assertFalse(c.runsOut(0, 0));
            c.place(0, 0);
            c.endSample();
        }
        assertTrue(c.runsOut(0, 0), "x is played to its end");
        assertEquals(0, c.framesLeft(0, 0));
        assertEquals(1, c.forcedCutFrom(0, 0), "the least recently used other source");
        assertEquals(1, c.forcedCuts());
        assertEquals(77, c.framesLeft(1, 0), "y continues from 23 of 100");
        c.place(0, 1);
        c.endSample();
        assertEquals(List.of(new SourceCursor.Run(0, 0, 8, 13, 5), new SourceCursor.Run(0, 1, 13, 14, 23)), c.runs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.place(0, 0));
        assertTrue(e.getMessage().contains("0 frame(s) left"), e.getMessage());
    }

    @Test
    void aNewClassTakesThePromptsLaterSourcesThenItsOtherFilesThenTheLeastRecentlyUsed() {
        SourceCursor c = SourceCursor.of(prompt());
        assertEquals(2, c.sourceForNewClass(a -> true, 0));
        assertEquals(W, c.source(2), "w: used by the prompt after the cut");
        c.place(0, 2);
        assertEquals(300, c.runs().get(0).in(), "from where the prompt first used it");
        assertEquals(3, c.sourceForNewClass(a -> false, 1));
        assertEquals(Z, c.source(3), "z: the project's other sequence; the music file has no picture");
        c.place(1, 3);
        c.endSample();
        // Nothing unused is left: the least recently used source outside the context.
        assertNull(c.source(4));
        assertEquals(0, c.sourceForNewClass(a -> false, 0), "x was last seen at frame 5");
        assertEquals(1, c.sourceForNewClass(a -> a == 0, 0), "y, when the context shows x");
        c.place(0, 1);
        assertEquals(0, c.sourceForNewClass(a -> a == 2 || a == 3, 1), "y is on V1 in this sample already");
        assertEquals(-1, c.sourceForNewClass(a -> true, 1), "every source is in the context");
    }

    @Test
    void placementsAreCheckedAndOrdered() {
        SourceCursor c = SourceCursor.of(prompt());
        c.place(1, 0);
        assertThrows(IllegalArgumentException.class, () -> c.place(0, 1), "tracks go up within a sample");
        c.endSample();
        assertThrows(IllegalArgumentException.class, () -> c.place(0, 3), "asset 3 is not the next one");
        assertEquals(9, c.sample());
    }

    @Test
    void stillsAndGeneratorsLastTwelveHours() {
        Source.File still = new Source.File("p", "photo.png", "file://localhost/photo.png", 2, PAL, 1024, 768, true);
        Source.Generator matte = new Source.Generator("Color", "Color");
        Sequence s = new Sequence("s", "S", PAL, 1920, 1080, 0, List.of(new VideoTrack(true, List.of(
                clip("a", still, 0, 5, 0), clip("b", matte, 5, 10, 0)))));
        SourceCursor c = SourceCursor.of(PromptCut.whole(new Project("p", List.of(s)), s, SamplingRate.NATIVE));
        assertEquals(12 * 3600 * 25 - 5, c.framesLeft(0, 0));
        assertEquals(12 * 3600 * 25 - 5, c.framesLeft(1, 0));
    }
}
