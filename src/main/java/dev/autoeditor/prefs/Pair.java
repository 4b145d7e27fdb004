package dev.autoeditor.prefs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A preference pair: two continuations of one context, the preferred one first, who judged them,
 * whether it was a tie (then neither is preferred and the order means nothing), and when. Stored as
 * one JSON line by {@link PairStore}; the schema is in docs/prefs.md and {@link PairJson}.
 *
 * <p>Every part shares the context's rate and source sizes: the continuations' frames are re-homed
 * onto the context's sizes here, since asset numbers mean the same sources throughout a pair.
 */
public record Pair(PairContext context, PairSide preferred, PairSide other, PairJudge judge, boolean tie, Instant time) {
    /** The {@code format} every pair line carries. */
    public static final String FORMAT = "auto-editor-pair/1";

    public Pair {
        if (context == null || preferred == null || other == null || judge == null || time == null) {
            throw new IllegalArgumentException("a pair needs a context, two continuations, a judge and a time");
        }
        for (PairSide side : List.of(preferred, other)) {
            if (!side.frames().fps().equals(context.frames().fps())) {
                throw new IllegalArgumentException("a continuation at " + side.frames().fps() + " fps does not match the context's "
                        + context.frames().fps() + " fps");
            }
        }
        SourceSizes sizes = context.frames().sizes();
        preferred = new PairSide(preferred.model(), preferred.export(), preferred.frames().withSizes(sizes));
        other = new PairSide(other.model(), other.export(), other.frames().withSizes(sizes));
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Both continuations, the preferred one first. */
    public List<PairSide> continuations() {
        return List.of(preferred, other);
    }
}
