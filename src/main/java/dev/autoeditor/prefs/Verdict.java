package dev.autoeditor.prefs;

import java.time.Instant;

/**
 * A judge's comparison of two continuations A and B of one context: both scores and whether they
 * are a tie (within the judge's tolerance). Not a tie means the higher score is preferred.
 */
public record Verdict(double scoreA, double scoreB, boolean tie) {
    /** True when A is preferred (never for a tie). */
    public boolean prefersA() {
        return !tie && scoreA > scoreB;
    }

    /** True when B is preferred (never for a tie). */
    public boolean prefersB() {
        return !tie && scoreB > scoreA;
    }

    /** |scoreA - scoreB|. */
    public double margin() {
        return Math.abs(scoreA - scoreB);
    }

    /** A's result as a win-rate counts it: 1 for a win, 0.5 for a tie, 0 for a loss. */
    public double winForA() {
        return tie ? 0.5 : prefersA() ? 1 : 0;
    }

    /** The pair this verdict records: the preferred side first (A first for a tie), tie flagged. */
    public Pair toPair(PairContext context, PairSide a, PairSide b, PairJudge judge, Instant time) {
        boolean aFirst = tie || prefersA();
        return new Pair(context, aFirst ? a : b, aFirst ? b : a, judge, tie, time);
    }
}
