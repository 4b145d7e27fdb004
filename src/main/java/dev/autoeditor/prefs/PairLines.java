package dev.autoeditor.prefs;

import java.nio.file.Path;
import java.util.List;

/**
 * What reading a pair file found: the pairs (in file order, each with its line) and the lines that
 * were skipped, each named with its line number and reason (malformed lines, and a torn last line).
 */
public record PairLines(Path file, List<Numbered> pairs, List<LineProblem> problems) {
    /** A pair and the line it was read from (1-based). */
    public record Numbered(long line, Pair pair) {}

    public PairLines {
        pairs = List.copyOf(pairs);
        problems = List.copyOf(problems);
    }

    /** The pairs alone, in file order. */
    public List<Pair> pairList() {
        return pairs.stream().map(Numbered::pair).toList();
    }
}
