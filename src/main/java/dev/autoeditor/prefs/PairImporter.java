package dev.autoeditor.prefs;

import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code prefs import}: pairs made elsewhere into a {@link PairStore}. Two forms (docs/prefs.md):
 * JSON lines in this project's schema (kept as they are, judge included), or the CSV form naming
 * Premiere XML exports (converted to frames at the given sampling rate; judge {@code import}).
 *
 * <p>Nothing is lost or doubled: every bad line or row is named with its line number and the rest
 * still import; pairs already in the store (same content, whatever their time) are not added again,
 * so running an interrupted import again finishes it. All new pairs are appended in one write.
 */
public final class PairImporter {
    /** The input's form. */
    public enum Form { JSON_LINES, CSV }

    /**
     * How to import: the sampling rate CSV rows' exports are converted at (usually
     * {@code convert.sample_fps}, so pairs match the run's data), and the judge id CSV pairs record
     * (null: the CSV's file name).
     */
    public record Options(SamplingRate sampling, String judgeId) {}

    /** What an import did. {@code rows}: pairs read from the input; {@code added + duplicates == rows}. */
    public record Result(Path input, Form form, Path store, int rows, int added, int duplicates, List<LineProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private final Clock clock;

    public PairImporter(Clock clock) {
        this.clock = clock;
    }

    public PairImporter() {
        this(Clock.systemUTC());
    }

    /**
     * Imports {@code input} into {@code store}. Throws a UserException when the input is missing,
     * unreadable as a whole (a CSV without the columns), or has no good row (then nothing is written).
     */
    public Result importFile(Path input, PairStore store, Options options) throws IOException {
        if (!Files.isRegularFile(input)) throw new UserException(input + ": file not found; give a .jsonl or .csv file of pairs");
        Form form = formOf(input);
        List<PairLines.Numbered> pairs = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        if (form == Form.JSON_LINES) {
            PairLines lines = PairStore.read(input, PairStore.LastLine.READ_IF_UNTERMINATED);
            pairs.addAll(lines.pairs());
            problems.addAll(lines.problems());
        } else {
            String judgeId = options.judgeId() != null ? options.judgeId() : input.getFileName().toString();
            CsvPairs csv = new CsvPairs(input, options.sampling(), new PairJudge(PairJudge.Kind.IMPORT, judgeId), clock.instant());
            csv.read(pairs::add, problems::add);
        }
        if (pairs.isEmpty()) {
            String why = problems.isEmpty() ? "it holds no pairs" : "no line is a good pair; first: " + problems.get(0);
            throw new UserException(input + ": nothing imported: " + why);
        }
        // Decided and appended under the store's lock: two imports of the same pairs at once add them once.
        List<Pair> fresh = store.appendAbsent(pairs.stream().map(PairLines.Numbered::pair).toList());
        return new Result(input, form, store.file(), pairs.size(), fresh.size(), pairs.size() - fresh.size(), problems);
    }

    /** By extension (.csv; .jsonl, .ndjson, .json), else by the first character: '{' is JSON lines. */
    static Form formOf(Path input) throws IOException {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) return Form.CSV;
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) return Form.JSON_LINES;
        try (InputStream in = Files.newInputStream(input)) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 0xEF || b == 0xBB || b == 0xBF || Character.isWhitespace(b)) continue; // BOM, blank lines
                return b == '{' ? Form.JSON_LINES : Form.CSV;
            }
        }
        return Form.CSV;
    }
}
