package dev.autoeditor.train.eval;

/**
 * One-to-one matching of predicted to true cut frames within a tolerance.
 *
 * <p>A predicted cut at frame p may match a true cut at frame q when |p - q| <= tolerance, and each
 * cut matches at most once. The result is a maximum matching, computed exactly by a two-pointer
 * sweep over both sorted lists: every true cut's window [q - tol, q + tol] has the same width, so
 * taking the true cuts in order and giving each the earliest unmatched prediction inside its window
 * is optimal (the classic earliest-deadline argument for points and equal intervals on a line). A
 * property test checks it against an exhaustive search.
 */
public final class CutMatching {
    private CutMatching() {}

    /**
     * The number of matched pairs.
     *
     * @param truth     true cut frames, ascending, first {@code nTruth} entries used
     * @param predicted predicted cut frames, ascending, first {@code nPredicted} entries used
     */
    public static int matches(int[] truth, int nTruth, int[] predicted, int nPredicted, int tolerance) {
        if (tolerance < 0) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        int matched = 0;
        int i = 0;
        int j = 0;
        while (i < nTruth && j < nPredicted) {
            int q = truth[i];
            int p = predicted[j];
            if (p < q - tolerance) {
                j++; // too early for this and every later true cut
            } else if (p > q + tolerance) {
                i++; // no remaining prediction can reach this true cut
            } else {
                matched++;
                i++;
                j++;
            }
        }
        return matched;
    }
}
