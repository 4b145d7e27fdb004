package dev.autoeditor.train.eval;

import static dev.autoeditor.train.eval.TrackStates.OFF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Predictions;
import org.junit.jupiter.api.Test;

class CutScorerTest {
    private static final int CLASSES = 4;
    // True cuts (state changes) at frames 3 (0 -> 1), 6 (1 -> off) and 8 (off -> 0).
    private static final int[] TRACK = {0, 0, 0, 1, 1, 1, OFF, OFF, 0, 0};

    private static BinaryCounts score(WindowBatch batch, Predictions p, double threshold, int tolerance) {
        CutScorer scorer = new CutScorer(new double[] {threshold}, tolerance);
        scorer.add(batch, p);
        return scorer.counts(0);
    }

    @Test
    void handComputedCountsAtTwoTolerances() {
        WindowBatch batch = Windows.batch(Windows.window(TRACK));
        Predictions p = Windows.withChange(batch, CLASSES, Windows.cutsAt(10, 1, 4, 9));
        // Tolerance 2: 1-3, 4-6, 9-8 all match.
        BinaryCounts wide = score(batch, p, 0.5, 2);
        assertEquals(3, wide.truePositives());
        assertEquals(0, wide.falsePositives());
        assertEquals(0, wide.falseNegatives());
        assertEquals(1.0, wide.f1(), 1e-12);
        // Tolerance 1: 1 is too far from 3; 4 matches 3 and 9 matches 8; 6 is missed.
        BinaryCounts narrow = score(batch, p, 0.5, 1);
        assertEquals(2, narrow.truePositives());
        assertEquals(1, narrow.falsePositives());
        assertEquals(1, narrow.falseNegatives());
        assertEquals(2.0 / 3, narrow.precision(), 1e-12);
        assertEquals(2.0 / 3, narrow.recall(), 1e-12);
        assertEquals(2.0 / 3, narrow.f1(), 1e-12);
    }

    @Test
    void thresholdDecidesWhichProbabilitiesAreCuts() {
        WindowBatch batch = Windows.batch(Windows.window(TRACK));
        double[][][] change = new double[1][1][10];
        change[0][0][2] = 0.8; // predicts frame 3: a true cut
        change[0][0][4] = 0.3; // predicts frame 5: near the true cut at 6
        Predictions p = Windows.withChange(batch, CLASSES, change);
        assertEquals(1, score(batch, p, 0.5, 0).truePositives());
        assertEquals(0, score(batch, p, 0.5, 0).falsePositives());
        BinaryCounts low = score(batch, p, 0.25, 1);
        assertEquals(2, low.truePositives());
        assertEquals(1, low.falseNegatives());
    }

    @Test
    void paddingHoldsNeitherTrueNorPredictedCuts() {
        // Only the first 7 frames are real: the true cut at 8 falls in padding, and the cut into
        // padding (frame 7, "off" to the padding's "off") is no cut anyway. A prediction of frame 9 is
        // ignored; the true cuts at 3 and 6 remain.
        WindowBatch batch = Windows.batch(Windows.padded(7, TRACK));
        Predictions p = Windows.withChange(batch, CLASSES, Windows.cutsAt(10, 3, 9));
        BinaryCounts c = score(batch, p, 0.5, 0);
        assertEquals(1, c.truePositives());
        assertEquals(0, c.falsePositives());
        assertEquals(1, c.falseNegatives());
    }

    @Test
    void paddingThatLooksLikeACutIsIgnored() {
        // The track is on up to the last real frame; padding frames read as "off", which would be a
        // cut at frame 5 if padding counted.
        WindowBatch batch = Windows.batch(Windows.padded(5, Windows.filled(10, 2)));
        Predictions p = Windows.withChange(batch, CLASSES, Windows.cutsAt(10, 5));
        BinaryCounts c = score(batch, p, 0.5, 0);
        assertEquals(0, c.truePositives() + c.falsePositives() + c.falseNegatives());
    }

    @Test
    void microAveragesOverTracksAndWindows() {
        // Window 0: track 0 has cuts at 3, 6, 8 and predictions at 3 (hit) and 5 (miss at tolerance 0).
        // Window 1: track 1 has a cut at 2, predicted exactly; track 0 has none and one false alarm at 7.
        WindowBatch batch = Windows.batch(
                Windows.window(TRACK),
                Windows.window(Windows.filled(10, 0), new int[] {OFF, OFF, 1, 1, 1, 1, 1, 1, 1, 1}));
        double[][][] change = new double[2][2][10];
        change[0][0][2] = 1;
        change[0][0][4] = 1;
        change[1][1][1] = 1;
        change[1][0][6] = 1;
        BinaryCounts c = score(batch, Windows.withChange(batch, CLASSES, change), 0.5, 0);
        assertEquals(2, c.truePositives());
        assertEquals(2, c.falsePositives());
        assertEquals(2, c.falseNegatives());
        assertEquals(0.5, c.f1(), 1e-12); // pooled counts, not a mean of per-window F1s
    }

    @Test
    void bestThresholdMaximisesF1AndPrefersTheMiddleOnTies() {
        WindowBatch batch = Windows.batch(Windows.window(TRACK));
        double[][][] change = new double[1][1][10];
        change[0][0][2] = 0.9;
        change[0][0][5] = 0.6;
        change[0][0][7] = 0.6;
        change[0][0][0] = 0.4; // a false alarm below the true cuts' probabilities
        CutScorer tuner = new CutScorer(new double[] {0.1, 0.3, 0.5, 0.55, 0.7}, 0);
        tuner.add(batch, Windows.withChange(batch, CLASSES, change));
        // 0.5 and 0.55 both give F1 1 (0.1 and 0.3 add the false alarm; 0.7 misses two); 0.5 is nearest 0.5.
        assertEquals(0.5, tuner.bestThreshold());
        CutScorer flat = new CutScorer(new double[] {0.1, 0.3, 0.5, 0.7}, 0);
        flat.add(batch, new Persistence(CLASSES).predict(batch));
        assertEquals(0.5, flat.bestThreshold());
    }
}
