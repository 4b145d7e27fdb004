package dev.autoeditor.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The summary figures on windows built by hand, where each can be worked out on paper: average
 * precision from the ranking of candidate cuts, motion MAE only on frames inside a clip that move.
 */
class ModelSummaryTest {
    static final int K = WindowBatch.TRACKS;
    static final int R = WindowBatch.REGRESSIONS;
    static final int CLASSES = 4;
    static final int T = 10;

    /** Windows held in one batch. */
    record Windows(WindowBatch all) implements WindowDataset {
        @Override
        public int size() {
            return all.size();
        }

        @Override
        public int length() {
            return all.length();
        }

        @Override
        public int assetClasses() {
            return CLASSES;
        }

        @Override
        public void read(int index, WindowBatch batch, int row) {
            all.copyWindow(index, batch, row, index);
        }
    }

    /**
     * One window: track 0 shows class 0 for frames 0-4 with field 0 rising 0.1 a frame (a push-in), then
     * class 1 from frame 5, still at 0.5. Every other track is off. One true cut, at frame 5.
     */
    static WindowBatch pushInThenCut(int windows) {
        WindowBatch b = WindowBatch.allocate(windows, T);
        for (int w = 0; w < windows; w++) {
            for (int t = 0; t < T; t++) {
                b.valid()[w * T + t] = 1;
                for (int k = 0; k < K; k++) b.assetClass()[(w * T + t) * K + k] = -1;
                int i = (w * T + t) * K;
                b.active()[i] = 1;
                b.assetClass()[i] = t < 5 ? 0 : 1;
                b.regression()[i * R] = t < 5 ? 0.1f * t : 0.5f;
            }
        }
        return b;
    }

    /**
     * Predicts, for track 0, a change probability {@code change[t]} at position t (as "stay in the
     * current class with probability 1 - change") and the regression {@code regression(b, t)} for field 0;
     * every other track off with certainty.
     */
    static FramePredictor predictor(double[] change, java.util.function.BiFunction<WindowBatch, Integer, Float> regression) {
        return new FramePredictor() {
            @Override
            public Predictions predict(WindowBatch batch) {
                int n = batch.size();
                float[] active = new float[n * T * K];
                float[] assets = new float[n * T * K * CLASSES];
                float[] regr = new float[n * T * K * R];
                for (int w = 0; w < n; w++) {
                    for (int t = 0; t < T; t++) {
                        int i = (w * T + t) * K;
                        active[i] = 1;
                        int now = batch.assetClass()[i];
                        for (int c = 0; c < CLASSES; c++) assets[i * CLASSES + c] = (float) (c == now ? 1 - change[t] : change[t] / (CLASSES - 1));
                        // Fields 1..6 are 0 in the windows and predicted 0.
                        regr[i * R] = regression.apply(batch, w * T + t);
                    }
                }
                return new Predictions(n, T, CLASSES, active, assets, regr);
            }

            @Override
            public String name() {
                return "hand-made";
            }
        };
    }

    static Map<String, Object> measure(FramePredictor p, WindowBatch windows, int batchSize) {
        return ModelSummary.measure(p, 0.5, new Windows(windows), Normaliser.identity(), 1, batchSize, 0);
    }

    /** Persistence of field 0: the value at t. */
    static float persist(WindowBatch b, int wt) {
        return b.regression()[wt * K * R];
    }

    @Test
    void aCutRankedFirstGivesPerfectPrecisionAndAMissRankedAboveItHalvesIt() {
        double[] right = new double[T];
        right[4] = 0.9; // position 4 predicts frame 5: the true cut
        Map<String, Object> m = measure(predictor(right, ModelSummaryTest::persist), pushInThenCut(1), 1);
        assertEquals(List.of("cut_f1", "cut_ap", "mae_normalised", "motion_mae_normalised", "asset_accuracy"), List.copyOf(m.keySet()));
        assertEquals(1.0, (double) m.get("cut_ap"), 1e-12);
        assertEquals(1.0, (double) m.get("cut_f1"), 1e-12);

        double[] wrongFirst = new double[T];
        wrongFirst[1] = 0.9; // frame 2: 3 frames from the cut, beyond the tolerance of 1
        wrongFirst[4] = 0.4; // below the F1 threshold of 0.5, but ranked second
        Map<String, Object> w = measure(predictor(wrongFirst, ModelSummaryTest::persist), pushInThenCut(1), 1);
        assertEquals(0.5, (double) w.get("cut_ap"), 1e-12, "the true cut is matched at rank 2: precision 1/2");
        assertEquals(0.0, (double) w.get("cut_f1"), 1e-12, "at threshold 0.5 the only predicted cut is the wrong one");

        double[] nearby = new double[T];
        nearby[3] = 0.8; // frame 4: within the tolerance of the cut at 5
        nearby[4] = 0.7; // frame 5: the cut is already taken, so this one is a false positive
        assertEquals(1.0, (double) measure(predictor(nearby, ModelSummaryTest::persist), pushInThenCut(1), 1).get("cut_ap"), 1e-12,
                "a false positive ranked after the last match costs nothing");
    }

    @Test
    void motionErrorCountsOnlyMovingFramesInsideAClip() {
        double[] none = new double[T];
        Map<String, Object> persistence = measure(predictor(none, ModelSummaryTest::persist), pushInThenCut(1), 1);
        // Moving positions: t = 0..3 (frames t and t+1 in the push-in); persistence misses field 0 by 0.1 there.
        assertEquals(0.1 / R, (double) persistence.get("motion_mae_normalised"), 1e-6);
        // All 9 positions have an active target: 4 moving ones off by 0.1, the cut (0.4 -> 0.5) off by 0.1, 4 still ones exact.
        assertEquals(5 * 0.1 / R / 9, (double) persistence.get("mae_normalised"), 1e-6);
        // Asset: persistence's most probable class is the current one; wrong only at the cut.
        assertEquals(8.0 / 9, (double) persistence.get("asset_accuracy"), 1e-12);

        Map<String, Object> extrapolate = measure(predictor(none, (b, wt) -> {
            int t = wt % T;
            return t < 4 ? persist(b, wt) + 0.1f : persist(b, wt);
        }), pushInThenCut(1), 1);
        assertEquals(0.0, (double) extrapolate.get("motion_mae_normalised"), 1e-6, "the push-in continued exactly");
        assertTrue((double) extrapolate.get("mae_normalised") > 0, "the cut's jump is still missed");
    }

    @Test
    void figuresDoNotDependOnTheBatchSizeAndMaxWindowsCuts() {
        double[] some = new double[T];
        some[2] = 0.6;
        some[4] = 0.3;
        FramePredictor p = predictor(some, ModelSummaryTest::persist);
        WindowBatch three = pushInThenCut(3);
        assertEquals(measure(p, three, 1), measure(p, three, 3));
        assertEquals(measure(p, pushInThenCut(1), 1), ModelSummary.measure(p, 0.5, new Windows(three), Normaliser.identity(), 1, 2, 1));
    }

    @Test
    void nothingToMeasureIsNull() {
        WindowBatch still = WindowBatch.allocate(1, T);
        for (int t = 0; t < T; t++) {
            still.valid()[t] = 1;
            for (int k = 0; k < K; k++) still.assetClass()[t * K + k] = -1;
        }
        Map<String, Object> m = measure(predictor(new double[T], (b, wt) -> 0f), still, 1);
        assertNull(m.get("cut_ap"), "no true cut");
        assertNull(m.get("motion_mae_normalised"), "nothing moves");
        assertNull(m.get("mae_normalised"), "no active target");
    }

    /** An oracle (change probability 1 exactly at every true cut, 0 elsewhere; the true next values) scores perfectly. */
    @Property(tries = 40)
    void anOracleScoresPerfectly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int windows) {
        Random random = new Random(seed);
        WindowBatch b = WindowBatch.allocate(windows, T);
        for (int w = 0; w < windows; w++) {
            for (int k = 0; k < K; k++) {
                int state = -1;
                float value = 0;
                for (int t = 0; t < T; t++) {
                    if (random.nextInt(4) == 0) state = random.nextInt(CLASSES + 1) - 1;
                    if (random.nextBoolean()) value += 0.05f;
                    int i = (w * T + t) * K + k;
                    b.active()[i] = state >= 0 ? 1 : 0;
                    b.assetClass()[i] = state;
                    b.regression()[i * R + 2] = state >= 0 ? value : 0;
                }
            }
            for (int t = 0; t < T; t++) b.valid()[w * T + t] = 1;
        }
        FramePredictor oracle = new FramePredictor() {
            @Override
            public Predictions predict(WindowBatch batch) {
                int n = batch.size();
                float[] active = new float[n * T * K];
                float[] assets = new float[n * T * K * CLASSES];
                float[] regr = new float[n * T * K * R];
                for (int w = 0; w < n; w++) {
                    for (int t = 0; t + 1 < T; t++) {
                        for (int k = 0; k < K; k++) {
                            int i = (w * T + t) * K + k;
                            int next = i + K;
                            active[i] = batch.active()[next];
                            if (batch.assetClass()[next] >= 0) assets[i * CLASSES + batch.assetClass()[next]] = 1;
                            System.arraycopy(batch.regression(), next * R, regr, i * R, R);
                        }
                    }
                }
                return new Predictions(n, T, CLASSES, active, assets, regr);
            }

            @Override
            public String name() {
                return "oracle";
            }
        };
        Map<String, Object> m = ModelSummary.measure(oracle, 0.5, new Windows(b), Normaliser.identity(), 0, 2, 0);
        if (m.get("cut_ap") != null) assertEquals(1.0, (double) m.get("cut_ap"), 1e-12);
        if (m.get("motion_mae_normalised") != null) assertEquals(0.0, (double) m.get("motion_mae_normalised"), 1e-7);
        assertEquals(1.0, (double) m.get("cut_f1") + (m.get("cut_ap") == null ? 1 : 0), 1e-12);
    }
}
