package dev.autoeditor.timeline.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SynthGeneratorTest {
    /** The five styles of the pretraining mix (synth.styles), in order. */
    static final List<SynthStyle> PRETRAINING = List.of(SynthStyle.INTERVIEW, SynthStyle.VLOG, SynthStyle.SPLIT_SCREEN,
            SynthStyle.MONTAGE, SynthStyle.MULTICAM);
    static final SynthOptions MIXED = new SynthOptions(40, 7, PRETRAINING, 30, 90);

    @Test
    void sameSeedSameProjectWhateverTheCorpusSize() {
        for (int i = 0; i < 5; i++) {
            assertEquals(SynthGenerator.project(MIXED, i), SynthGenerator.project(MIXED.withProjects(3), i));
        }
    }

    @Test
    void differentSeedsGiveDifferentProjects() {
        Project a = SynthGenerator.project(MIXED, 0);
        Project b = SynthGenerator.project(MIXED.withSeed(8), 0);
        assertEquals(a.name(), b.name());
        assertNotEquals(a, b);
        assertNotEquals(SynthGenerator.project(MIXED, 0).sequences(), SynthGenerator.project(MIXED, 5).sequences());
    }

    @Test
    void projectsCycleThroughTheStylesAndAreNamedByIndexAndStyle() {
        assertEquals("synth-0001-interview", MIXED.projectName(0));
        assertEquals("synth-0003-split_screen", MIXED.projectName(2));
        assertEquals("synth-0006-interview", MIXED.projectName(5));
        assertEquals(SynthStyle.MULTICAM, MIXED.styleOf(4));
    }

    @Test
    void sequenceLengthStaysInTheConfiguredRange() {
        for (int i = 0; i < 20; i++) {
            Sequence s = SynthGenerator.project(MIXED, i).sequences().get(0);
            double seconds = s.rate().seconds(s.lengthFrames());
            assertTrue(seconds >= 29.9 && seconds <= 90.1, s.name() + " lasts " + seconds + " s");
        }
    }

    /** The corpus has what real exports have: NTSC rates, -1 ends, fades, disabled clips, Bezier, generators, UHD. */
    @Test
    void corpusCoversTheFeaturesOfRealExports() {
        Set<Rate> rates = new HashSet<>();
        Set<Transition.Alignment> alignments = new HashSet<>();
        int disabled = 0, bezier = 0, generators = 0, minusOneEnds = 0, animated = 0, stills = 0, halfScale = 0, emptyTracks = 0;
        for (int i = 0; i < MIXED.projects(); i++) {
            Sequence s = SynthGenerator.project(MIXED, i).sequences().get(0);
            rates.add(s.rate());
            for (VideoTrack t : s.tracks()) {
                if (t.items().isEmpty()) emptyTracks++;
                for (TrackItem item : t.items()) {
                    if (item instanceof Transition tr) alignments.add(tr.alignment());
                    if (!(item instanceof Clip c)) continue;
                    if (!c.enabled()) disabled++;
                    if (c.source() instanceof Source.Generator) generators++;
                    if (c.source() instanceof Source.File f && f.still()) stills++;
                    if (c.start() == -1 || c.end() == -1) minusOneEnds++;
                    if (c.motion().scale().value() == 50.0) halfScale++;
                    for (Param p : List.of(c.motion().scale(), c.motion().centerX(), c.crop().left())) {
                        if (p.animated()) animated++;
                        for (Keyframe k : p.keyframes()) if (k.inBez() != null || k.outBez() != null) bezier++;
                    }
                }
            }
        }
        assertEquals(Set.of(new Rate(24, true), new Rate(25, false), new Rate(30, true), new Rate(30, false)), rates);
        assertEquals(Set.of(Transition.Alignment.CENTER, Transition.Alignment.START_BLACK, Transition.Alignment.END_BLACK),
                alignments);
        assertTrue(disabled > 0, "disabled clips");
        assertTrue(bezier > 0, "Bezier handles");
        assertTrue(generators > 0, "generators");
        assertTrue(minusOneEnds > 0, "-1 ends");
        assertTrue(animated > 0, "keyframed motion");
        assertTrue(stills > 0, "stills");
        assertTrue(halfScale > 0, "UHD sources at scale 50");
        assertTrue(emptyTracks > 0, "empty tracks");
    }
}
