package dev.autoeditor.prefs;

import java.io.IOException;
import java.util.Optional;

/**
 * Where {@code prefs collect} gets the pairs it shows a person: a numbered, deterministic stream of
 * {@link Proposal}s. The model's ({@code rl.ModelProposer}, outside this package: it needs ND4J) samples
 * both sides from the current model with independent seeds (issue 14); {@link DemoProposer} makes
 * rule-based sides without a model, for trying the terminal ({@code --demo}) and for tests.
 *
 * <p>The contract a sitting relies on to stop and continue later:
 * <ul>
 *   <li>{@link #next()} returns proposals numbered 1, 2, 3, ... in order (after {@link #skipTo(long)}
 *       from that number), and empty when there are no more;</li>
 *   <li>the same {@link #id()} gives the same proposal for the same number, in any process: every
 *       random choice of proposal n comes from the configured seed and n
 *       ({@code Seeds.derive(seed, purpose, n)}), never from what was proposed before;</li>
 *   <li>{@link #id()} changes whenever that could break: another model checkpoint, seed,
 *       temperature, set of contexts or proposal settings.</li>
 * </ul>
 */
public interface PairProposer extends AutoCloseable {
    /**
     * Names this stream of proposals in the sitting log: a sitting continues where the last one with
     * the same id stopped. One line of text, e.g. {@code model=<sha256> seed=42 temperature=0.9
     * contexts=<sha256> continuation_s=10}.
     */
    String id();

    /**
     * Says in a few words where the proposals come from, shown on every screen (a demo must say it
     * is one), e.g. {@code model 3f2a9b1c (checkpoints/rlhf/last.json), temperature 0.9}.
     */
    String describe();

    /** The next proposal, or empty when there are no more. */
    Optional<Proposal> next() throws IOException;

    /**
     * Makes the next {@link #next()} return proposal {@code number} (not before the current one).
     * The default draws and drops the proposals in between; a proposer whose proposals cost more
     * (sampling a model) jumps straight there, which the numbering contract allows.
     */
    default void skipTo(long number) throws IOException {
        long current = position();
        if (number < current) throw new IllegalArgumentException("cannot go back to proposal " + number + " from " + current);
        for (long n = current; n < number; n++) {
            if (next().isEmpty()) return;
        }
    }

    /** The number the next {@link #next()} will return. */
    long position();

    /** Frees what the proposer holds (a model's memory); the default holds nothing. */
    @Override
    default void close() throws IOException {}
}
