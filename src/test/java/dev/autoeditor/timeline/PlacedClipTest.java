package dev.autoeditor.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model places a clip with both ends -1 through its track, so lengths and the writer never fail on one. */
class PlacedClipTest {
    private static final Rate PAL = new Rate(25, false);
    private static final Source.File A = new Source.File("A", "A.mov", "file://A.mov", 1000, PAL, 1920, 1080, false);
    private static final Source.File B = new Source.File("B", "B.mov", "file://B.mov", 1000, PAL, 1920, 1080, false);

    private static Clip clip(String id, Source source, long start, long end, long in, long out) {
        return new Clip(id, id, true, start, end, in, out, source, Motion.IDENTITY, Crop.NONE, Set.of());
    }

    private static Transition dissolve(long start, long end) {
        return new Transition(start, end, Transition.Alignment.CENTER, -1, "Cross Dissolve", "Cross Dissolve");
    }

    /** FCP7's shape: a fade in [0, 30), a clip with both ends -1 (source 50..150), a dissolve, a last clip. */
    private static VideoTrack betweenTwoTransitions() {
        return new VideoTrack(true, List.of(dissolve(0, 30), clip("a", A, -1, -1, 50, 150), dissolve(90, 100),
                clip("b", B, -1, 150, 0, 60)));
    }

    @Test
    void aClipWithBothEndsMinusOneStartsWhereTheTransitionBeforeItStarts() {
        List<PlacedClip> placed = betweenTwoTransitions().placedClips();
        assertEquals(new PlacedClip(placed.get(0).clip(), 0, 100, 1), placed.get(0));
        assertEquals(new PlacedClip(placed.get(1).clip(), 90, 150, 3), placed.get(1));
        assertEquals(50.0, placed.get(0).sourceFrameAt(0));
    }

    @Test
    void sequenceLengthAndTheWriterHandleIt() {
        Sequence inner = new Sequence("inner", "Inner", PAL, 1920, 1080, 0, List.of(betweenTwoTransitions()));
        assertEquals(150, inner.lengthFrames());
        // A nested sequence's length is the clip item's <duration> in the writer.
        Clip nested = clip("n", new Source.Nested("inner", "Inner", inner), 0, 150, 0, 150);
        Sequence outer = new Sequence("outer", "Outer", PAL, 1920, 1080, 0, List.of(new VideoTrack(true, List.of(nested))));
        String xml = new XmemlWriter().toXml(new Project("p", List.of(outer)));
        Project back = new XmemlReader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "p.xml", "p");
        Sequence innerBack = ((Source.Nested) ((Clip) back.sequences().get(0).tracks().get(0).items().get(0)).source()).sequence();
        assertEquals(150, innerBack.lengthFrames());
    }

    @Test
    void aTrackRefusesAClipWithBothEndsMinusOneAndNoTransitionBesideIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VideoTrack(true, List.of(clip("a", A, 0, 10, 0, 10), clip("lost", B, -1, -1, 0, 10))));
        assertTrue(e.getMessage().contains("'lost' (lost) has start and end -1 but no adjacent transition"), e.getMessage());
        IllegalStateException alone = assertThrows(IllegalStateException.class, () -> clip("x", A, -1, -1, 0, 10).timelineStart());
        assertTrue(alone.getMessage().contains("VideoTrack.placedClips()"), alone.getMessage());
    }
}
