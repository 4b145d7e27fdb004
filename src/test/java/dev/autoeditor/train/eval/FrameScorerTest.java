package dev.autoeditor.train.eval;

import static dev.autoeditor.train.eval.TrackStates.OFF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Predictions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameScorerTest {
    private static final int CLASSES = 3;
    private static final int R = WindowBatch.REGRESSIONS;

    /** Normaliser with centre 50 and scale 10 for "scale", centre 0 and scale 0.5 for pos_x, identity elsewhere. */
    private static Normaliser normaliser() {
        double[] center = new double[R];
        double[] scale = {10, 0.5, 1, 1, 1, 1, 1};
        center[0] = 50;
        return new Normaliser("standard", center, scale, Map.of());
    }

    @Test
    void handComputedActiveAssetAndRegressionScores() {
        // Track 0 over 4 real frames: class 1, class 1, off, class 2 (positions 0, 1, 2 are scored).
        WindowBatch batch = Windows.batch(Windows.window(new int[] {1, 1, OFF, 2}));
        batch.regression()[TrackStates.index(4, 0, 1, 0) * R] = 0.5f;  // frame 1 scale: 55 %
        batch.regression()[TrackStates.index(4, 0, 3, 0) * R] = -1.0f; // frame 3 scale: 40 %
        batch.regression()[TrackStates.index(4, 0, 3, 0) * R + 1] = 0.2f; // frame 3 pos_x: 0.1
        Predictions p = Persistence.allocate(batch, CLASSES);
        int p0 = TrackStates.index(4, 0, 0, 0);
        int p1 = TrackStates.index(4, 0, 1, 0);
        int p2 = TrackStates.index(4, 0, 2, 0);
        // Position 0 (target class 1, on): says on, class 1, scale z 0.3 (53 %): right, right, |53 - 55| = 2.
        p.activeProb()[p0] = 0.9f;
        p.assetProbs()[p0 * CLASSES + 1] = 1f;
        p.regression()[p0 * R] = 0.3f;
        // Position 1 (target off): says on with 0.6: a false positive; asset and regression not scored.
        p.activeProb()[p1] = 0.6f;
        p.regression()[p1 * R] = 5f;
        // Position 2 (target class 2, on): says off (0.4): a false negative; picks class 0: wrong;
        // scale z 0 (50 %) vs 40 %: 10; pos_x z 0 (0.0) vs 0.1: 0.1.
        p.activeProb()[p2] = 0.4f;
        p.assetProbs()[p2 * CLASSES] = 0.7f;
        p.assetProbs()[p2 * CLASSES + 2] = 0.3f;

        FrameScorer s = new FrameScorer(normaliser());
        s.add(batch, p);
        // 3 positions x 20 tracks; tracks 1..19 are off and predicted off: 57 true negatives.
        assertEquals(60, s.active().total());
        assertEquals(1, s.active().truePositives());
        assertEquals(1, s.active().falsePositives());
        assertEquals(1, s.active().falseNegatives());
        assertEquals(58.0 / 60, s.active().accuracy(), 1e-12);
        assertEquals(0.5, s.active().f1(), 1e-12);
        assertEquals(2, s.activeTargets());
        assertEquals(0.5, s.assetAccuracy(), 1e-12);
        assertEquals((2 + 10) / 2.0, s.maeOriginal(0), 1e-5);
        assertEquals(0.1 / 2, s.maeOriginal(1), 1e-6);
        assertEquals(0.0, s.maeOriginal(2), 0);
        // Normalised: |0.3 - 0.5| and |0 - (-1)| + |0 - 0.2|, each divided by 7 fields, over 2 targets.
        assertEquals((0.2 + 1.0 + 0.2) / 7 / 2, s.maeNormalised(), 1e-6);
    }

    @Test
    void paddingIsNotScored() {
        WindowBatch full = Windows.batch(Windows.window(new int[] {0, 0, 0, 0, 0, 0}));
        WindowBatch padded = Windows.batch(Windows.padded(3, new int[] {0, 0, 0, 0, 0, 0}));
        FrameScorer a = new FrameScorer(Normaliser.identity());
        a.add(full, new Persistence(CLASSES).predict(full));
        FrameScorer b = new FrameScorer(Normaliser.identity());
        b.add(padded, new Persistence(CLASSES).predict(padded));
        assertEquals(5 * 20, a.active().total());
        assertEquals(2 * 20, b.active().total());
        assertEquals(2, b.activeTargets());
        assertEquals(1.0, b.active().accuracy(), 0);
    }
}
