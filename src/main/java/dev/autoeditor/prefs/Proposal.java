package dev.autoeditor.prefs;

import dev.autoeditor.timeline.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Two continuations of one context for a person to choose between ({@code prefs collect}): proposal
 * number {@code number} of a {@link PairProposer}, the context, sides A and B, and the name of each
 * asset's source (for the legend; by asset number, as the pair numbers them).
 *
 * <p>Both sides and the context share the context's rate and asset numbering, exactly as a
 * {@link Pair} stores them: the proposal becomes a pair unchanged once the person has chosen.
 *
 * @param number      1 for a proposer's first proposal, then 2, 3, ... (the number a person sees and
 *                    the sitting log records): the same number always gives the same proposal for
 *                    the same proposer id, which is how a sitting continues
 * @param sourceNames by asset number, what a person knows the source as (a clip or file name); an
 *                    asset beyond the list is shown as "asset N"
 */
public record Proposal(long number, PairContext context, Side a, Side b, List<String> sourceNames) {
    public Proposal {
        if (number < 1) throw new IllegalArgumentException("proposals are numbered from 1, got " + number);
        if (context == null || a == null || b == null) throw new IllegalArgumentException("a proposal needs a context and two sides");
        for (Side s : List.of(a, b)) {
            if (!s.frames().fps().equals(context.frames().fps())) {
                throw new IllegalArgumentException("proposal " + number + ": a side at " + s.frames().fps() + " fps does not match the context's "
                        + context.frames().fps() + " fps");
            }
        }
        sourceNames = List.copyOf(sourceNames);
    }

    /**
     * One continuation: its frames (rows after the context, in the context's numbering), the model
     * that sampled them (checkpoint SHA-256, this side's seed, the temperature), and how to write it
     * as a Premiere XML file a person can open in an editor: the whole edit, the context followed by
     * this continuation.
     */
    public record Side(Edit frames, ModelRef model, XmlWriter xml) {
        public Side {
            if (frames == null || frames.isEmpty()) throw new IllegalArgumentException("a side needs at least one frame");
            if (model == null) throw new IllegalArgumentException("a side needs the model that sampled it");
            if (xml == null) throw new IllegalArgumentException("a side needs a way to write its Premiere XML");
        }

        /** This side as a pair stores it. */
        public PairSide toPairSide() {
            return PairSide.sampled(model, frames);
        }
    }

    /** Writes a side's edit as Premiere XML (xmeml) to {@code target}, atomically (temporary name, then a rename). */
    @FunctionalInterface
    public interface XmlWriter {
        void write(Path target) throws IOException;
    }

    /**
     * What a person knows {@code source} as, for the legend: a file's name, a nested sequence's or
     * multicam clip's name (marked as such), a generator's name.
     */
    public static String nameOf(Source source) {
        if (source instanceof Source.File f) return f.name();
        if (source instanceof Source.Nested n) return n.name() + " (nested sequence)";
        if (source instanceof Source.Multicam m) return m.name() + " (multicam)";
        if (source instanceof Source.Generator g) return g.name() + " (generator)";
        return source.key();
    }

    /** The name of asset {@code asset}'s source for the legend. */
    public String sourceName(int asset) {
        return asset >= 0 && asset < sourceNames.size() && sourceNames.get(asset) != null ? sourceNames.get(asset) : "asset " + asset;
    }

    /** The pair a person's choice makes: {@code preferA} puts side A first. */
    public Pair toPair(boolean preferA, PairJudge judge, Instant time) {
        PairSide sa = a.toPairSide();
        PairSide sb = b.toPairSide();
        return new Pair(context, preferA ? sa : sb, preferA ? sb : sa, judge, false, time);
    }
}
