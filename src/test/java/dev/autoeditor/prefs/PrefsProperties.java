package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of the schema and the judge on random edits. */
class PrefsProperties {
    @Provide
    Arbitrary<Edit> edits() {
        Arbitrary<double[]> track = Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 250),
                Arbitraries.doubles().between(-1, 1), Arbitraries.doubles().between(-1, 1), Arbitraries.doubles().between(0, 100).list().ofSize(4))
                .as((on, asset, scale, x, y, crops) -> on == 0 ? Edits.off()
                        : new double[] {1, asset, scale, x, y, crops.get(0), crops.get(1), crops.get(2), crops.get(3)});
        Arbitrary<double[]> row = track.list().ofMinSize(0).ofMaxSize(4).map(ts -> Edits.row(ts.toArray(new double[0][])));
        return row.list().ofMinSize(1).ofMaxSize(40).map(rows -> Edit.of(Edits.FPS5, rows, SourceSizes.UNKNOWN));
    }

    @Property(tries = 200)
    void aPairReadsBackAsItselfAndWritesTheSameBytes(@ForAll("edits") Edit context, @ForAll("edits") Edit a, @ForAll("edits") Edit b) {
        Pair p = new Pair(new PairContext("p", "s", 1.5, 9.25, context), PairSide.sampled(new ModelRef(Edits.hex('c'), -3, 0.7), a),
                PairSide.exported(new ExportRef("x", "", Edits.hex('d')), b), new PairJudge(PairJudge.Kind.PERSON, "jo"), true,
                Instant.parse("2024-01-01T00:00:00Z"));
        String line = PairJson.encode(p);
        Pair back = PairJson.decode(line);
        assertEquals(p, back);
        assertEquals(line, PairJson.encode(back));
    }

    @Property(tries = 200)
    void theJudgeIsSymmetricBoundedAndTiesAnEditWithItself(@ForAll("edits") Edit context, @ForAll("edits") Edit a, @ForAll("edits") Edit b) {
        RuleJudge judge = RuleJudgeTest.JUDGE;
        Verdict ab = judge.compare(context, a, b);
        Verdict ba = judge.compare(context, b, a);
        assertEquals(ab.scoreA(), ba.scoreB());
        assertEquals(ab.tie(), ba.tie());
        assertEquals(ab.winForA(), 1 - ba.winForA());
        assertTrue(ab.scoreA() <= 0 && ab.scoreB() <= 0);
        RuleScore s = judge.explain(context, a);
        assertTrue(s.framing() >= 0 && s.framing() <= 1 + 1e-12, s.toString());
        assertTrue(judge.compare(context, a, a).tie());
    }

    @Property(tries = 100)
    void sidesTakeTheContextsSizes(@ForAll("edits") Edit a) {
        SourceSizes sizes = SourceSizes.of(new ArrayList<>(List.of(new SourceSizes.Size(2, 2))));
        Edit context = Edit.empty(Edits.FPS5, sizes);
        Pair p = new Pair(new PairContext("p", "s", 0, 0, context), PairSide.sampled(new ModelRef(Edits.hex('c'), 1, 1), a),
                PairSide.sampled(new ModelRef(Edits.hex('c'), 2, 1), a), new PairJudge(PairJudge.Kind.RULE, "r"), true, Instant.EPOCH);
        assertEquals(sizes, p.preferred().frames().sizes());
        assertEquals(sizes, p.other().frames().sizes());
    }
}
