package dev.autoeditor.prefs;

import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of preference pairs, one JSON line each ({@link PairJson}), that only grows.
 *
 * <p>Appends are atomic as far as readers can tell: each batch of lines goes to the file in one
 * write, every line ends in {@code \n}, and the write is forced to disk before the call returns. A
 * process killed mid-write can leave at most a last line without its line end; readers drop that
 * torn line with a warning (it was never a whole pair), and the next append cuts it off before
 * writing. Appends hold an exclusive file lock, so two processes (say two {@code prefs collect}
 * sittings) never interleave lines.
 *
 * <p>Reading never drops a line silently: a line that is not a pair is logged and returned as a
 * {@link LineProblem} with its line number; the other lines are still read.
 */
public final class PairStore {
    private static final Logger log = LoggerFactory.getLogger(PairStore.class);
    /** Where a run directory keeps its pairs (relative to the run directory). */
    public static final String DEFAULT_FILE = "prefs/pairs.jsonl";

    /** What to make of a last line without a line end. */
    public enum LastLine {
        /** A pair store's own file: it is an append cut short; drop it with a warning. */
        TORN_IF_UNTERMINATED,
        /** A file made elsewhere (editors and scripts often omit the last line end): read it like the others. */
        READ_IF_UNTERMINATED
    }

    private final Path file;

    public PairStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one pair (see {@link #appendAll}). */
    public void append(Pair pair) throws IOException {
        appendAll(List.of(pair));
    }

    /**
     * Appends pairs as lines in one write, forced to disk before returning. A torn last line left by a
     * killed writer is removed first (logged). Creates the file and its folder when missing.
     */
    public void appendAll(List<Pair> pairs) throws IOException {
        if (pairs.isEmpty()) return;
        StringBuilder text = new StringBuilder(pairs.size() * 8192);
        for (Pair p : pairs) text.append(PairJson.encode(p)).append('\n');
        AppendOnlyLines.append(file, text);
    }

    /**
     * Appends those of {@code pairs} the store does not hold yet (by {@link PairJson#contentKey}; a pair
     * given twice is appended once), deciding while the file is locked: two commands adding the same
     * pairs at the same time (two imports of one file) add them once. Returns the pairs appended.
     */
    public List<Pair> appendAbsent(List<Pair> pairs) throws IOException {
        List<Pair> appended = new ArrayList<>();
        if (pairs.isEmpty()) return appended;
        AppendOnlyLines.append(file, current -> {
            Set<String> known = new HashSet<>();
            PairLines lines = read(file, current, LastLine.TORN_IF_UNTERMINATED);
            lines.problems().forEach(p -> log.warn("{}", p));
            for (PairLines.Numbered p : lines.pairs()) known.add(PairJson.contentKey(p.pair()));
            StringBuilder text = new StringBuilder();
            appended.clear();
            for (Pair p : pairs) {
                if (!known.add(PairJson.contentKey(p))) continue;
                appended.add(p);
                text.append(PairJson.encode(p)).append('\n');
            }
            return text;
        });
        return appended;
    }

    /**
     * Reads this store: a missing file holds no pairs; a torn last line is dropped. Each problem is
     * logged as a warning and returned with its line number (count them in what you report).
     */
    public PairLines read() throws IOException {
        PairLines lines = read(file, LastLine.TORN_IF_UNTERMINATED);
        lines.problems().forEach(p -> log.warn("{}", p));
        return lines;
    }

    /**
     * Reads every pair of {@code file}, returning the problems with their line numbers without
     * logging them: the caller reports them (the import command prints them). A missing file is a
     * UserException, except for a store's own file ({@link LastLine#TORN_IF_UNTERMINATED}), which
     * holds no pairs yet.
     */
    public static PairLines read(Path file, LastLine lastLine) throws IOException {
        if (lastLine == LastLine.TORN_IF_UNTERMINATED && !Files.exists(file)) return new PairLines(file, new ArrayList<>(), new ArrayList<>());
        try (InputStream in = Files.newInputStream(file)) {
            return read(file, in, lastLine);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": file not found; check the path");
        }
    }

    /** Reads the pairs of {@code in}, the content of {@code file} (named in the problems). */
    private static PairLines read(Path file, InputStream in, LastLine lastLine) throws IOException {
        List<PairLines.Numbered> pairs = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        LineSplitter lines = new LineSplitter(in);
        long number = 0;
        byte[] line;
        while ((line = lines.next()) != null) {
            number++;
            if (!lines.terminated() && lastLine == LastLine.TORN_IF_UNTERMINATED) {
                problems.add(problem(file, number, "no line end: a torn append (the writer was killed mid-write), not a pair;"
                        + " dropped, and the next append removes it"));
                break;
            }
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(line)).toString();
            } catch (CharacterCodingException e) {
                problems.add(problem(file, number, "not UTF-8 text; skipped (pair files are UTF-8 JSON lines)"));
                continue;
            }
            if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
            if (text.isBlank()) continue;
            try {
                pairs.add(new PairLines.Numbered(number, PairJson.decode(text)));
            } catch (PairFormatException e) {
                problems.add(problem(file, number, e.getMessage() + "; line skipped (schema: docs/prefs.md)"));
            }
        }
        return new PairLines(file, pairs, problems);
    }

    private static LineProblem problem(Path file, long line, String message) {
        return new LineProblem(file, line, message);
    }

    /** Splits a byte stream at {@code \n} (scanning 64 kB blocks), saying whether the last line had one. */
    private static final class LineSplitter {
        private final InputStream in;
        private final byte[] block = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] line = new byte[8192];
        private boolean terminated;

        LineSplitter(InputStream in) {
            this.in = in;
        }

        /** The next line without its {@code \n}, or null at the end. */
        byte[] next() throws IOException {
            int n = 0;
            while (true) {
                if (pos == limit) {
                    limit = in.read(block, 0, block.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        terminated = false;
                        return n == 0 ? null : Arrays.copyOf(line, n);
                    }
                }
                int end = pos;
                while (end < limit && block[end] != '\n') end++;
                int take = end - pos;
                if (n + take > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, n + take));
                System.arraycopy(block, pos, line, n, take);
                n += take;
                pos = end;
                if (end < limit) {
                    pos++; // past the line end
                    terminated = true;
                    return Arrays.copyOf(line, n);
                }
            }
        }

        boolean terminated() {
            return terminated;
        }
    }
}
