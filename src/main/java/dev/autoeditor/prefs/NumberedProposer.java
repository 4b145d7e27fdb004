package dev.autoeditor.prefs;

import java.util.Optional;

/**
 * A proposer whose proposal n depends only on the seed and n ({@link PairProposer}'s contract), and
 * which never runs out: it keeps the position, and jumps straight to any later number instead of
 * drawing the proposals in between. Subclasses say what proposal n is.
 */
public abstract class NumberedProposer implements PairProposer {
    private long position = 1;

    /** Proposal {@code n}, from the seed and n alone. */
    protected abstract Proposal propose(long n);

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final Optional<Proposal> next() {
        return Optional.of(propose(position++));
    }

    @Override
    public final void skipTo(long number) {
        if (number < position) throw new IllegalArgumentException("cannot go back to proposal " + number + " from " + position);
        position = number;
    }
}
