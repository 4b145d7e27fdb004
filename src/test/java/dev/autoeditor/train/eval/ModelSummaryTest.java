package dev.autoeditor.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary figures on hand-built windows, and average precision against worked examples. */
class ModelSummaryTest {
    private static final int R = WindowBatch.REGRESSIONS;

    @Test
    void averagePrecisionAsScikitLearnDefinesIt() {
        // scikit-learn's documented example: y = (0, 0, 1, 1), scores (0.1, 0.4, 0.35, 0.8): AP = 0.8333.
        AveragePrecision ap = new AveragePrecision();
        ap.add(0.1, false);
        ap.add(0.4, false);
        ap.add(0.35, true);
        ap.add(0.8, true);
        // Ranked: 0.8 (+) P = 1 at R = 0.5; 0.4 (-); 0.35 (+) P = 2/3 at R = 1: 0.5 * 1 + 0.5 * 2/3.
        assertEquals(0.5 + 0.5 * 2 / 3.0, ap.value(), 1e-12);

        // Tied scores enter together, whatever their order: one threshold, P = 1/2 at R = 1.
        AveragePrecision tied = new AveragePrecision();
        tied.add(0.5, false);
        tied.add(0.5, true);
        assertEquals(0.5, tied.value(), 1e-12);
        AveragePrecision tiedOtherOrder = new AveragePrecision();
        tiedOtherOrder.add(0.5, true);
        tiedOtherOrder.add(0.5, false);
        assertEquals(0.5, tiedOtherOrder.value(), 1e-12);

        AveragePrecision none = new AveragePrecision();
        none.add(0.7, false);
        assertEquals(0, none.value());
    }

    @Test
    void persistenceScoresAsWorkedOutByHand() {
        // Track 0 shows class 0 for three frames then class 1; its first field moves 0, 0.1, 0.2, then holds.
        int[] states = {0, 0, 0, 1, 1};
        float[][][] regression = new float[WindowBatch.TRACKS][5][R];
        float[] moves = {0f, 0.1f, 0.2f, 0.2f, 0.2f};
        for (int t = 0; t < 5; t++) regression[0][t][0] = moves[t];
        Windows.Window w = new Windows.Window(withOffTracks(states), 5, regression);
        WindowBatch batch = Windows.batch(w);
        ModelSummary.Scorer scorer = new ModelSummary.Scorer(0.5, 1, Normaliser.identity());
        scorer.add(batch, new Persistence(4).predict(batch));
        Map<String, Object> m = scorer.result();

        assertEquals(ModelSummary.KEYS, new ArrayList<>(m.keySet()));
        // Persistence never predicts a cut.
        assertEquals(0.0, (double) m.get("cut_f1"));
        // Every change probability is 0 (all tied): AP is the share of positions that cut, 1 of 4 x 20.
        assertEquals(1 / 80.0, (double) m.get("cut_ap"), 1e-12);
        // Active targets at t+1 = 1..4: errors 0.1, 0.1, 0, 0 on one of 7 fields.
        assertEquals((0.1 + 0.1) / 7 / 4, (double) m.get("mae_normalised"), 1e-7);
        // Moving values inside a clip: 0 -> 0.1 and 0.1 -> 0.2 (the cut at frame 3 and the held value are not counted).
        assertEquals(0.1, (double) m.get("motion_mae_normalised"), 1e-7);
        // The class of frame 3 is not frame 2's: 3 of 4 right.
        assertEquals(0.75, (double) m.get("asset_accuracy"), 1e-12);
        // One window: one true cut, none predicted, none matched.
        assertEquals(List.of(0L, 0L, 1L), toList(scorer.windowCuts().get(0)));
    }

    @Test
    void aSplitWithoutMotionHasNoMotionError() {
        WindowBatch batch = Windows.batch(Windows.window(new int[] {0, 0, 1, 1}));
        ModelSummary.Scorer scorer = new ModelSummary.Scorer(0.5, 1, Normaliser.identity());
        scorer.add(batch, new Persistence(4).predict(batch));
        assertNull(scorer.result().get("motion_mae_normalised"));
    }

    private static int[][] withOffTracks(int[] first) {
        int[][] all = new int[WindowBatch.TRACKS][];
        all[0] = first;
        for (int k = 1; k < all.length; k++) all[k] = Windows.filled(first.length, TrackStates.OFF);
        return all;
    }

    private static List<Long> toList(long[] a) {
        List<Long> out = new ArrayList<>();
        for (long v : a) out.add(v);
        return out;
    }
}
