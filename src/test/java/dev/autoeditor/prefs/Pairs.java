package dev.autoeditor.prefs;

import static dev.autoeditor.prefs.Edits.full;
import static dev.autoeditor.prefs.Edits.row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deterministic sample pairs for the schema and store tests. */
final class Pairs {
    private Pairs() {}

    /** Pair number {@code i}: a 2-track context, two sampled continuations, a rule verdict. */
    static Pair sample(int i) {
        List<double[]> ctx = new ArrayList<>();
        for (int r = 0; r < 6; r++) ctx.add(row(full(0), r < 3 ? new double[] {1, 1, 33.333333, 0.3125, -0.28, 0, 0, 12.5, 0} : Edits.off()));
        SourceSizes sizes = SourceSizes.of(java.util.Arrays.asList(new SourceSizes.Size(2, 2), null, new SourceSizes.Size(1, 1)));
        Edit context = Edit.of(Edits.FPS5, ctx, sizes);
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            a.add(row(full(r < 2 ? 0 : 2)));
            b.add(row(full(0), new double[] {1, 1, 57.5 + i, -0.1, 0.05, 0, 0, 0, 0}));
        }
        PairContext c = new PairContext("interview, \"take 2\"", "Sequence 1", 10 + i, 11.2 + i, context);
        PairSide sa = PairSide.sampled(new ModelRef(Edits.hex('a'), 1000L + i, 1.0), Edit.of(Edits.FPS5, a, SourceSizes.UNKNOWN));
        PairSide sb = PairSide.sampled(new ModelRef(Edits.hex('a'), 2000L + i, 0.85), Edit.of(Edits.FPS5, b, SourceSizes.UNKNOWN));
        return new Pair(c, sa, sb, new PairJudge(PairJudge.Kind.RULE, "rule-judge/1 test"), i % 3 == 0,
                Instant.parse("2024-05-01T12:00:00.250Z").plusSeconds(i));
    }

    /** A pair whose second side is a person's export. */
    static Pair imported() {
        Pair p = sample(1);
        PairSide exported = PairSide.exported(new ExportRef("side-b", "Sequence 1", Edits.hex('b')), p.other().frames());
        return new Pair(p.context(), p.preferred(), exported, new PairJudge(PairJudge.Kind.IMPORT, "prefs.csv"), false, p.time());
    }

    /** Pair {@code i} with a long context (about 150 kB a line), so a kill often lands inside a write. */
    static Pair large(int i) {
        Pair p = sample(i);
        List<double[]> ctx = new ArrayList<>();
        for (int r = 0; r < 3000; r++) ctx.add(row(full(r % 7), new double[] {1, 8, 40 + r % 13, 0.25, -0.25, 0, 0, 0, 0}));
        Edit context = Edit.of(Edits.FPS5, ctx, SourceSizes.UNKNOWN);
        return new Pair(new PairContext("big", "s", 0, 600, context), p.preferred(), p.other(), p.judge(), p.tie(), p.time());
    }
}
