package dev.autoeditor.prefs;

import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.table.FrameSampler;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>Demo proposals, no model</b>: pairs for trying {@code prefs collect} ({@code --demo EXPORTS}) and
 * for its tests, made by rules from a folder of Premiere XML exports. Never used unless asked for.
 *
 * <p>Proposal n (from 1) picks an export's sequence and a cut time (seeded by n), keeps up to
 * {@link #CONTEXT_S} seconds before the cut as the context, and continues the edit for
 * {@link #CONTINUATION_S} seconds twice with independent seeds by {@link DemoContinuation}'s rules
 * (what is on screen at the cut persists; the lowest track cuts to another of the sequence's sources
 * at seeded times, sometimes with a slow push in or pull out; overlays leave at a seeded time). The
 * pairs it makes name {@link #GENERATOR_SHA256} (the SHA-256 of {@link #GENERATOR}) where a model's
 * checkpoint hash would be, so they can always be told from pairs sampled from a model.
 */
public final class DemoProposer extends NumberedProposer {
    private static final Logger log = LoggerFactory.getLogger(DemoProposer.class);
    /** What the demo's pairs name as their "model": a rule-based generator, not a checkpoint. */
    public static final String GENERATOR = "auto-editor-demo-continuations/1 (rule-based, no model)";
    public static final String GENERATOR_SHA256 = Hashing.sha256(GENERATOR);
    /** The temperature the demo's pairs state: the rules have none; 1 means "sampled as drawn". */
    public static final double TEMPERATURE = 1.0;
    static final double CONTEXT_S = 20;
    static final double CONTINUATION_S = 10;
    /** A cut leaves at least this much of the sequence before it as context. */
    static final double MIN_CONTEXT_S = 2;

    /** One sequence a proposal can continue: its export, and the sampling grid of its rows. */
    private record Candidate(String export, Sequence sequence, SamplingRate fps, long rows) {}

    private final List<Candidate> candidates;
    private final long seed;
    private final String id;
    private final String exportsLabel;

    private DemoProposer(List<Candidate> candidates, long seed, String id, String exportsLabel) {
        this.candidates = candidates;
        this.seed = seed;
        this.id = id;
        this.exportsLabel = exportsLabel;
    }

    /**
     * The demo over {@code exports} (a folder of {@code .xml} exports, read in name order, or one
     * export) sampled at {@code sampling} ({@code convert.sample_fps}), seeded by {@code seed}.
     * A UserException names a file that is not xmeml, or says that no sequence is long enough.
     */
    public static DemoProposer open(Path exports, SamplingRate sampling, long seed) throws IOException {
        List<Path> files = xmlFiles(exports);
        XmemlReader reader = new XmemlReader();
        List<Candidate> candidates = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        int unreadable = 0;
        for (Path f : files) {
            Project p;
            try {
                p = reader.read(f);
            } catch (UserException e) {
                if (Files.isRegularFile(exports)) throw e;
                // One bad file in a folder of exports (audio only, not xmeml) should not stop the demo.
                log.warn("--demo: skipping {}", e.getMessage());
                unreadable++;
                continue;
            }
            fingerprint.append(f.getFileName()).append(' ').append(Hashing.sha256(f)).append('\n');
            for (Sequence s : p.sequences()) {
                SamplingRate fps = rateFor(sampling, s.rate());
                long rows = fps.sampler(s.rate(), s.lengthFrames()).count();
                boolean hasSource = !SourceNumbering.of(s).sources().isEmpty();
                if (hasSource && rows > Math.ceil(MIN_CONTEXT_S * fpsValue(fps))) candidates.add(new Candidate(p.name(), s, fps, rows));
            }
        }
        if (candidates.isEmpty()) {
            throw new UserException(exports + ": no sequence in " + files.size() + " export(s)" + (unreadable > 0 ? " (" + unreadable + " unreadable)" : "")
                    + " is longer than " + (int) MIN_CONTEXT_S + " s with a visible clip; --demo needs Premiere XML exports of real edits");
        }
        String id = "demo=" + GENERATOR_SHA256.substring(0, 16) + " seed=" + seed + " fps=" + sampling + " context_s=" + (int) CONTEXT_S
                + " continuation_s=" + (int) CONTINUATION_S + " exports=" + Hashing.sha256(fingerprint.toString());
        String label = files.size() == 1 ? files.get(0).getFileName().toString()
                : files.size() + " exports in " + exports + (unreadable > 0 ? ", " + unreadable + " unreadable and skipped" : "");
        return new DemoProposer(List.copyOf(candidates), seed, id, label);
    }

    private static List<Path> xmlFiles(Path exports) throws IOException {
        if (Files.isRegularFile(exports)) return List.of(exports);
        if (!Files.isDirectory(exports)) throw new UserException("--demo " + exports + ": no such folder or file; give a folder of Premiere XML exports");
        List<Path> files;
        try (Stream<Path> s = Files.list(exports)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        if (files.isEmpty()) throw new UserException("--demo " + exports + ": no .xml file in the folder; give a folder of Premiere XML exports");
        return files;
    }

    /** The rate rows are sampled at: {@code native}, or a rate above the sequence's, takes every frame. */
    private static SamplingRate rateFor(SamplingRate sampling, Rate rate) {
        boolean everyFrame = sampling.isNative()
                || Math.multiplyExact(sampling.numerator(), rate.fpsDenominator()) >= Math.multiplyExact(rate.fpsNumerator(), sampling.denominator());
        return everyFrame ? new SamplingRate(rate.fpsNumerator(), rate.fpsDenominator()) : sampling;
    }

    private static double fpsValue(SamplingRate fps) {
        return (double) fps.numerator() / fps.denominator();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String describe() {
        return "DEMO: rule-based continuations, no model (" + exportsLabel + ")";
    }

    /** Proposal {@code n}: a sequence and cut drawn from seed and n, and two sides with independent seeds. */
    @Override
    protected Proposal propose(long n) {
        SplittableRandom pick = new SplittableRandom(Seeds.derive(seed, "prefs.collect.demo.context", n));
        Candidate c = candidates.get(pick.nextInt(candidates.size()));
        double fps = fpsValue(c.fps());
        long minRow = (long) Math.ceil(MIN_CONTEXT_S * fps);
        long cutRow = minRow + pick.nextLong(c.rows() - minRow);
        long firstRow = Math.max(0, cutRow - Math.round(CONTEXT_S * fps));
        int continuationRows = (int) Math.round(CONTINUATION_S * fps);
        // An unbounded grid: the continuation runs past the sequence's end when the cut is near it.
        FrameSampler grid = c.fps().sampler(c.sequence().rate(), Long.MAX_VALUE / 4096);
        long cutFrame = grid.frame(cutRow);
        long endFrame = grid.frame(cutRow + continuationRows);

        Sequence context = DemoContinuation.cut(c.sequence(), cutFrame);
        SourceNumbering numbering = SourceNumbering.of(c.sequence());
        SourceSizes sizes = SourceSizes.of(c.sequence());
        long seedA = Seeds.derive(seed, "prefs.collect.demo.side", 2 * n);
        long seedB = Seeds.derive(seed, "prefs.collect.demo.side", 2 * n + 1);
        Sequence seqA = DemoContinuation.extend(context, numbering.sources(), cutFrame, endFrame, new SplittableRandom(seedA));
        Sequence seqB = DemoContinuation.extend(context, numbering.sources(), cutFrame, endFrame, new SplittableRandom(seedB));
        Edit rowsA = frames(seqA, c.fps(), numbering, sizes, cutRow + continuationRows);
        Edit rowsB = frames(seqB, c.fps(), numbering, sizes, cutRow + continuationRows);
        Edit contextRows = rowsA.slice((int) firstRow, (int) cutRow);
        if (!contextRows.equals(rowsB.slice((int) firstRow, (int) cutRow))) {
            throw new IllegalStateException("demo proposal " + n + ": the two sides differ inside the context"); // a bug in the rules
        }
        Rate rate = c.sequence().rate();
        PairContext pairContext = new PairContext(c.export(), c.sequence().name(), rate.seconds(grid.frame(firstRow)), rate.seconds(cutFrame),
                contextRows);
        String stem = c.export() + "-proposal-" + n;
        Proposal.Side a = new Proposal.Side(rowsA.slice((int) cutRow, rowsA.rows()), new ModelRef(GENERATOR_SHA256, seedA, TEMPERATURE),
                target -> new XmemlWriter().write(new Project(stem + "-A", List.of(seqA)), target));
        Proposal.Side b = new Proposal.Side(rowsB.slice((int) cutRow, rowsB.rows()), new ModelRef(GENERATOR_SHA256, seedB, TEMPERATURE),
                target -> new XmemlWriter().write(new Project(stem + "-B", List.of(seqB)), target));
        return new Proposal(n, pairContext, a, b, numbering.sources().stream().map(Proposal::nameOf).toList());
    }

    /**
     * The first {@code rows} sampled rows of {@code sequence}, with assets numbered as in the
     * original sequence ({@code numbering}), so the context and both sides agree on what each number is.
     */
    private static Edit frames(Sequence sequence, SamplingRate fps, SourceNumbering numbering, SourceSizes sizes, long rows) {
        KeyframeTable table = KeyframeTable.of(sequence);
        List<double[]> all = table.rows(fps);
        if (all.size() < rows) throw new IllegalStateException("demo side has " + all.size() + " rows, expected " + rows);
        Map<String, Integer> original = new HashMap<>();
        for (int i = 0; i < numbering.sources().size(); i++) original.put(numbering.source(i).key(), i);
        List<Source> own = SourceNumbering.of(sequence).sources();
        int[] map = new int[own.size()];
        for (int i = 0; i < own.size(); i++) map[i] = original.get(own.get(i).key());
        return Edit.of(fps, all.subList(0, (int) rows), SourceSizes.UNKNOWN).renumbered(map, sizes);
    }
}
