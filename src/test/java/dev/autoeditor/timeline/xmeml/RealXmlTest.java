package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.testing.RealExports;
import dev.autoeditor.util.UserException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every real export ({@link RealExports}: ../shared/data/real-xml) reads or fails with a UserException,
 * and values checked by hand in the files come out as written. Skipped when the folder is absent.
 */
class RealXmlTest {
    private static final XmemlReader READER = new XmemlReader();

    /** Reads one export; skips the test when it is out of reach (so never call it inside assertThrows). */
    private static Project read(String name) {
        return READER.read(RealExports.require(name));
    }

    @Test
    void everyFileReadsOrFailsWithAUserException() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(RealExports.require())) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertTrue(files.size() >= 50, "expected the real corpus, found " + files.size());
        int read = 0;
        List<String> refused = new ArrayList<>();
        for (Path p : files) {
            try {
                Project project = READER.read(p);
                assertTrue(!project.sequences().isEmpty(), p.toString());
                for (Sequence s : project.sequences()) {
                    for (var t : s.tracks()) {
                        for (TrackItem i : t.items()) {
                            if (i instanceof Clip c) assertTrue(c.timelineEnd() >= c.timelineStart(), c.toString());
                        }
                    }
                }
                read++;
            } catch (UserException e) {
                assertTrue(e.getMessage().startsWith(p + ":"), e.getMessage());
                refused.add(p.getFileName().toString());
            } catch (RuntimeException e) {
                fail(p + " failed with " + e, e);
            }
        }
        // The audio-only and clip-only exports; every other file has video to table.
        assertEquals(Set.of("BroShow ep Krenking.xml", "DNPR63700211 Bare musikk-timeline.xml", "EMPTY_SEQUENCE.xml",
                "Fade inn og ut.xml", "Fade inn.xml", "Fade ut.xml", "Langoya6.xml",
                "Monsen og hundene EP 1 MASTER til ODOMETER.xml", "Ujustert.xml", "clipmixerjustert -12dB.xml",
                "disabled.xml", "enabled.xml", "gain-12dB.xml", "premiere_cs6_lydtest.xml"), Set.copyOf(refused));
        assertEquals(files.size() - refused.size(), read);
    }

    @Test
    void emptyAndAudioOnlyExportsSayWhy() {
        // The files are looked up first: a skip thrown inside assertThrows would count as a failure.
        Path empty = RealExports.require("EMPTY_SEQUENCE.xml");
        Path audioOnly = RealExports.require("BroShow ep Krenking.xml");
        UserException e = assertThrows(UserException.class, () -> READER.read(empty));
        assertTrue(e.getMessage().contains("EMPTY_SEQUENCE.xml:3: no <sequence> outside a clip"), e.getMessage());
        e = assertThrows(UserException.class, () -> READER.read(audioOnly));
        assertTrue(e.getMessage().contains("no clip on any video track"), e.getMessage());
    }

    /** 2005.xml, V2 clipitem-261 "Tuftekonge": scale keyframes 164 at source frame 0, 263 at 67. */
    @Test
    void premiereScaleKeyframes() {
        Sequence s = read("2005.xml").sequences().get(0);
        Clip c = clip(s, 2, "clipitem-261");
        assertEquals(40405, c.start());
        assertEquals(40501, c.end());
        assertEquals(List.of(Keyframe.linear(0, 164), Keyframe.linear(67, 263)), c.motion().scale().keyframes());
        assertEquals(213.5, c.motion().scale().valueAt(33.5), 1e-9, "halfway between the keyframes");
        assertEquals(-0.5, c.motion().centerX().valueAt(10), 1e-12);
        assertEquals(-0.5, c.motion().centerY().valueAt(10), 1e-12);
    }

    /** fcp.sample.xml, V2 clip "MVI_0462 ": FCP7 scale 100 at 2 -> 125 at 67 with an in-handle (16.25, -3.14159). */
    @Test
    void fcp7HandlesAndCentreKeyframes() {
        Project p = read("fcp.sample.xml");
        Sequence s = p.sequences().get(0);
        assertEquals(new Rate(25, false), s.rate());
        Clip c = clip(s, 2, "MVI_0462 ");
        assertEquals(1185, c.start());
        assertEquals(2, c.in());
        assertEquals(List.of(Keyframe.linear(2, 100), new Keyframe(67, 125, new Keyframe.Handle(-16.25, 0), null)),
                c.motion().scale().keyframes());
        assertEquals(List.of(Keyframe.linear(2, 0), Keyframe.linear(67, 0.1146)), c.motion().centerX().keyframes());
        assertEquals(List.of(Keyframe.linear(2, 0), Keyframe.linear(67, -0.122905)), c.motion().centerY().keyframes());
        assertTrue(c.unsupported().contains(Clip.Unsupported.OPACITY), "keyframed opacity 100 -> 0");
    }

    /** Adobe Premiere CC Prg6.xml, V1 clipitem-1 "Clip #4.mov" [77,139): crop 45/45/41/41. */
    @Test
    void premiereCrop() {
        Clip c = clip(read("Adobe Premiere CC Prg6.xml").sequences().get(0), 1, "clipitem-1");
        assertEquals(77, c.start());
        assertEquals(139, c.end());
        assertEquals(new Crop(Param.constant(45), Param.constant(45), Param.constant(41), Param.constant(41)), c.crop());
    }

    /** otio premiere_example, V2: end-black transition [538,557), cutPointTicks 160876800000 = 19 frames at 30 fps. */
    @Test
    void premiereCutPointTicks() {
        Sequence s = read("otio-fcp-adapter__premiere_example.xml").sequences().get(0);
        assertEquals(new Rate(30, false), s.rate());
        Transition t = s.tracks().get(1).items().stream().filter(Transition.class::isInstance)
                .map(Transition.class::cast).filter(x -> x.start() == 538).findFirst().orElseThrow();
        assertEquals(557, t.end());
        assertEquals(Transition.Alignment.END_BLACK, t.alignment());
        assertEquals(19, t.cutPoint());
        assertEquals("Cross Dissolve", t.name());
    }

    /** Helaften, V2 clipitem-290: scale 163, centre y keyframed 0.0270833 (1962), 0.0239583 (2053), 0.164583 (2132). */
    @Test
    void premiereCentreKeyframes() {
        Clip c = clip(read("Helaften_del-1-MASTER-v3.xml").sequences().get(0), 2, "clipitem-290");
        assertEquals(Param.constant(163), c.motion().scale());
        assertEquals(List.of(Keyframe.linear(1962, 0.0270833), Keyframe.linear(2053, 0.0239583),
                Keyframe.linear(2132, 0.164583)), c.motion().centerY().keyframes());
        assertEquals(0, c.motion().centerX().valueAt(2000), 0);
    }

    private static Clip clip(Sequence s, int track, String id) {
        for (TrackItem i : s.tracks().get(track - 1).items()) {
            if (i instanceof Clip c && id.equals(c.id())) return c;
        }
        fail("no clip " + id + " on V" + track);
        return null;
    }

    @Test
    void nestedAndMulticamExportsResolve() {
        Sequence s = read("Multicam_Moser_1.xml").sequences().get(0);
        long nested = s.tracks().stream().flatMap(t -> t.items().stream())
                .filter(i -> i instanceof Clip c && c.source() instanceof dev.autoeditor.timeline.Source.Nested).count();
        assertEquals(16, nested);
        assertNotNull(s.name());
    }
}
