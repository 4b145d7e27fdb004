package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.testing.RealExports;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.synth.SynthCorpus;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.synth.SynthStyle;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoProposerTest {
    static final SamplingRate FPS5 = new SamplingRate(5, 1);

    @TempDir
    static Path exports;

    @TempDir
    Path tmp;

    /** One synthetic export of every style, 20-30 s each (25 fps PAL and 29.97 NTSC among them). */
    @BeforeAll
    static void writeExports() throws Exception {
        List<SynthStyle> styles = Arrays.stream(SynthStyle.values()).filter(s -> !s.configName().equals("house")).toList();
        SynthCorpus.write(exports, new SynthOptions(styles.size(), 11, styles, 20, 30));
    }

    /** What a proposal is made of, without the XML writers (lambdas compare by identity). */
    private static List<Object> content(Proposal p) {
        return List.of(p.number(), p.context(), p.a().frames(), p.a().model(), p.b().frames(), p.b().model(), p.sourceNames());
    }

    @Test
    void theSameSeedGivesTheSameProposalsAndAnotherSeedOthers() throws Exception {
        DemoProposer one = DemoProposer.open(exports, FPS5, 42);
        DemoProposer two = DemoProposer.open(exports, FPS5, 42);
        assertEquals(one.id(), two.id());
        for (int i = 0; i < 6; i++) assertEquals(content(one.next().orElseThrow()), content(two.next().orElseThrow()));
        DemoProposer other = DemoProposer.open(exports, FPS5, 43);
        assertNotEquals(one.id(), other.id(), "the seed is part of the id, so a sitting with another seed starts afresh");
        assertNotEquals(content(DemoProposer.open(exports, FPS5, 42).next().orElseThrow()), content(other.next().orElseThrow()));
        assertNotEquals(one.id(), DemoProposer.open(exports, new SamplingRate(5, 2), 42).id(), "so is the rate");
    }

    @Test
    void skipToJumpsStraightToTheProposalDrawingInOrderGives() throws Exception {
        DemoProposer drawn = DemoProposer.open(exports, FPS5, 42);
        Proposal fifth = null;
        for (int i = 0; i < 5; i++) fifth = drawn.next().orElseThrow();
        DemoProposer jumped = DemoProposer.open(exports, FPS5, 42);
        jumped.skipTo(5);
        assertEquals(5, jumped.position());
        assertEquals(content(fifth), content(jumped.next().orElseThrow()));
        assertEquals(6, jumped.position());
        assertThrows(IllegalArgumentException.class, () -> jumped.skipTo(2));
    }

    @Test
    void sidesAreLabelledAsTheDemoAndSampledWithIndependentSeeds() throws Exception {
        DemoProposer demo = DemoProposer.open(exports, FPS5, 42);
        assertEquals(Hashing.sha256(DemoProposer.GENERATOR), DemoProposer.GENERATOR_SHA256);
        assertTrue(demo.describe().startsWith("DEMO: rule-based continuations, no model"), demo.describe());
        assertTrue(demo.id().startsWith("demo="), demo.id());
        int differ = 0;
        for (int i = 0; i < 10; i++) {
            Proposal p = demo.next().orElseThrow();
            assertEquals(i + 1, p.number());
            assertEquals(DemoProposer.GENERATOR_SHA256, p.a().model().sha256());
            assertEquals(DemoProposer.GENERATOR_SHA256, p.b().model().sha256());
            assertNotEquals(p.a().model().seed(), p.b().model().seed());
            assertEquals(50, p.a().frames().rows(), "10 s at 5 fps");
            assertEquals(50, p.b().frames().rows());
            assertTrue(p.context().frames().rows() >= 10 && p.context().frames().rows() <= 100, p.context().toString());
            if (!p.a().frames().equals(p.b().frames())) differ++;
        }
        assertTrue(differ >= 8, differ + " of 10 proposals had two different sides");
    }

    @Test
    void whatIsOnScreenAtTheCutPersistsIntoBothSides() throws Exception {
        DemoProposer demo = DemoProposer.open(exports, FPS5, 7);
        for (int i = 0; i < 10; i++) {
            Proposal p = demo.next().orElseThrow();
            Edit ctx = p.context().frames();
            int last = ctx.rows() - 1;
            for (int k = 0; k < ctx.tracks(); k++) {
                if (!ctx.active(last, k)) continue;
                int lowest = 0;
                while (!ctx.active(last, lowest)) lowest++;
                if (k != lowest) continue; // overlays persist too, but may leave at once (a seeded time of 1 frame)
                assertEquals(ctx.asset(last, k), p.a().frames().asset(0, k), "proposal " + p.number() + " side A, V" + (k + 1));
                assertEquals(ctx.asset(last, k), p.b().frames().asset(0, k), "proposal " + p.number() + " side B, V" + (k + 1));
            }
        }
    }

    /**
     * Each side's XML, converted as {@code convert} converts it, gives exactly the frames the pair
     * records: the context, then that side (assets compared by source name, since the XML numbers
     * its sources by first use and the pair by the original export's).
     */
    @Test
    void eachSidesXmlShowsTheContextThenThatSide() throws Exception {
        DemoProposer demo = DemoProposer.open(exports, FPS5, 42);
        for (int i = 0; i < 6; i++) assertXmlShowsThePairsFrames(demo.next().orElseThrow(), tmp);
    }

    /** The same on the real exports (transitions, nested sequences, multicam, many tracks); skipped without them. */
    @Test
    void eachSidesXmlShowsTheContextThenThatSideOnRealExports() throws Exception {
        Path real = RealExports.require();
        DemoProposer demo = DemoProposer.open(real, FPS5, 42);
        for (int i = 0; i < 25; i++) assertXmlShowsThePairsFrames(demo.next().orElseThrow(), tmp);
    }

    /**
     * Each side's XML, converted as {@code convert} converts it, gives exactly the frames the pair
     * records: the context, then that side (assets compared by source name, since the XML numbers
     * its sources by first use and the pair by the original export's).
     */
    static void assertXmlShowsThePairsFrames(Proposal p, Path tmp) throws Exception {
        XmemlReader reader = new XmemlReader();
        for (String side : List.of("A", "B")) {
            Proposal.Side s = side.equals("A") ? p.a() : p.b();
            Path xml = tmp.resolve("p" + p.number() + "-" + side + ".xml");
            s.xml().write(xml);
            Project project = reader.read(xml);
            assertEquals(1, project.sequences().size());
            Sequence seq = project.sequences().get(0);
            assertEquals(p.context().sequence(), seq.name());
            List<double[]> rows = KeyframeTable.of(seq).rows(FPS5);
            Edit edit = Edit.of(FPS5, rows, SourceSizes.UNKNOWN);
            int cut = rows.size() - s.frames().rows();
            Edit ctx = p.context().frames();
            assertEquals(cut - ctx.rows(), Math.round(p.context().startS() * 5), "context starts where the pair says");
            List<String> names = SourceNumbering.of(seq).sources().stream().map(Proposal::nameOf).toList();
            for (int r = 0; r < ctx.rows() + s.frames().rows(); r++) {
                Edit expected = r < ctx.rows() ? ctx : s.frames();
                int er = r < ctx.rows() ? r : r - ctx.rows();
                int xr = cut - ctx.rows() + r;
                for (int k = 0; k < Edit.TRACKS; k++) {
                    String where = p.context().export() + " proposal " + p.number() + " side " + side + " row " + r + " V" + (k + 1);
                    int ea = expected.asset(er, k);
                    int xa = edit.asset(xr, k);
                    assertEquals(ea >= 0, xa >= 0, where);
                    if (ea < 0) continue;
                    assertEquals(p.sourceName(ea), names.get(xa), where);
                    for (int f = KeyframeTable.SCALE; f < Edit.FIELDS; f++) {
                        assertEquals(expected.value(er, k, f), edit.value(xr, k, f), 1e-6, where + " field " + f);
                    }
                }
            }
        }
    }

    @Test
    void foldersWithoutUsableExportsAreRefusedByName() throws Exception {
        UserException missing = assertThrows(UserException.class, () -> DemoProposer.open(tmp.resolve("nope"), FPS5, 1));
        assertTrue(missing.getMessage().startsWith("--demo " + tmp.resolve("nope") + ": no such folder or file"), missing.getMessage());
        Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(tmp.resolve("empty/notes.txt"), "x");
        UserException empty = assertThrows(UserException.class, () -> DemoProposer.open(tmp.resolve("empty"), FPS5, 1));
        assertTrue(empty.getMessage().contains("no .xml file in the folder"), empty.getMessage());
        Files.writeString(tmp.resolve("empty/broken.xml"), "<xmeml version=\"4\"><sequence>");
        UserException broken = assertThrows(UserException.class, () -> DemoProposer.open(tmp.resolve("empty/broken.xml"), FPS5, 1));
        assertTrue(broken.getMessage().startsWith(tmp.resolve("empty/broken.xml").toString()), broken.getMessage());
        UserException none = assertThrows(UserException.class, () -> DemoProposer.open(tmp.resolve("empty"), FPS5, 1));
        assertTrue(none.getMessage().contains("no sequence in 1 export(s) (1 unreadable) is longer than 2 s"), none.getMessage());
    }

    @Test
    void anUnreadableExportInAFolderIsSkippedAndCounted() throws Exception {
        Path folder = tmp.resolve("mixed");
        Files.createDirectories(folder);
        try (var s = Files.list(exports)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".xml")).toList()) Files.copy(f, folder.resolve(f.getFileName()));
        }
        Files.writeString(folder.resolve("0-broken.xml"), "<xmeml version=\"4\"><sequence>");
        DemoProposer demo = DemoProposer.open(folder, FPS5, 42);
        assertTrue(demo.describe().endsWith("(6 exports in " + folder + ", 1 unreadable and skipped)"), demo.describe());
        assertEquals(content(DemoProposer.open(exports, FPS5, 42).next().orElseThrow()).subList(1, 7),
                content(demo.next().orElseThrow()).subList(1, 7), "the readable exports propose what they propose alone");
    }

    @Test
    void oneExportFileIsEnough() throws Exception {
        Path first;
        try (var s = Files.list(exports)) {
            first = s.filter(f -> f.toString().endsWith(".xml")).sorted().findFirst().orElseThrow();
        }
        DemoProposer demo = DemoProposer.open(first, FPS5, 42);
        assertTrue(demo.describe().contains(first.getFileName().toString()), demo.describe());
        assertEquals(XmemlReader.projectName(first), demo.next().orElseThrow().context().export());
    }
}
