package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.XmlElement;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Audio tracks, links, master clips, source channels, kept filters and reader warnings. */
class XmemlAudioTest {

    private static List<Clip> audioClips(Sequence s, int track) {
        return s.audioTracks().get(track).items().stream().filter(Clip.class::isInstance).map(Clip.class::cast).toList();
    }

    private static Project readBack(String xml, XmemlReader reader) {
        return reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "written.xml", "written");
    }

    @Test
    void premiereLinksAudioTracksAndWarnings() {
        Project p = Fixtures.read("audio-links.xml");
        Sequence s = p.sequences().get(0);
        assertEquals(2, s.tracks().size());
        assertEquals(2, s.audioTracks().size());
        assertEquals(150, s.lengthFrames(), "audio does not count in the video length");

        Clip interview = Fixtures.clips(s, 0).get(0);
        assertEquals("masterclip-1", interview.masterclipId());
        assertEquals(List.of("clipitem-1", "clipitem-3", "clipitem-4"), interview.links());
        assertEquals(0, interview.sourceTrack());
        Source.File file = assertInstanceOf(Source.File.class, interview.source());
        assertEquals(2, file.audioChannels(), "one stereo stream");
        assertEquals("file://localhost/Volumes/media/dk-v%c3%a6ret%20intervju.mxf", file.pathUrl(), "kept as written");
        Clip second = Fixtures.clips(s, 0).get(1);
        assertEquals(List.of("clipitem-2", "clipitem-5"), second.links(), "the link to clipitem-99 names nothing");
        Source.File still = (Source.File) Fixtures.clips(s, 1).get(0).source();
        assertEquals(0, still.audioChannels());
        assertTrue(Fixtures.clips(s, 1).get(0).links().isEmpty());

        List<TrackItem> a1 = s.audioTracks().get(0).items();
        assertEquals(3, a1.size());
        Clip left = (Clip) a1.get(0);
        assertEquals("clipitem-3", left.id());
        assertEquals(1, left.sourceTrack());
        assertEquals(List.of("clipitem-1", "clipitem-3", "clipitem-4"), left.links());
        assertEquals(new Transition(90, 110, Transition.Alignment.CENTER, -1, "KGAudioTransCrossFade3dB", "Cross Fade (+3dB)"),
                a1.get(1));
        Clip fadedIn = (Clip) a1.get(2);
        assertEquals(90, s.audioTracks().get(0).placedClips().get(1).start(), "a -1 start runs through the cross fade");
        assertEquals(List.of("clipitem-2", "clipitem-5"), fadedIn.links());
        List<Clip> a2 = audioClips(s, 1);
        assertEquals(List.of("clipitem-4", "clipitem-7"), a2.stream().map(Clip::id).toList(), "clipitem-8 has no <in>");
        assertEquals(2, a2.get(0).sourceTrack());

        assertEquals(3, p.warnings().size(), p.warnings().toString());
        String where = Fixtures.path("audio-links.xml") + ":";
        for (String w : p.warnings()) assertTrue(w.startsWith(where), w);
        assertTrue(p.warnings().get(0).contains("clipitem-99"), p.warnings().toString());
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("file 'file-9'") && w.contains("never defines")));
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("'broken'") && w.contains("left out")));
    }

    @Test
    void writtenAudioAndLinksReadBackEqualAndClean() {
        Project p = Fixtures.read("audio-links.xml");
        XmemlWriter writer = new XmemlWriter();
        String xml = writer.toXml(p);
        Project back = readBack(xml, new XmemlReader());
        assertEquals(List.of(), back.warnings(), xml);
        assertEquals(p.sequences(), back.sequences());
        assertEquals(xml, writer.toXml(back));
        // Links are written at the places the items take in the written sequence: the faded-in audio
        // clip is item 3 of A1 (the cross fade is item 2), as Premiere counts.
        assertTrue(xml.contains("<linkclipref>clipitem-5</linkclipref>\n"
                + "\t\t\t\t\t\t\t<mediatype>audio</mediatype>\n"
                + "\t\t\t\t\t\t\t<trackindex>1</trackindex>\n"
                + "\t\t\t\t\t\t\t<clipindex>3</clipindex>\n"
                + "\t\t\t\t\t\t\t<groupindex>1</groupindex>"), xml);
        assertTrue(xml.contains("<mediatype>audio</mediatype>\n\t\t\t\t\t\t\t<trackindex>2</trackindex>\n\t\t\t\t\t\t</sourcetrack>"), xml);
        assertTrue(xml.contains("<channelcount>2</channelcount>"), xml);
        assertTrue(xml.contains("<masterclipid>masterclip-1</masterclipid>"), xml);
    }

    @Test
    void aReaderForEditingKeepsFiltersVerbatim() {
        Project plain = Fixtures.read("audio-links.xml");
        Project kept = XmemlReader.forEditing().read(Fixtures.path("audio-links.xml"));
        Clip plainClip = Fixtures.clips(plain.sequences().get(0), 0).get(0);
        Clip keptClip = Fixtures.clips(kept.sequences().get(0), 0).get(0);
        assertTrue(plainClip.keptFilters().isEmpty());
        assertEquals(plainClip.motion(), keptClip.motion(), "filters are still interpreted");
        assertEquals(Set.of(Clip.Unsupported.ROTATION), keptClip.unsupported());
        assertEquals(1, keptClip.keptFilters().size());
        XmlElement motion = keptClip.keptFilters().get(0);
        assertEquals("filter", motion.name());
        assertEquals("basic", motion.child("effect").child("effectid").text());
        XmlElement rotation = motion.child("effect").children().get(6);
        assertEquals(List.of("authoringApp", "PremierePro"), rotation.attributes());
        assertEquals("12.5", rotation.child("value").text());
        Clip level = audioClips(kept.sequences().get(0), 0).get(0);
        assertEquals("audiolevels", level.keptFilters().get(0).child("effect").child("effectid").text());

        XmemlWriter writer = new XmemlWriter();
        String xml = writer.toXml(kept);
        assertTrue(xml.contains("<value>12.5</value>"), "the rotation is written as the editor set it, not as 90");
        assertTrue(xml.contains("<effectid>audiolevels</effectid>"));
        Project back = readBack(xml, XmemlReader.forEditing());
        assertEquals(kept.sequences(), back.sequences());
        assertEquals(xml, writer.toXml(back));
        assertTrue(!writer.toXml(plain).contains("12.5"), "without kept filters rotation is a flag");
    }

    @Test
    void positionalLinksOfOlderExportsBecomeIdReferences() {
        Project p = Fixtures.read("fcp-positional-links.xml");
        Sequence s = p.sequences().get(0);
        Clip a = Fixtures.clips(s, 0).get(0);
        assertNotNull(a.id(), "a link target without an id is given one");
        Clip left = audioClips(s, 0).get(0);
        Clip right = audioClips(s, 1).get(0);
        assertEquals(List.of(a.id(), left.id(), right.id()), a.links());
        assertTrue(left.links().isEmpty(), "the audio items carry no links in this file");
        assertEquals(2, right.sourceTrack());
        assertEquals(1, p.warnings().size(), p.warnings().toString());
        assertTrue(p.warnings().get(0).contains("video item 7 on track 1"), p.warnings().get(0));

        String xml = new XmemlWriter().toXml(p);
        Project back = readBack(xml, new XmemlReader());
        assertEquals(List.of(), back.warnings());
        assertEquals(s, back.sequences().get(0));
    }

    @Test
    void audioTracksArePlacedLikeVideoTracks() {
        AudioTrack t = Fixtures.read("audio-links.xml").sequences().get(0).audioTracks().get(0);
        assertEquals(List.of(0L, 90L), t.placedClips().stream().map(c -> c.start()).toList());
        assertEquals(List.of(110L, 150L), t.placedClips().stream().map(c -> c.end()).toList());
    }

    @Test
    void filesWithoutAnIdAreWrittenInFullEachTime() {
        dev.autoeditor.timeline.Rate pal = new dev.autoeditor.timeline.Rate(25, false);
        Source.File a = new Source.File("", "a.mov", "file://localhost/a.mov", 100, pal, 0, 0, false);
        Source.File b = new Source.File("", "b.mov", "file://localhost/b.mov", 100, pal, 0, 0, false);
        Clip first = new Clip("c1", "a", true, 0, 10, 0, 10, a, dev.autoeditor.timeline.Motion.IDENTITY,
                dev.autoeditor.timeline.Crop.NONE, Set.of());
        Clip second = new Clip("c2", "b", true, 10, 20, 0, 10, b, dev.autoeditor.timeline.Motion.IDENTITY,
                dev.autoeditor.timeline.Crop.NONE, Set.of());
        Sequence s = new Sequence("s", "S", pal, 0, 0, 0, List.of(new dev.autoeditor.timeline.VideoTrack(true, List.of(first, second))));
        String xml = new XmemlWriter().toXml(new Project("p", List.of(s)));
        assertTrue(!xml.contains("<file id=\"\""), xml);
        Sequence back = readBack(xml, new XmemlReader()).sequences().get(0);
        assertEquals(List.of(a, b), Fixtures.clips(back, 0).stream().map(Clip::source).toList(), "b is not taken for a");
    }
}
