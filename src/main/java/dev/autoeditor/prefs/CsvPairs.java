package dev.autoeditor.prefs;

import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.table.NumberText;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV import form (docs/prefs.md): one pair per row, naming Premiere XML exports,
 * <pre>
 * context_export,sequence,context_s,side_a_export,side_b_export,preferred
 * interview.xml,Sequence 1,20,interview-a.xml,interview-b.xml,A
 * </pre>
 * Each export is converted to frames as {@code convert} does, at the import's sampling rate. The
 * context is the context export's rows in {@code context_s} ({@code END}, meaning 0 to END, or
 * {@code START-END}, seconds); a side export holds the same edit up to the context's end followed by
 * its continuation, which is its rows from there on. Paths are relative to the CSV's folder.
 */
final class CsvPairs {
    static final List<String> COLUMNS = List.of("context_export", "sequence", "context_s", "side_a_export", "side_b_export", "preferred");

    /** A row that could not become a pair; the message names the column and says what to do. */
    static final class BadRow extends Exception {
        BadRow(String message) {
            super(message);
        }
    }

    private final Path csv;
    private final ExportFrames exports;
    private final PairJudge judge;
    private final Instant time;

    CsvPairs(Path csv, SamplingRate sampling, PairJudge judge, Instant time) {
        this.csv = csv;
        this.exports = new ExportFrames(sampling);
        this.judge = judge;
        this.time = time;
    }

    /** Reads every row: pairs to {@code pairs}, rows that fail to {@code problems} with their line numbers. */
    void read(Consumer<PairLines.Numbered> pairs, Consumer<LineProblem> problems) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).build();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            checkHeader(parser.getHeaderNames());
            for (CSVRecord r : parser) {
                long line = Math.max(r.getRecordNumber() + 1, parser.getCurrentLineNumber());
                try {
                    if (!r.isConsistent()) {
                        throw new BadRow(r.size() + " field(s), expected " + COLUMNS.size() + " (" + String.join(",", COLUMNS) + ")");
                    }
                    pairs.accept(new PairLines.Numbered(line, pair(r)));
                } catch (BadRow e) {
                    problems.accept(new LineProblem(csv, line, e.getMessage() + "; row skipped"));
                }
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new UserException(csv + ": not a readable CSV (" + e.getMessage() + "); the columns are "
                    + String.join(",", COLUMNS) + " (docs/prefs.md)", e);
        }
    }

    private void checkHeader(List<String> header) {
        List<String> names = header.stream().map(h -> h.strip().replace("\uFEFF", "")).toList();
        for (String n : names) {
            if (!COLUMNS.contains(n)) {
                throw new UserException(csv + " line 1: unknown column '" + n + "'; the columns are "
                        + String.join(",", COLUMNS) + " (docs/prefs.md)");
            }
        }
        for (String c : COLUMNS) {
            if (!names.contains(c)) {
                throw new UserException(csv + " line 1: no column '" + c + "'; the columns are "
                        + String.join(",", COLUMNS) + " (docs/prefs.md)");
            }
        }
    }

    private Pair pair(CSVRecord r) throws BadRow {
        String preferred = r.get("preferred").strip().toLowerCase(Locale.ROOT);
        if (!List.of("a", "b", "tie").contains(preferred)) {
            throw new BadRow("preferred is '" + r.get("preferred") + "'; use A, B or tie");
        }
        double[] span = span(r.get("context_s"));
        ExportFrames.Export contextExport = read(r.get("context_export"), "context_export");
        String sequenceName = r.get("sequence");
        Sequence sequence = contextExport.project().sequences().stream().filter(s -> s.name().equals(sequenceName)).findFirst()
                .orElseThrow(() -> new BadRow("sequence: '" + sequenceName + "' is not in " + contextExport.file() + " (it has "
                        + names(contextExport) + ")"));
        ExportFrames.Frames context = exports.frames(contextExport, sequence);
        double length = sequence.rate().seconds(sequence.lengthFrames());
        if (span[1] > length + 1e-9) {
            throw new BadRow("context_s: the context ends at " + fmt(span[1]) + " s but sequence '" + sequenceName + "' of "
                    + contextExport.file() + " is " + fmt(length) + " s long");
        }
        int from = context.rowAt(span[0]);
        int to = context.rowAt(span[1]);

        Numbering numbering = new Numbering(context);
        Side a = side(r.get("side_a_export"), "side_a_export", sequenceName, context, from, to, numbering);
        Side b = side(r.get("side_b_export"), "side_b_export", sequenceName, context, from, to, numbering);
        SourceSizes sizes = numbering.sizes();
        Edit contextEdit = context.edit().slice(from, to).withSizes(sizes);
        PairContext pc = new PairContext(contextExport.name(), sequenceName, span[0], span[1], contextEdit);
        PairSide sa = PairSide.exported(a.ref, a.continuation(numbering));
        PairSide sb = PairSide.exported(b.ref, b.continuation(numbering));
        boolean tie = preferred.equals("tie");
        boolean aFirst = tie || preferred.equals("a");
        return new Pair(pc, aFirst ? sa : sb, aFirst ? sb : sa, judge, tie, time);
    }

    /** One side export, its continuation rows still in its own asset numbering. */
    private record Side(ExportRef ref, ExportFrames.Frames frames, int from, int[] toPair) {
        Edit continuation(Numbering numbering) {
            return frames.edit().slice(from, frames.edit().rows()).renumbered(toPair, numbering.sizes());
        }
    }

    private Side side(String path, String column, String sequenceName, ExportFrames.Frames context, int from, int to,
                      Numbering numbering) throws BadRow {
        ExportFrames.Export export = read(path, column);
        List<Sequence> sequences = export.project().sequences();
        Sequence seq = sequences.stream().filter(s -> s.name().equals(sequenceName)).findFirst()
                .orElse(sequences.size() == 1 ? sequences.get(0) : null);
        if (seq == null) {
            throw new BadRow(column + ": " + export.file() + " has no sequence '" + sequenceName + "' and several others ("
                    + names(export) + "); name the sequence alike in both exports");
        }
        if (!seq.rate().equals(context.sequence().rate())) {
            throw new BadRow(column + ": sequence '" + seq.name() + "' of " + export.file() + " runs at " + fmt(seq.rate().fps())
                    + " fps, the context's at " + fmt(context.sequence().rate().fps()) + " fps; export both at the same rate");
        }
        ExportFrames.Frames frames = exports.frames(export, seq);
        int[] toPair = numbering.map(frames);
        // The side must show the context as the context export does (tracks and sources): it continues that edit.
        for (int i = from; i < to; i++) {
            if (i >= frames.edit().rows()) {
                throw new BadRow(column + ": " + export.file() + " ends at " + fmt(frames.times().length == 0 ? 0 : frames.times()[frames.times().length - 1])
                        + " s, inside the context; a side export holds the context followed by its continuation");
            }
            for (int k = 0; k < Edit.TRACKS; k++) {
                int mine = frames.edit().asset(i, k);
                int pairNumber = mine < 0 ? -1 : toPair[mine];
                int theirs = context.edit().asset(i, k);
                if (pairNumber != theirs) {
                    throw new BadRow(column + ": " + export.file() + " differs from the context export at " + fmt(context.times()[i])
                            + " s on V" + (k + 1) + " (" + describe(frames, mine) + " here, " + describe(context, theirs)
                            + " there); a side export holds the context followed by its continuation");
                }
            }
        }
        if (to >= frames.edit().rows()) {
            throw new BadRow(column + ": " + export.file() + " ends at the context's end; it holds no continuation to compare");
        }
        return new Side(new ExportRef(export.name(), seq.name(), export.sha256()), frames, to, toPair);
    }

    private static String describe(ExportFrames.Frames f, int asset) {
        if (asset < 0) return "nothing";
        Source s = f.numbering().source(asset);
        return "'" + sourceName(s) + "'";
    }

    private static String sourceName(Source s) {
        if (s instanceof Source.File f) return f.name();
        if (s instanceof Source.Nested n) return n.name();
        if (s instanceof Source.Multicam m) return m.name();
        if (s instanceof Source.Generator g) return g.name();
        return s.key();
    }

    private ExportFrames.Export read(String path, String column) throws BadRow {
        if (path.isBlank()) throw new BadRow(column + " is empty; name a Premiere XML export (relative to " + folder() + ")");
        Path p = Path.of(path);
        if (!p.isAbsolute()) p = folder().resolve(p);
        ExportFrames.Export e = exports.export(p);
        if (e.failure() != null) {
            String hint = e.failure().endsWith("file not found") ? " (paths are relative to " + folder() + ")" : "";
            throw new BadRow(column + ": " + e.failure() + hint);
        }
        return e;
    }

    private Path folder() {
        Path parent = csv.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String names(ExportFrames.Export e) {
        return String.join(", ", e.project().sequences().stream().map(s -> "'" + s.name() + "'").toList());
    }

    /** {@code END} (0 to END) or {@code START-END}, seconds. */
    static double[] span(String text) throws BadRow {
        String t = text.strip();
        int dash = t.indexOf('-', 1);
        try {
            double start = dash < 0 ? 0 : Double.parseDouble(t.substring(0, dash).strip());
            double end = Double.parseDouble((dash < 0 ? t : t.substring(dash + 1)).strip());
            if (Double.isFinite(start) && Double.isFinite(end) && start >= 0 && end > start) return new double[] {start, end};
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRow("context_s is '" + text + "'; give the context's end in seconds (20: the first 20 s) or START-END (12.5-30)");
    }

    private static String fmt(double v) {
        return NumberText.format(Math.round(v * 1000) / 1000.0);
    }

    /**
     * The pair's asset numbering: the context export's numbers, then sources only the sides show,
     * numbered on from there in the order side A's export numbers them, then side B's. Sources are
     * matched across exports by what they show, not by xmeml ids (Premiere numbers {@code file-N}
     * ids per export): a file by its path URL, a nested sequence or multicam clip by name, a generator
     * by effect and name.
     */
    private static final class Numbering {
        private final ExportFrames.Frames context;
        private final Map<String, Integer> numbers = new LinkedHashMap<>();
        private final List<SourceSizes.Size> sizes = new ArrayList<>();

        Numbering(ExportFrames.Frames context) {
            this.context = context;
            List<Source> sources = context.numbering().sources();
            for (int n = 0; n < sources.size(); n++) {
                numbers.putIfAbsent(matchKey(sources.get(n)), n);
                sizes.add(SourceSizes.sizeOf(sources.get(n), context.sequence()));
            }
        }

        /** For each asset number of {@code side}, the pair's number (new sources get the next ones). */
        int[] map(ExportFrames.Frames side) {
            List<Source> sources = side.numbering().sources();
            int[] out = new int[sources.size()];
            for (int n = 0; n < out.length; n++) {
                Source s = sources.get(n);
                Integer known = numbers.get(matchKey(s));
                if (known == null) {
                    known = sizes.size();
                    numbers.put(matchKey(s), known);
                    sizes.add(SourceSizes.sizeOf(s, side.sequence()));
                }
                out[n] = known;
            }
            return out;
        }

        SourceSizes sizes() {
            return SourceSizes.of(sizes);
        }

        static String matchKey(Source s) {
            if (s instanceof Source.File f) return f.pathUrl() != null && !f.pathUrl().isBlank() ? "path:" + f.pathUrl() : "file:" + f.name() + ":" + f.id();
            if (s instanceof Source.Nested n) return "sequence:" + n.name();
            if (s instanceof Source.Multicam m) return "multicam:" + m.name();
            return s.key();
        }
    }
}
