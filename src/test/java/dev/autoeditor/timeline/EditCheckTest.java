package dev.autoeditor.timeline;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule of the structural check, broken once, in the generated part and in the prompt. */
class EditCheckTest {
    private static final Rate PAL = new Rate(25, false);
    private static final Source.File SOUND = new Source.File("f1", "a.mov", "file://localhost/a.mov", 1000, PAL, 1920, 1080, false, 2);
    private static final Source.File OTHER = new Source.File("f2", "b.mov", "file://localhost/b.mov", 1000, PAL, 1920, 1080, false, 0);

    private static Clip clip(String id, Source s, long start, long end, long in, List<String> links, int channel) {
        return new Clip(id, id, true, start, end, in, in + (end - start), s, Motion.IDENTITY, Crop.NONE, Set.of(), null, channel,
                links, List.of());
    }

    private static Sequence edit(List<TrackItem> v1, List<TrackItem> a1) {
        return new Sequence("s", "S", PAL, 1920, 1080, 0, List.of(new VideoTrack(true, v1)), List.of(new AudioTrack(true, a1)));
    }

    private static String only(EditCheck.Report r) {
        assertEquals(1, r.problems().size(), r.problems().toString());
        return r.problems().get(0);
    }

    @Test
    void aCleanEditPassesAndCountsItsCuts() {
        List<String> l1 = List.of("v1", "a1");
        List<String> l2 = List.of("v2", "a2");
        Sequence s = edit(List.of(clip("v1", SOUND, 0, 50, 0, l1, 0), clip("v2", SOUND, 50, 80, 500, l2, 0),
                        clip("v3", OTHER, 90, 100, 0, List.of(), 0)),
                List.of(clip("a1", SOUND, 0, 50, 0, l1, 1), clip("a2", SOUND, 50, 80, 500, l2, 1)));
        EditCheck.Report r = EditCheck.check(s);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(3, r.videoClips());
        assertEquals(2, r.audioClips());
        assertEquals(8, r.links(), "each linked clip lists its group, itself included");
        // 50: a -> a (the same source: no change of what shows), 80: off, 90: on. From 0 on, 0 itself is no boundary.
        assertEquals(2, r.cuts());
        assertEquals(Map.of(), r.promptIssues());
    }

    @Test
    void eachBrokenRuleIsAProblemInTheGeneratedPart() {
        Source.File undefined = new Source.File("f9", null, null, 0, PAL, 0, 0, false);
        assertTrue(only(EditCheck.check(edit(List.of(clip("v1", undefined, 0, 10, 0, List.of(), 0)), List.of())))
                .contains("'f9' is never defined"));
        assertTrue(only(EditCheck.check(edit(List.of(clip("v1", OTHER, 0, 10, 995, List.of(), 0)), List.of())))
                .contains("out 1005 is past the source's end (1000"));
        assertTrue(only(EditCheck.check(edit(List.of(clip("v1", OTHER, 0, 10, 0, List.of(), 0), clip("v2", OTHER, 5, 20, 50, List.of(), 0)),
                List.of()))).contains("overlaps 'v1'"));
        Clip keyed = new Clip("v1", "v1", true, 0, 10, 100, 110, OTHER,
                new Motion(new Param(100, List.of(Keyframe.linear(90, 100), Keyframe.linear(105, 120))), Param.constant(0), Param.constant(0)),
                Crop.NONE, Set.of());
        assertTrue(only(EditCheck.check(edit(List.of(keyed), List.of()))).contains("keyframe at source frame 90.0 outside [100, 110]"));
        assertTrue(only(EditCheck.check(edit(List.of(clip("v1", SOUND, 0, 10, 0, List.of(), 0)), List.of())))
                .contains("no linked audio clip"));
        assertTrue(only(EditCheck.check(edit(List.of(clip("v1", OTHER, 0, 10, 0, List.of("v1", "a9"), 0)), List.of())))
                .contains("links to 'a9', which is not a clip"));
        List<String> links = List.of("v1", "a1");
        assertTrue(only(EditCheck.check(edit(List.of(clip("v1", SOUND, 0, 10, 0, links, 0)),
                List.of(clip("a1", SOUND, 0, 12, 0, links, 1))))).contains("is not cut like it"));
        assertTrue(only(EditCheck.check(edit(List.of(clip("v1", SOUND, 0, 10, 0, links, 0)),
                List.of(clip("a1", SOUND, 0, 10, 0, List.of(), 1))))).contains("does not link back"));
        assertTrue(only(EditCheck.check(edit(List.of(clip("v1", OTHER, 0, 10, 0, List.of(), 0), clip("v1", OTHER, 20, 30, 0, List.of(), 0)),
                List.of()))).contains("id is used by another clip"));
    }

    @Test
    void thePromptsOwnIrregularitiesAreCountedNotReported() {
        Sequence s = edit(List.of(clip("v1", OTHER, 0, 10, 995, List.of(), 0), clip("v2", OTHER, 5, 20, 50, List.of(), 0),
                clip("v3", SOUND, 20, 30, 0, List.of(), 0), clip("v4", OTHER, 100, 110, 0, List.of(), 0)), List.of());
        EditCheck.Report r = EditCheck.check(s, 100);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(Map.of("out past the source's end", 1, "overlap without a transition", 1, "video without its audio", 1),
                r.promptIssues());
        assertEquals(1, r.generatedVideoClips());
        // v3 ends at 30 and v4 starts at 100: at 100 the track turns on (the only boundary from 100 on
        // before the end, 110).
        assertEquals(1, r.cuts());
        assertTrue(r.summary().contains("0 problem(s); the prompt's own irregularities"), r.summary());
    }

    @Test
    void aTransitionCoveringTheOverlapIsNoOverlap() {
        Clip out = new Clip("v1", "v1", true, 0, -1, 0, 60, OTHER, Motion.IDENTITY, Crop.NONE, Set.of());
        Clip in = new Clip("v2", "v2", true, -1, 100, 40, 100, OTHER, Motion.IDENTITY, Crop.NONE, Set.of());
        Sequence s = edit(List.of(out, new Transition(40, 60, Transition.Alignment.CENTER, -1, "Cross Dissolve", "Cross Dissolve"), in),
                List.of());
        assertTrue(EditCheck.check(s).ok(), EditCheck.check(s).problems().toString());
    }
}
