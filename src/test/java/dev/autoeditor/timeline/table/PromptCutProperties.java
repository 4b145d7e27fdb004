package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TimelineArbitraries;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cutting a sequence at C keeps every frame before C and nothing from C on. */
class PromptCutProperties {

    @Provide
    Arbitrary<Project> projects() {
        return TimelineArbitraries.projects(4);
    }

    @Property(tries = 300)
    void framesBeforeTheCutConvertAsInThePrompt(@ForAll("projects") Project p, @ForAll @IntRange(min = 0, max = 1000) int permille) {
        Sequence s = p.sequences().get(0);
        long c = s.lengthFrames() * permille / 1000;
        Sequence cut = PromptCut.cutAt(s, c);
        KeyframeTable before = KeyframeTable.of(s);
        KeyframeTable after = KeyframeTable.of(cut);
        double[] a = new double[KeyframeTable.VALUES];
        double[] b = new double[KeyframeTable.VALUES];
        // Numbers may differ (a source first seen only at or after C is not numbered in the cut, and a
        // dissolve crossing C moves its incoming clip's start), but consistently: one cut number per
        // prompt number.
        Map<Integer, Integer> numbers = new HashMap<>();
        for (long f = 0; f < c; f++) {
            before.fill(f, a);
            after.fill(f, b);
            for (int i = 0; i < KeyframeTable.VALUES; i++) {
                if (i % KeyframeTable.FIELDS == KeyframeTable.ASSET) {
                    if (a[i] < 0 || b[i] < 0) assertEquals(a[i], b[i], "frame " + f);
                    else {
                        int mine = (int) b[i];
                        assertEquals(numbers.computeIfAbsent((int) a[i], k -> mine), mine, "frame " + f);
                    }
                } else {
                    assertEquals(a[i], b[i], "frame " + f + " value " + i);
                }
            }
        }
        assertTrue(cut.lengthFrames() <= c, "nothing from C on");
        for (AudioTrack t : cut.audioTracks()) for (PlacedClip pc : t.placedClips()) assertTrue(pc.end() <= c);
        assertEquals(PromptCut.end(cut), cut.declaredDuration());
        // Links only name clips that are still there.
        Set<String> ids = new HashSet<>();
        for (VideoTrack t : cut.tracks()) for (TrackItem i : t.items()) if (i instanceof Clip cl) ids.add(cl.id());
        for (AudioTrack t : cut.audioTracks()) for (TrackItem i : t.items()) if (i instanceof Clip cl) ids.add(cl.id());
        for (VideoTrack t : cut.tracks()) for (TrackItem i : t.items()) if (i instanceof Clip cl) assertTrue(ids.containsAll(cl.links()));
        for (AudioTrack t : cut.audioTracks()) for (TrackItem i : t.items()) if (i instanceof Clip cl) assertTrue(ids.containsAll(cl.links()));
    }

    @Property(tries = 100)
    void cuttingAtTheEndKeepsTheSequence(@ForAll("projects") Project p) {
        Sequence s = p.sequences().get(0);
        long end = PromptCut.end(s);
        Sequence cut = PromptCut.cutAt(s, end);
        assertEquals(s.tracks(), cut.tracks());
        assertEquals(s.audioTracks(), cut.audioTracks());
    }

    @Property(tries = 100)
    void theContextIsTheSamplesBeforeTheCut(@ForAll("projects") Project p, @ForAll @IntRange(min = 0, max = 1200) int permille) {
        Sequence s = p.sequences().get(0);
        SamplingRate sampling = new SamplingRate(5, 1);
        double seconds = s.rate().seconds(s.lengthFrames()) * permille / 1000.0;
        PromptCut cut = PromptCut.atSeconds(p, s, sampling, seconds);
        assertTrue(cut.cutFrame() >= Math.ceil(seconds * s.rate().fps() - 1e-6), "C is at or after S");
        if (cut.firstSample() > 0) assertTrue(s.rate().seconds(cut.frameOfSample(cut.firstSample() - 1)) < seconds, "the context is before S");
        assertEquals(cut.firstSample(), cut.contextRows().size());
    }
}
