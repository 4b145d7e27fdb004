package dev.autoeditor.train.eval;

import static dev.autoeditor.train.eval.TrackStates.OFF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Predictions;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final int CLASSES = 6;

    /** A window whose first tracks cut at random: track k changes state with probability rates[k] per frame. */
    private static Windows.Window randomEdit(SplittableRandom random, int length, double[] rates) {
        int[][] tracks = new int[rates.length][length];
        for (int k = 0; k < rates.length; k++) {
            int state = random.nextInt(3) - 1;
            for (int t = 0; t < length; t++) {
                if (t > 0 && random.nextDouble() < rates[k]) {
                    int next;
                    do {
                        next = random.nextInt(CLASSES + 1) - 1;
                    } while (next == state);
                    state = next;
                }
                tracks[k][t] = state;
            }
        }
        return Windows.window(tracks);
    }

    private static Windows.Dataset split(long seed, int windows, int length, double[] rates) {
        SplittableRandom random = new SplittableRandom(seed);
        Windows.Dataset d = new Windows.Dataset(length, CLASSES);
        for (int i = 0; i < windows; i++) d.add(randomEdit(random, length, rates));
        return d;
    }

    @Test
    void persistenceCopiesTheCurrentFrameAndNeverCuts() {
        Windows.Dataset data = split(1, 8, 50, new double[] {0.1, 0.05, 0.02});
        WindowBatch batch = Batches.read(data, 0, data.size());
        Predictions p = new Persistence(CLASSES).predict(batch);
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t < batch.length(); t++) {
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    assertEquals(0.0, TrackStates.changeProbability(p, b, t, k, TrackStates.state(batch, b, t, k)), 0);
                }
            }
        }
        Evaluator evaluator = new Evaluator(Normaliser.identity(), 2, 4, 0);
        PredictorMetrics m = evaluator.score(java.util.List.of(new Persistence(CLASSES)), new double[] {0.5}, data).get(0);
        assertTrue(m.trueCuts() > 20, "the data has cuts: " + m.trueCuts());
        assertEquals(0, m.predictedCuts());
        assertEquals(0.0, m.cutRecall(), 0);
        assertEquals(0.0, m.cutF1(), 0);
        assertEquals(0.0, m.maeNormalised(), 0); // regressions are all 0 in this data
    }

    @Test
    void cutRatesAreCountedPerTrackOverRealFramePairs() {
        Windows.Dataset d = new Windows.Dataset(6, CLASSES)
                .add(Windows.window(new int[] {0, 0, 1, 1, OFF, OFF}, new int[] {2, 2, 2, 2, 2, 2}))
                .add(Windows.padded(4, new int[] {0, 1, 0, 0, 0, 0}, new int[] {OFF, 3, 3, 3, 3, 3}));
        CutRates rates = CutRates.measure(d, 1, 0);
        // Frame pairs: 5 in the first window, 3 in the second (4 real frames).
        assertEquals(8 * WindowBatch.TRACKS, rates.positions());
        assertEquals(4.0 / 8, rates.perTrack()[0], 1e-12);
        assertEquals(1.0 / 8, rates.perTrack()[1], 1e-12);
        assertEquals(0.0, rates.perTrack()[2], 0);
        assertEquals(5, rates.cuts());
        assertEquals(5.0 / (8 * WindowBatch.TRACKS), rates.overall(), 1e-12);
    }

    @Test
    void randomCutterCutsAtTheTrainingRate() {
        double[] trueRates = {0.08, 0.03, 0.01};
        CutRates training = CutRates.measure(split(7, 40, 200, trueRates), 8, 0);
        for (int k = 0; k < trueRates.length; k++) {
            assertEquals(trueRates[k], training.perTrack()[k], 0.01, "training rate of track " + k);
        }

        // A long held-out sequence: 50 windows x 400 frames, 19,950 frame pairs per track.
        Windows.Dataset test = split(8, 50, 400, trueRates);
        WindowBatch batch = Batches.read(test, 0, test.size());
        Predictions p = new RandomCutter(CLASSES, training.perTrack(), 42).predict(batch);
        long[] predictedChanges = new long[WindowBatch.TRACKS];
        long positions = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t + 1 < batch.length(); t++) {
                positions++;
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    double change = TrackStates.changeProbability(p, b, t, k, TrackStates.state(batch, b, t, k));
                    assertTrue(change == 0.0 || change == 1.0, "hard predictions");
                    if (change == 1.0) predictedChanges[k]++;
                }
            }
        }
        for (int k = 0; k < WindowBatch.TRACKS; k++) {
            double rate = (double) predictedChanges[k] / positions;
            // Binomial standard deviation at 0.08 and 19,950 draws is 0.0019; 4 of them is 0.0077.
            double sd = Math.sqrt(training.perTrack()[k] * (1 - training.perTrack()[k]) / positions);
            assertEquals(training.perTrack()[k], rate, 4 * sd + 1e-12, "cut rate of track " + k);
        }
        assertTrue(predictedChanges[0] > 1000, "track 0 cuts: " + predictedChanges[0]);
        assertEquals(0, predictedChanges[5], "a track that never cut in training never cuts");
    }

    @Test
    void randomCutterCutsToTheContextAndIsDeterministicPerWindow() {
        Windows.Dataset data = split(3, 6, 60, new double[] {0.1, 0.1});
        double[] rates = new double[WindowBatch.TRACKS];
        Arrays.fill(rates, 0.2);
        RandomCutter cutter = new RandomCutter(CLASSES, rates, 5);
        WindowBatch all = Batches.read(data, 0, 6);
        Predictions together = cutter.predict(all);

        // Window 4 alone (same id) gets the same predictions as inside the full batch.
        WindowBatch single = WindowBatch.allocate(1, 60);
        data.read(4, single, 0);
        Predictions alone = cutter.predict(single);
        int cells = 60 * WindowBatch.TRACKS;
        assertArrayEquals(Arrays.copyOfRange(together.activeProb(), 4 * cells, 5 * cells), alone.activeProb());
        assertArrayEquals(Arrays.copyOfRange(together.assetProbs(), 4 * cells * CLASSES, 5 * cells * CLASSES), alone.assetProbs());

        assertArrayEquals(together.assetProbs(), new RandomCutter(CLASSES, rates, 5).predict(all).assetProbs());
        assertFalse(Arrays.equals(together.assetProbs(), new RandomCutter(CLASSES, rates, 6).predict(all).assetProbs()));

        // Every class it predicts for an active track was seen in the window's context (frames 0..t).
        for (int b = 0; b < all.size(); b++) {
            boolean[] seen = new boolean[CLASSES];
            for (int t = 0; t < all.length(); t++) {
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int s = TrackStates.state(all, b, t, k);
                    if (s != OFF) seen[s] = true;
                }
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int i = TrackStates.index(all.length(), b, t, k);
                    if (together.activeProb()[i] == 1f) {
                        int c = FrameScorer.argmax(together.assetProbs(), i * CLASSES, CLASSES);
                        boolean anySeen = false;
                        for (boolean x : seen) anySeen |= x;
                        assertTrue(seen[c] || (!anySeen && c == 0), "class " + c + " at t=" + t);
                    }
                }
            }
        }
    }
}
