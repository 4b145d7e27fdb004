package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.Crop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.autoeditor.timeline.xmeml.Fixtures.clips;
import static dev.autoeditor.timeline.xmeml.Fixtures.read;
import static dev.autoeditor.timeline.xmeml.Fixtures.transitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmemlReaderTest {

    @Test
    void ntscSequenceWithMotionCropAndFileReference() {
        Project p = read("ntsc.xml");
        assertEquals("ntsc", p.name());
        assertEquals(1, p.sequences().size());
        Sequence s = p.sequences().get(0);
        assertEquals("sequence-1", s.id());
        assertEquals("NTSC sequence", s.name());
        assertEquals(new Rate(24, true), s.rate());
        assertEquals(24000.0 / 1001, s.rate().fps(), 1e-12);
        assertEquals(1920, s.width());
        assertEquals(1080, s.height());
        assertEquals(0, s.declaredDuration());
        assertEquals(2, s.tracks().size(), "video tracks; the audio track is apart");
        assertEquals(1, s.audioTracks().size());
        assertEquals(240, s.lengthFrames());

        List<Clip> v1 = clips(s, 0);
        Clip a = v1.get(0);
        assertEquals("clipitem-1", a.id());
        assertEquals(0, a.start());
        assertEquals(120, a.end());
        assertEquals(100, a.in());
        assertEquals(220, a.out());
        assertEquals(new Motion(constant(50), constant(0.25), constant(-0.125)), a.motion());
        assertEquals(Crop.NONE, a.crop());
        assertTrue(a.unsupported().isEmpty(), "rotation 0 is supported");
        Source.File fa = assertInstanceOf(Source.File.class, a.source());
        assertEquals("file-1", fa.id());
        assertEquals("file://localhost/media/clip-a.mov", fa.pathUrl());
        assertEquals(2400, fa.durationFrames());
        assertEquals(3840, fa.width());
        assertEquals(2160, fa.height());
        assertFalse(fa.still());
        Clip a2 = v1.get(1);
        assertSame(fa, a2.source(), "an empty <file id> is the same source as its full definition");
        assertEquals(Motion.IDENTITY, a2.motion());

        Clip b = clips(s, 1).get(0);
        assertEquals(new Crop(constant(10), constant(20), constant(5), constant(2.5)), b.crop());
        Source.File fb = (Source.File) b.source();
        assertEquals(new Rate(30, true), fb.rate());
        assertEquals(1280, fb.width());
    }

    @Test
    void minusOneEndsRunThroughTransitions() {
        Sequence s = read("transitions.xml").sequences().get(0);
        List<Clip> v1 = clips(s, 0);
        List<Transition> t1 = transitions(s, 0);
        assertEquals(3, v1.size());
        assertEquals(3, t1.size());
        Clip shot1 = v1.get(0);
        assertEquals(-1, shot1.end(), "-1 is kept as written");
        assertEquals(0, shot1.timelineStart());
        assertEquals(110, shot1.timelineEnd());
        Clip shot2 = v1.get(1);
        assertEquals(90, shot2.start(), "a clip with both ends -1 starts where the transition before it starts");
        assertEquals(-1, shot2.end());
        assertEquals(150, shot2.timelineEnd());
        Clip shot3 = v1.get(2);
        assertEquals(130, shot3.timelineStart());
        assertEquals(250, shot3.timelineEnd());

        Transition dissolve = t1.get(0);
        assertEquals(new Transition(90, 110, Transition.Alignment.CENTER, 10, "Cross Dissolve", "Cross Dissolve"), dissolve);
        assertEquals(100, dissolve.cutFrame(), "cutPointTicks 101606400000 = 10 frames at 25 fps");
        Transition noCut = t1.get(1);
        assertEquals(-1, noCut.cutPoint());
        assertEquals(140, noCut.cutFrame());
        Transition toBlack = t1.get(2);
        assertEquals(Transition.Alignment.END_BLACK, toBlack.alignment());
        assertEquals(10, toBlack.cutPoint());

        Transition fromBlack = transitions(s, 1).get(0);
        assertEquals(Transition.Alignment.START_BLACK, fromBlack.alignment());
        assertEquals(0, fromBlack.cutPoint());
        assertEquals("Dip to Black", fromBlack.effectId());
        Clip shot4 = clips(s, 1).get(0);
        assertEquals(0, shot4.timelineStart());
        assertEquals(60, shot4.timelineEnd());
        assertEquals(250, s.lengthFrames());
    }

    @Test
    void fcp7BezierHandlesAndKeyframesOverridePlainValues() {
        Clip c = clips(read("bezier.xml").sequences().get(0), 0).get(0);
        var scale = c.motion().scale();
        assertEquals(150, scale.value(), "the plain value is kept but keyframes override it");
        assertEquals(List.of(
                new Keyframe(100, 100, null, new Keyframe.Handle(25, 0)),
                new Keyframe(200, 200, new Keyframe.Handle(-25, 0), null)), scale.keyframes());
        assertEquals(150, scale.valueAt(150), 1e-9, "symmetric ease: the middle is the mean");
        assertTrue(scale.valueAt(110) < 110, "an ease out starts slower than linear");
        assertTrue(scale.valueAt(190) > 190, "and an ease in arrives slower than linear");
        assertEquals(100, scale.valueAt(50), "before the first keyframe its value holds");

        assertEquals(List.of(Keyframe.linear(120, 0), Keyframe.linear(180, 0.2)), c.motion().centerX().keyframes());
        assertEquals(List.of(Keyframe.linear(120, 0), Keyframe.linear(180, -0.1)), c.motion().centerY().keyframes());
        assertEquals(0.1, c.motion().centerX().valueAt(150), 1e-12, "FCPCurve without handles is linear");
        assertEquals(20, c.crop().left().valueAt(125), 1e-12);
        assertEquals(40, c.crop().left().valueAt(199), 1e-12);
        assertTrue(c.unsupported().isEmpty());
    }

    @Test
    void nestedSequencesResolveByIdIncludingForwardReferences() {
        Project p = read("nested.xml");
        assertEquals(1, p.sequences().size(), "sequences inside clip items are not top-level");
        Sequence outer = p.sequences().get(0);
        List<Clip> v1 = clips(outer, 0);
        Source.Nested first = assertInstanceOf(Source.Nested.class, v1.get(0).source());
        assertEquals("sequence-2", first.id());
        assertEquals("Inner", first.name());
        assertEquals(200, first.sequence().lengthFrames());
        assertEquals(80, v1.get(0).motion().scale().value());
        assertSame(first.sequence(), ((Source.Nested) v1.get(1).source()).sequence());
        assertEquals(first.key(), v1.get(1).source().key());

        Source.Nested later = assertInstanceOf(Source.Nested.class, v1.get(2).source());
        assertEquals("Later", later.name());
        assertEquals(new Rate(30, true), later.sequence().rate());
        Source.File shared = (Source.File) clips(later.sequence(), 0).get(0).source();
        assertSame(clips(first.sequence(), 0).get(0).source(), shared, "file-10 is one source across sequences");
    }

    @Test
    void disabledClipsAndTracksAreRead() {
        Sequence s = read("disabled.xml").sequences().get(0);
        List<Clip> v1 = clips(s, 0);
        assertTrue(v1.get(0).enabled());
        assertFalse(v1.get(1).enabled());
        assertTrue(v1.get(2).enabled());
        assertSame(v1.get(0).source(), v1.get(2).source());
        assertTrue(s.tracks().get(0).enabled());
        assertFalse(s.tracks().get(1).enabled());
        assertTrue(clips(s, 1).get(0).enabled(), "the clip itself is enabled; its track is not");
    }

    @Test
    void generatorsFromGeneratorItemsSlugFilesAndGeneratorFilters() {
        Sequence s = read("generator.xml").sequences().get(0);
        List<Clip> v1 = clips(s, 0);
        assertEquals(new Source.Generator("Slug", "Black Video"), v1.get(0).source());
        assertEquals(new Source.Generator("Color", "Color"), v1.get(1).source());
        assertEquals("Blue Matte", v1.get(1).name());
        assertEquals(50, v1.get(1).motion().scale().value());
        assertEquals(new Source.Generator("Text", "Text"), v1.get(2).source());
    }

    @Test
    void stillsByStillframeOrTwelveHourDuration() {
        List<Clip> v1 = clips(read("still.xml").sequences().get(0), 0);
        Source.File photo = (Source.File) v1.get(0).source();
        assertTrue(photo.still());
        assertEquals(2, photo.durationFrames());
        Source.File poster = (Source.File) v1.get(1).source();
        assertTrue(poster.still());
        assertEquals(1_080_000, poster.durationFrames());
    }

    @Test
    void multicamClipsByDefinitionAndReference() {
        List<Clip> v1 = clips(read("multicam.xml").sequences().get(0), 0);
        assertEquals(new Source.Multicam("mc-1", "Interview MC"), v1.get(0).source());
        assertEquals(new Source.Multicam("mc-1", "Interview MC"), v1.get(1).source());
        Source.File camB = assertInstanceOf(Source.File.class, v1.get(2).source());
        assertEquals("cam-b.mov", camB.name(), "a file first defined inside a multicam angle resolves");
        assertEquals("file://localhost/media/cam-b.mov", camB.pathUrl());
    }

    @Test
    void moreThanTwentyVideoTracksAreAllRead() {
        Sequence s = read("many-tracks.xml").sequences().get(0);
        assertEquals(22, s.tracks().size());
        for (int k = 1; k <= 22; k++) {
            Clip c = clips(s, k - 1).get(0);
            assertEquals("layer-" + k + ".mov", c.name(), "tracks stay in order, V1 first");
            assertEquals(50 + k, c.timelineEnd());
        }
    }

    @Test
    void fcp7ProjectWithBinsHasTwoTopLevelSequences() {
        Project p = read("two-sequences.xml");
        assertEquals(List.of("First", "Second"), p.sequences().stream().map(Sequence::name).toList());
        assertNull(p.sequences().get(0).id());
        assertEquals(new Rate(25, false), p.sequences().get(0).rate());
        assertEquals(new Rate(30, true), p.sequences().get(1).rate());
        Clip b = clips(p.sequences().get(1), 0).get(0);
        Source.File f = (Source.File) b.source();
        assertEquals("file://localhost/media/source.mov", f.pathUrl(), "defined in a bin clip, referenced in the sequence");
        assertEquals(500, f.durationFrames());
    }

    @Test
    void unsupportedEffectsAreMarked() {
        List<Clip> v1 = clips(read("unsupported.xml").sequences().get(0), 0);
        assertEquals(Set.of(Clip.Unsupported.ROTATION), v1.get(0).unsupported());
        assertEquals(Set.of(Clip.Unsupported.OPACITY), v1.get(1).unsupported());
        assertEquals(Set.of(Clip.Unsupported.OPACITY), v1.get(2).unsupported());
        assertEquals(Set.of(Clip.Unsupported.SPEED), v1.get(3).unsupported());
        assertEquals(Set.of(Clip.Unsupported.REVERSED), v1.get(4).unsupported());
        assertEquals(Set.of(Clip.Unsupported.TIME_REMAP), v1.get(5).unsupported());
        assertEquals(Set.of(), v1.get(6).unsupported());
    }

    @Test
    void oneReaderServesParallelReads() {
        XmemlReader shared = new XmemlReader();
        List<String> names = List.of("ntsc.xml", "transitions.xml", "bezier.xml", "nested.xml", "generator.xml",
                "multicam.xml", "many-tracks.xml", "two-sequences.xml");
        List<Project> sequential = names.stream().map(n -> shared.read(Fixtures.path(n))).toList();
        java.util.stream.IntStream.range(0, 400).parallel().forEach(i -> {
            int k = i % names.size();
            assertEquals(sequential.get(k), shared.read(Fixtures.path(names.get(k))));
        });
    }

    private static Param constant(double v) {
        return Param.constant(v);
    }
}
