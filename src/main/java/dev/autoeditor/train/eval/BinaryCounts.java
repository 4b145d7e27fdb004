package dev.autoeditor.train.eval;

/**
 * Counts of a yes/no decision against the truth, and the scores derived from them. Precision,
 * recall and F1 are 0 when their denominator is 0 (nothing predicted or nothing to find), so a
 * predictor that never fires scores 0 rather than an undefined value.
 */
public final class BinaryCounts {
    private long truePositives;
    private long falsePositives;
    private long falseNegatives;
    private long trueNegatives;

    public void add(long tp, long fp, long fn, long tn) {
        truePositives += tp;
        falsePositives += fp;
        falseNegatives += fn;
        trueNegatives += tn;
    }

    public void add(boolean predicted, boolean actual) {
        if (predicted && actual) truePositives++;
        else if (predicted) falsePositives++;
        else if (actual) falseNegatives++;
        else trueNegatives++;
    }

    public long truePositives() {
        return truePositives;
    }

    public long falsePositives() {
        return falsePositives;
    }

    public long falseNegatives() {
        return falseNegatives;
    }

    public long trueNegatives() {
        return trueNegatives;
    }

    public long total() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    public double precision() {
        long d = truePositives + falsePositives;
        return d == 0 ? 0 : (double) truePositives / d;
    }

    public double recall() {
        long d = truePositives + falseNegatives;
        return d == 0 ? 0 : (double) truePositives / d;
    }

    public double f1() {
        long d = 2 * truePositives + falsePositives + falseNegatives;
        return d == 0 ? 0 : 2.0 * truePositives / d;
    }

    public double accuracy() {
        long n = total();
        return n == 0 ? 0 : (double) (truePositives + trueNegatives) / n;
    }
}
