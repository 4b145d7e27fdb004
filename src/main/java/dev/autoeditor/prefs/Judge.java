package dev.autoeditor.prefs;

/**
 * Something that scores continuations of an edit by how an editor would rate them, and so prefers
 * one of two. {@link RuleJudge} is the rule-based one; a person at the terminal is not a Judge (no
 * score) but records pairs with {@link PairJudge.Kind#PERSON}.
 */
public interface Judge {
    /** How pairs this judge decides record it. */
    PairJudge identity();

    /**
     * The score of {@code continuation} played after {@code context} (same rate; the context may be
     * empty). Higher is better. Only the continuation's rows are judged; the context shows where its
     * first shot began and which picture came before.
     */
    double score(Edit context, Edit continuation);

    /** Scores A and B after the same context; scores within the judge's tolerance are a tie. */
    Verdict compare(Edit context, Edit a, Edit b);
}
