package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prefs import} in code: the CSV form converted from exports, JSON lines, bad rows, no doubles. */
class PairImporterTest {
    static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");
    static final PairImporter IMPORTER = new PairImporter(Clock.fixed(NOW, ZoneOffset.UTC));
    static final PairImporter.Options AT_5FPS = new PairImporter.Options(new SamplingRate(5, 1), null);

    @TempDir
    Path dir;
    PairStore store;

    @BeforeEach
    void exports() throws Exception {
        ExportFixtures.write(dir);
        store = new PairStore(dir.resolve("out/pairs.jsonl"));
    }

    Path csv(String... rows) throws Exception {
        StringBuilder sb = new StringBuilder("context_export,sequence,context_s,side_a_export,side_b_export,preferred\n");
        for (String r : rows) sb.append(r).append('\n');
        return Files.writeString(dir.resolve("ratings.csv"), sb.toString());
    }

    @Test
    void aCsvRowBecomesAPairFromTheConvertedExports() throws Exception {
        PairImporter.Result r = IMPORTER.importFile(csv("ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,A"), store, AT_5FPS);
        assertEquals(new PairImporter.Result(dir.resolve("ratings.csv"), PairImporter.Form.CSV, store.file(), 1, 1, 0, List.of()), r);
        Pair p = store.read().pairList().get(0);
        assertEquals(new PairJudge(PairJudge.Kind.IMPORT, "ratings.csv"), p.judge());
        assertEquals(NOW, p.time());
        assertEquals(false, p.tie());
        PairContext c = p.context();
        assertEquals(List.of("ctx", "Sequence 1", 0.0, 8.0, "5"), List.of(c.export(), c.sequence(), c.startS(), c.endS(), c.frames().fps().toString()));
        assertEquals(40, c.frames().rows());
        assertEquals(0, c.frames().asset(0, 0));
        assertEquals(1, c.frames().asset(39, 0));
        // Side A first (preferred): its own export, hashed; 4 s of d.mov, numbered after the context's a, b, c.
        assertEquals(new ExportRef("side-a", "Sequence 1", Hashing.sha256(dir.resolve("side-a.xml"))), p.preferred().export());
        assertNull(p.preferred().model());
        Edit a = p.preferred().frames();
        assertEquals(20, a.rows());
        for (int i = 0; i < 20; i++) assertEquals(3, a.asset(i, 0));
        assertEquals(50, a.value(0, 0, 2));
        // Side B: a.mov for one row (same number as in the context), then e.mov: a source of its own
        // although its xmeml id is c.mov's in ctx.xml.
        Edit b = p.other().frames();
        assertEquals(0, b.asset(0, 0));
        assertEquals(4, b.asset(1, 0));
        assertEquals(SourceSizes.of(List.of(SourceSizes.Size.FRAME, SourceSizes.Size.FRAME, SourceSizes.Size.FRAME,
                new SourceSizes.Size(2, 2), SourceSizes.Size.FRAME)), c.frames().sizes());
        // The judge sees d.mov at scale 50 as full frame, and side B's one-row return to a.mov.
        RuleJudge judge = RuleJudgeTest.JUDGE;
        assertEquals(0, judge.explain(c.frames(), a).framing());
        RuleScore sb = judge.explain(c.frames(), b);
        assertEquals(1, sb.flashes());
        assertTrue(judge.compare(c.frames(), a, b).prefersA());
    }

    @Test
    void preferredBPutsBFirstAndATieKeepsTheOrder() throws Exception {
        IMPORTER.importFile(csv("ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,b", "ctx.xml,Sequence 1,2-8,side-a.xml,side-b.xml,TIE"), store, AT_5FPS);
        List<Pair> pairs = store.read().pairList();
        assertEquals("side-b", pairs.get(0).preferred().export().name());
        assertTrue(pairs.get(1).tie());
        assertEquals("side-a", pairs.get(1).preferred().export().name());
        assertEquals(30, pairs.get(1).context().frames().rows());
        assertEquals(2.0, pairs.get(1).context().startS());
    }

    @Test
    void badRowsAreNamedWithTheirLinesAndTheOthersImport() throws Exception {
        Files.writeString(dir.resolve("broken.xml"), "<xmeml version=\"4\"><sequence>\n<name>x</name>\n</xmeml>");
        Path in = csv(
                "ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,A",      // line 2: good
                "ctx.xml,Sequence 1,8,side-a.xml,missing.xml,A",     // 3
                "ctx.xml,Nope,8,side-a.xml,side-b.xml,A",            // 4
                "ctx.xml,Sequence 1,soon,side-a.xml,side-b.xml,A",   // 5
                "ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,C",      // 6
                "ctx.xml,Sequence 1,8,differs.xml,side-b.xml,A",     // 7
                "ctx.xml,Sequence 1,99,side-a.xml,side-b.xml,A",     // 8
                "ctx.xml,Sequence 1,12,ctx.xml,side-b.xml,A",        // 9: nothing after the context
                "broken.xml,Sequence 1,8,side-a.xml,side-b.xml,A",   // 10
                "ctx.xml,Sequence 1,8,side-a.xml",                   // 11
                "ctx.xml,Sequence 1,2-8,side-a.xml,side-b.xml,tie"); // 12: good
        PairImporter.Result r = IMPORTER.importFile(in, store, AT_5FPS);
        assertEquals(2, r.added());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), r.problems().stream().map(LineProblem::line).toList());
        List<String> m = r.problems().stream().map(LineProblem::toString).toList();
        String folder = dir.toAbsolutePath().toString();
        assertContains(m.get(0), "ratings.csv line 3: side_b_export: " + folder + "/missing.xml: file not found (paths are relative to " + folder + "); row skipped");
        assertContains(m.get(1), "line 4: sequence: 'Nope' is not in " + folder + "/ctx.xml (it has 'Sequence 1')");
        assertContains(m.get(2), "line 5: context_s is 'soon'; give the context's end in seconds (20: the first 20 s) or START-END (12.5-30)");
        assertContains(m.get(3), "line 6: preferred is 'C'; use A, B or tie");
        assertContains(m.get(4), "line 7: side_a_export: " + folder + "/differs.xml differs from the context export at 4 s on V1 ('c.mov' here, 'b.mov' there);"
                + " a side export holds the context followed by its continuation");
        assertContains(m.get(5), "line 8: context_s: the context ends at 99 s but sequence 'Sequence 1' of " + folder + "/ctx.xml is 12 s long");
        assertContains(m.get(6), "line 9: side_a_export: " + folder + "/ctx.xml ends at the context's end; it holds no continuation to compare");
        assertContains(m.get(7), "line 10: context_export: " + folder + "/broken.xml:3:");
        assertContains(m.get(8), "line 11: 4 field(s), expected 6");
        assertEquals(2, store.read().pairs().size());
    }

    @Test
    void importingAgainAddsNothing() throws Exception {
        Path in = csv("ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,A", "ctx.xml,Sequence 1,6,side-a.xml,side-b.xml,B");
        assertEquals(2, IMPORTER.importFile(in, store, AT_5FPS).added());
        PairImporter later = new PairImporter(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        PairImporter.Result again = later.importFile(in, store, AT_5FPS);
        assertEquals(0, again.added());
        assertEquals(2, again.duplicates());
        assertEquals(2, store.read().pairs().size());
    }

    @Test
    void jsonLinesKeepTheirJudgeAndBadLinesAreNamed() throws Exception {
        Path in = dir.resolve("elsewhere.jsonl");
        Files.writeString(in, PairJson.encode(Pairs.sample(1)) + "\n{\"format\":\"auto-editor-pair/1\"}\n" + PairJson.encode(Pairs.imported()));
        PairImporter.Result r = IMPORTER.importFile(in, store, AT_5FPS);
        assertEquals(PairImporter.Form.JSON_LINES, r.form());
        assertEquals(2, r.added());
        assertEquals(1, r.problems().size());
        assertContains(r.problems().get(0).toString(), "elsewhere.jsonl line 2: context: missing");
        assertEquals(List.of(Pairs.sample(1), Pairs.imported()), store.read().pairList()); // the last line had no line end: still read
    }

    @Test
    void nativeSamplingStatesTheSequencesRate() throws Exception {
        IMPORTER.importFile(csv("ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,A"), store, new PairImporter.Options(SamplingRate.NATIVE, "editor-jo"));
        Pair p = store.read().pairList().get(0);
        assertEquals("25", p.context().frames().fps().toString());
        assertEquals(200, p.context().frames().rows());
        assertEquals(100, p.preferred().frames().rows());
        assertEquals("editor-jo", p.judge().id());
    }

    @Test
    void aCsvWithoutTheColumnsOrWithoutGoodRowsWritesNothing() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "context,sequence\nctx.xml,Sequence 1\n");
        UserException e = assertThrows(UserException.class, () -> IMPORTER.importFile(wrong, store, AT_5FPS));
        assertContains(e.getMessage(), "wrong.csv line 1: unknown column 'context'; the columns are context_export,sequence,context_s,side_a_export,side_b_export,preferred");
        e = assertThrows(UserException.class, () -> IMPORTER.importFile(csv("ctx.xml,Sequence 1,8,side-a.xml,side-b.xml,maybe"), store, AT_5FPS));
        assertContains(e.getMessage(), "nothing imported: no line is a good pair; first: ");
        assertContains(e.getMessage(), "line 2: preferred is 'maybe'");
        assertTrue(Files.notExists(store.file()));
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in: " + text);
    }
}
