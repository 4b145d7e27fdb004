package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames to clips on a hand-built NTSC prompt (29.97 fps sampled at 5 per second), with every number
 * of the result worked out below; and the builder's refusals.
 */
class ContinuationBuilderTest {
    private static final Rate NTSC30 = new Rate(30, true);
    private static final Source.File A = new Source.File("file-a", "interview.mov", "file://localhost/media/interview.mov",
            9000, NTSC30, 1920, 1080, false, 2);
    private static final Source.File B = new Source.File("file-b", "broll.mov", "file://localhost/media/broll.mov",
            300, NTSC30, 1920, 1080, false, 2);
    private static final Source.File PHOTO = new Source.File("file-c", "photo.png", "file://localhost/media/photo.png",
            1_294_704, NTSC30, 1024, 768, true, 0);
    private static final Source.File E = new Source.File("file-e", "later.mov", "file://localhost/media/later.mov",
            5000, NTSC30, 1920, 1080, false, 2);

    private static Clip video(String id, Source s, long start, long end, long in, List<String> links) {
        return new Clip(id, ((Source.File) s).name(), true, start, end, in, in + (end - start), s, Motion.IDENTITY, Crop.NONE, Set.of(),
                "master-" + id, 0, links, List.of());
    }

    private static Clip audio(String id, Source s, long start, long end, long in, int channel, List<String> links) {
        return new Clip(id, ((Source.File) s).name(), true, start, end, in, in + (end - start), s, Motion.IDENTITY, Crop.NONE, Set.of(),
                null, channel, links, List.of());
    }

    /**
     * V1: interview [0, 150) in 0, b-roll [150, 250) in 100, later [300, 400) in 1000; V2: photo [60, 120).
     * A1/A2: the interview's and the b-roll's channels 1 and 2, linked to their video.
     */
    static Project prompt() {
        List<String> l1 = List.of("v1", "a1", "a2");
        List<String> l2 = List.of("v2", "a3", "a4");
        Sequence s = new Sequence("sequence-1", "NTSC prompt", NTSC30, 1920, 1080, 400, List.of(
                new VideoTrack(true, List.of(video("v1", A, 0, 150, 0, l1), video("v2", B, 150, 250, 100, l2),
                        video("v3", E, 300, 400, 1000, List.of()))),
                new VideoTrack(true, List.of(video("v4", PHOTO, 60, 120, 0, List.of())))),
                List.of(new AudioTrack(true, List.of(audio("a1", A, 0, 150, 0, 1, l1), audio("a3", B, 150, 250, 100, 1, l2))),
                        new AudioTrack(true, List.of(audio("a2", A, 0, 150, 0, 2, l1), audio("a4", B, 150, 250, 100, 2, l2)))));
        return new Project("ntsc-prompt", List.of(s));
    }

    private static double[] values(double scale) {
        return new double[] {scale, 0, 0, 0, 0, 0, 0};
    }

    /**
     * The worked example: S = 200 frames; at 5 per second sample i is frame floor(i x 5.994), 34 samples
     * lie before 200, so C = frame(34) = 203. Samples 34-38: V1 goes on with the b-roll (asset 2).
     * Samples 39-43: V1 takes a new class, the prompt's next source "later" (from its first in, 1000),
     * zooming 100 -> 120; V2 shows the photo for two samples. Samples 44-45: back to the interview.
     */
    static ContinuationBuilder workedExample() {
        Project p = prompt();
        PromptCut cut = PromptCut.atSeconds(p, p.sequences().get(0), new SamplingRate(5, 1), 200 * 1001 / 30000.0);
        ContinuationBuilder b = ContinuationBuilder.of(cut, KeyframeTolerance.exact());
        for (int i = 0; i < 5; i++) {
            b.placeTrack(0, 2, values(100));
            b.endFrame();
        }
        int later = b.cursor().sourceForNewClass(a -> a == 2, 0);
        for (int i = 0; i < 5; i++) {
            b.placeTrack(0, later, values(100 + 5 * i));
            if (i < 2) b.placeTrack(1, 1, values(50));
            b.endFrame();
        }
        for (int i = 0; i < 2; i++) {
            b.placeTrack(0, 0, values(100));
            b.endFrame();
        }
        return b;
    }

    @Test
    void framesBecomeClipsWithAudioLinksAndKeyframes() {
        Project p = prompt();
        PromptCut promptCut = PromptCut.atSeconds(p, p.sequences().get(0), new SamplingRate(5, 1), 200 * 1001 / 30000.0);
        assertEquals(34, promptCut.firstSample());
        assertEquals(203, promptCut.cutFrame());
        SourceCursor fresh = SourceCursor.of(promptCut);
        assertEquals(List.of(A, PHOTO, B), fresh.sources(), "numbered by first use before the cut");
        assertEquals(3, fresh.sourceForNewClass(a -> a == 2, 0), "a new class: the next number");
        assertEquals(E, fresh.source(3), "the prompt's next source");
        ContinuationBuilder b = workedExample();
        PromptCut cut = b.cut();
        Sequence edit = b.build();

        List<Clip> v1 = clips(edit.tracks().get(0).items());
        // New ids follow Premiere's form, given in order of start then track: the b-roll and its two audio
        // clips 1-3, "later" 4-6, the photo on V2 (same start) 7, the interview 8-10.
        assertEquals(List.of("v1", "v2", "clipitem-1", "clipitem-4", "clipitem-8"), v1.stream().map(Clip::id).toList(),
                "the prompt's clips after the cut are gone");
        Clip trimmed = v1.get(1);
        assertEquals(List.of(150L, 203L, 100L, 153L), List.of(trimmed.start(), trimmed.end(), trimmed.in(), trimmed.out()));
        Clip broll = v1.get(2);
        // frame(39) = floor(39 x 5.994) = 233.
        assertEquals(List.of(203L, 233L, 153L, 183L), List.of(broll.start(), broll.end(), broll.in(), broll.out()));
        assertEquals(Motion.IDENTITY, broll.motion());
        assertEquals(B, broll.source());
        assertEquals("master-v2", broll.masterclipId());
        assertEquals("broll.mov", broll.name(), "named as the prompt named its clips");
        Clip later = v1.get(3);
        // frame(44) = floor(263.736) = 263.
        assertEquals(List.of(233L, 263L, 1000L, 1030L), List.of(later.start(), later.end(), later.in(), later.out()));
        // Samples at frames 233, 239, 245, 251, 257 -> source 1000, 1006, 1012, 1018, 1024; one straight ramp.
        assertEquals(new Param(100, List.of(Keyframe.linear(1000, 100), Keyframe.linear(1024, 120))), later.motion().scale());
        Clip back = v1.get(4);
        // frame(46) = floor(275.724) = 275.
        assertEquals(List.of(263L, 275L, 150L, 162L), List.of(back.start(), back.end(), back.in(), back.out()));

        Clip photo = clips(edit.tracks().get(1).items()).get(1);
        assertEquals(List.of(233L, 245L, 60L, 72L), List.of(photo.start(), photo.end(), photo.in(), photo.out()));
        assertEquals(Param.constant(50), photo.motion().scale());
        assertEquals(List.of(), photo.links(), "a still has no sound");

        // Audio: the b-roll as the prompt carried it (channel 1 on A1, 2 on A2); "later" by its file (2 channels).
        List<Clip> a1 = clips(edit.audioTracks().get(0).items());
        List<Clip> a2 = clips(edit.audioTracks().get(1).items());
        assertEquals(List.of("a1", "a3", "clipitem-2", "clipitem-5", "clipitem-9"), a1.stream().map(Clip::id).toList());
        assertEquals(List.of("a2", "a4", "clipitem-3", "clipitem-6", "clipitem-10"), a2.stream().map(Clip::id).toList());
        assertEquals(List.of("clipitem-1", "clipitem-2", "clipitem-3"), broll.links());
        assertEquals(broll.links(), a1.get(2).links());
        assertEquals(List.of(203L, 233L, 153L, 183L, 2L),
                List.of(a2.get(2).start(), a2.get(2).end(), a2.get(2).in(), a2.get(2).out(), (long) a2.get(2).sourceTrack()));
        assertEquals(List.of(150L, 203L), List.of(a1.get(1).start(), a1.get(1).end()), "the prompt's audio is cut at C too");

        EditCheck.Report report = EditCheck.check(edit, cut.cutFrame());
        assertTrue(report.ok(), report.problems().toString());
        assertEquals(4, report.generatedVideoClips());
        assertEquals(6, report.generatedAudioClips());
        // V1: b-roll -> later at 233, later -> interview at 263 (203 continues the b-roll: not a cut);
        // V2: photo on at 233, off at 245.
        assertEquals(4, report.cuts());
        assertEquals(275, edit.declaredDuration());

        Sequence read = FrameRules.writeAndRead(new Project("edit", List.of(edit)));
        FrameRules.assertFramesBack(read, cut, b.frames(), KeyframeTolerance.exact());
    }

    @Test
    void theRulesOfARealLoopRoundTripOnNtscAtEveryRate() {
        for (SamplingRate sampling : List.of(SamplingRate.NATIVE, new SamplingRate(5, 1), new SamplingRate(24000, 1001),
                new SamplingRate(7, 2))) {
            for (Rate rate : List.of(new Rate(24, true), new Rate(30, true), new Rate(60, true))) {
                Project p = retimed(prompt(), rate);
                Sequence s = p.sequences().get(0);
                PromptCut cut = PromptCut.atSeconds(p, s, sampling, 3.3);
                KeyframeTolerance tolerance = new KeyframeTolerance(new double[] {0.5, 0.002, 0.002, 0.25, 0.25, 0.25, 0.25});
                ContinuationBuilder b = ContinuationBuilder.of(cut, tolerance);
                FrameRules.random(b, 60, new Random(7), 3);
                Sequence edit = b.build();
                EditCheck.Report report = EditCheck.check(edit, cut.cutFrame());
                assertTrue(report.ok(), rate + " " + sampling + ": " + report.problems());
                FrameRules.assertFramesBack(FrameRules.writeAndRead(new Project("edit", List.of(edit))), cut, b.frames(), tolerance);
            }
        }
    }

    /** The prompt with its sequence at another rate (files keep theirs, as real projects mix rates). */
    private static Project retimed(Project p, Rate rate) {
        Sequence s = p.sequences().get(0);
        return new Project(p.name(), List.of(new Sequence(s.id(), s.name(), rate, s.width(), s.height(), 0, s.tracks(), s.audioTracks())));
    }

    @Test
    void framesThatAreNotTableRowsAreRefused() {
        Project p = prompt();
        Sequence s = p.sequences().get(0);
        Sequence withDisabledV2 = new Sequence(s.id(), s.name(), s.rate(), 1920, 1080, 0,
                List.of(s.tracks().get(0), new VideoTrack(false, s.tracks().get(1).items())), s.audioTracks());
        PromptCut cut = PromptCut.whole(new Project("p", List.of(withDisabledV2)), withDisabledV2, new SamplingRate(5, 1));
        ContinuationBuilder b = ContinuationBuilder.of(cut, KeyframeTolerance.exact());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.placeTrack(1, 0, values(100)));
        assertTrue(e.getMessage().contains("V2 is disabled"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.placeTrack(0, 0, values(-5)));
        assertTrue(e.getMessage().contains("scale = -5.0 is outside"), e.getMessage());
        double[] row = new double[KeyframeTable.VALUES];
        for (int k = 0; k < KeyframeTable.TRACKS; k++) row[k * KeyframeTable.FIELDS + KeyframeTable.ASSET] = -1;
        row[KeyframeTable.ASSET] = 0;
        e = assertThrows(IllegalArgumentException.class, () -> b.append(row));
        assertTrue(e.getMessage().contains("inactive but its asset is 0.0"), e.getMessage());
        row[KeyframeTable.ACTIVE] = 0.7;
        e = assertThrows(IllegalArgumentException.class, () -> b.append(row));
        assertTrue(e.getMessage().contains("active = 0.7"), e.getMessage());
    }

    private static List<Clip> clips(List<TrackItem> items) {
        return items.stream().filter(Clip.class::isInstance).map(Clip.class::cast).toList();
    }

    /** The generated frames as CSV are the rows {@code convert} gives the written edit from C on. */
    @Test
    void theFramesCsvIsWhatConvertGivesTheEdit() throws java.io.IOException {
        ContinuationBuilder b = workedExample();
        java.io.StringWriter generated = new java.io.StringWriter();
        KeyframeCsv csv = new KeyframeCsv(generated);
        assertEquals(12, b.writeFrames(csv.rowsOf("edit", "NTSC prompt")));
        Sequence read = FrameRules.writeAndRead(b.buildProject());
        java.io.StringWriter converted = new java.io.StringWriter();
        RowConsumer all = new KeyframeCsv(converted).rowsOf("edit", "NTSC prompt");
        KeyframeTable.of(read).write(b.cut().sampling(), (frame, t, values) -> {
            if (frame >= b.cut().cutFrame()) all.accept(frame, t, values);
        });
        assertEquals(converted.toString(), generated.toString());
        assertTrue(generated.toString().startsWith("edit,NTSC prompt,203,6.773433,1,2,100,"), generated.toString());
    }

    @Test
    void theTrueContinuationAndTheHoldRule() {
        PromptCut cut = workedExample().cut();
        double[] row = cut.originalRow(51);
        // Sample 51 is frame floor(305.694) = 305: "later" on V1 (the prompt's own numbering: asset 3).
        assertEquals(1, row[KeyframeTable.ACTIVE]);
        assertEquals(3, row[KeyframeTable.ASSET]);
        KeyframeTolerance t = new KeyframeTolerance(new double[] {0.5, 0.002, 0.002, 0.25, 0.25, 0.25, 0.25});
        assertEquals(100, t.hold(0, 100, 100.4));
        assertEquals(100.5, t.hold(0, 100, 100.5));
        assertEquals(0.01, t.hold(1, 0.01, 0.0115));
    }
}
