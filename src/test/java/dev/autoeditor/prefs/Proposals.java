package dev.autoeditor.prefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-made proposals and a proposer of a fixed list of them, for the strip and sitting tests. */
final class Proposals {
    static final String MODEL = Edits.hex('c');

    private Proposals() {}

    /** A proposal numbered {@code n}: context and sides as given, model seeds 10n and 10n + 1, XML written as a one-line marker. */
    static Proposal of(long n, Edit context, Edit a, Edit b, String... names) {
        return of(n, MODEL, context, a, b, names);
    }

    static Proposal of(long n, String model, Edit context, Edit a, Edit b, String... names) {
        PairContext c = new PairContext("interview", "Sequence 1", 0, context.seconds(), context);
        return new Proposal(n, c, side(a, model, 10 * n, "A"), side(b, model, 10 * n + 1, "B"), List.of(names));
    }

    private static Proposal.Side side(Edit frames, String model, long seed, String name) {
        return new Proposal.Side(frames, new ModelRef(model, seed, 0.9),
                target -> java.nio.file.Files.writeString(target, "<xmeml version=\"4\"><!-- side " + name + " seed " + seed + " --></xmeml>\n"));
    }

    /** Proposal n of {@link ListProposer}: V1 shows a for 2 s, then side A cuts to b, side B to c after n rows. */
    static Proposal numbered(long n) {
        return numbered(n, MODEL);
    }

    static Proposal numbered(long n, String model) {
        Edit ctx = Edits.v1(0, 10);
        return of(n, model, ctx, Edits.v1(0, (int) n, 1, 10), Edits.v1(0, (int) n, 2, 10), "a.mov", "b.mov", "c.mov");
    }

    /**
     * A proposer of proposals 1..count made by {@link #numbered} (the model's hash from the id, so
     * another id proposes other pairs); records which it made. It jumps on skipTo, as a model's
     * proposer does, unless {@code jumps} is false (then the interface's default draws them).
     */
    static final class ListProposer implements PairProposer {
        private final int count;
        private final String id;
        private final boolean jumps;
        private long position = 1;
        final List<Long> made = new ArrayList<>();

        ListProposer(int count, String id) {
            this(count, id, true);
        }

        ListProposer(int count, String id, boolean jumps) {
            this.count = count;
            this.id = id;
            this.jumps = jumps;
        }

        @Override
        public void skipTo(long number) throws java.io.IOException {
            if (!jumps) {
                PairProposer.super.skipTo(number);
                return;
            }
            if (number < position) throw new IllegalArgumentException("back to " + number);
            position = number;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String describe() {
            return "test proposals (" + id + ")";
        }

        @Override
        public Optional<Proposal> next() {
            if (position > count) return Optional.empty();
            made.add(position);
            return Optional.of(numbered(position++, id.equals("list") ? MODEL : dev.autoeditor.util.Hashing.sha256(id)));
        }

        @Override
        public long position() {
            return position;
        }
    }
}
