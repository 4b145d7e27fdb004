package dev.autoeditor.timeline;

import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated projects are valid and cover every construct the round trip is meant to test. */
class TimelineArbitrariesTest {

    @Test
    void generatedProjectsCoverEveryConstruct() {
        Arbitrary<Project> projects = TimelineArbitraries.projects();
        List<Project> sample = projects.sampleStream().limit(300).toList();
        int transitions = 0, minusOneEnds = 0, handles = 0, nested = 0, multicam = 0, generators = 0, stills = 0,
                disabledClips = 0, disabledTracks = 0, unsupported = 0, keyedCentre = 0, crops = 0, ntsc = 0,
                audioClips = 0, links = 0, audioFiles = 0, masterClips = 0;
        for (Project p : sample) {
            assertTrue(!p.sequences().isEmpty());
            for (Sequence s : p.sequences()) {
                if (s.rate().ntsc()) ntsc++;
                for (AudioTrack t : s.audioTracks()) {
                    for (PlacedClip pc : t.placedClips()) {
                        audioClips++;
                        assertTrue(pc.clip().sourceTrack() >= 1, "an audio clip plays a channel");
                        if (pc.clip().source() instanceof Source.File f && f.audioChannels() > 0) audioFiles++;
                    }
                }
                for (VideoTrack t : s.tracks()) {
                    if (!t.enabled()) disabledTracks++;
                    long lastStart = Long.MIN_VALUE;
                    for (TrackItem i : t.items()) {
                        if (i instanceof Transition) {
                            transitions++;
                            continue;
                        }
                        Clip c = (Clip) i;
                        assertTrue(c.start() >= 0 || c.end() >= 0, "never both -1");
                        assertTrue(c.timelineStart() >= lastStart, "clips in timeline order");
                        lastStart = c.timelineStart();
                        if (c.start() < 0 || c.end() < 0) minusOneEnds++;
                        if (c.links().size() > 1) links++;
                        if (c.masterclipId() != null) masterClips++;
                        if (!c.enabled()) disabledClips++;
                        if (!c.unsupported().isEmpty()) unsupported++;
                        if (c.motion().centerX().animated()) keyedCentre++;
                        if (!c.crop().equals(Crop.NONE)) crops++;
                        for (Keyframe k : c.motion().scale().keyframes()) if (k.inBez() != null || k.outBez() != null) handles++;
                        if (c.source() instanceof Source.Nested) nested++;
                        if (c.source() instanceof Source.Multicam) multicam++;
                        if (c.source() instanceof Source.Generator) generators++;
                        if (c.source() instanceof Source.File f && f.still()) stills++;
                    }
                }
            }
        }
        int[] counts = {transitions, minusOneEnds, handles, nested, multicam, generators, stills, disabledClips,
                disabledTracks, unsupported, keyedCentre, crops, ntsc, audioClips, links, audioFiles, masterClips};
        for (int count : counts) assertTrue(count > 5, java.util.Arrays.toString(counts));
    }
}
