package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.RewardModel;
import dev.autoeditor.model.SyntheticWindows;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reward model's pairwise loss on a real (tiny) reward model: the graph's loss, accuracy and
 * margin equal what the Bradley-Terry formula gives on the graph's own scores of the two sides, and a
 * side's score is the mean of its continuation frames' scores.
 */
class BradleyTerryObjectiveTest {
    @Test
    void lossIsMinusLogSigmoidOfTheScoreDifference() {
        int side = Tiny.CONTEXT + Tiny.HORIZON;
        // Windows of 2L frames: the first half is the preferred side, the second the other.
        SyntheticWindows pairs = new SyntheticWindows(5, 2 * side, Tiny.MODEL.assetClasses(), 4);
        WindowBatch batch = pairs.batch(5);
        RewardModel rm = RewardModel.create(Tiny.MODEL, 3);
        BradleyTerryObjective bt = new BradleyTerryObjective(Tiny.MODEL, Tiny.CONTEXT);
        bt.attach(rm);
        Map<String, INDArray> out = rm.sameDiff().output(bt.validationFeed(batch), BradleyTerryObjective.LOSS, BradleyTerryObjective.ACCURACY,
                BradleyTerryObjective.MARGIN, RewardModel.SCORE, RewardModel.FRAME_SCORE);
        double[] score = out.get(RewardModel.SCORE).toDoubleVector();
        assertEquals(10, score.length);
        double loss = 0;
        double right = 0;
        double margin = 0;
        for (int i = 0; i < 5; i++) {
            loss += PpoMath.bradleyTerry(score[i], score[5 + i]);
            right += score[i] > score[5 + i] ? 1 : 0;
            margin += score[i] - score[5 + i];
        }
        assertEquals(loss / 5, out.get(BradleyTerryObjective.LOSS).getDouble(0), 1e-5);
        assertEquals(right / 5, out.get(BradleyTerryObjective.ACCURACY).getDouble(0), 1e-6);
        assertEquals(margin / 5, out.get(BradleyTerryObjective.MARGIN).getDouble(0), 1e-5);

        // A side's score: the mean of the per-frame scores over its real continuation frames.
        WindowBatch sequences = BradleyTerryObjective.split(batch);
        float[] frame = out.get(RewardModel.FRAME_SCORE).data().asFloat();
        for (int row = 0; row < 10; row++) {
            double sum = 0;
            int count = 0;
            for (int f = Tiny.CONTEXT; f < side; f++) {
                if (sequences.valid()[row * side + f] < 0.5f) continue;
                sum += frame[row * side + f];
                count++;
            }
            // A side with no real continuation frame scores 0 (pairs never have one: a continuation holds a frame).
            assertEquals(count == 0 ? 0 : sum / count, score[row], 1e-5, "sequence " + row);
        }
    }

    @Test
    void splitPutsEveryPreferredSideFirst() {
        int side = 4;
        SyntheticWindows pairs = new SyntheticWindows(3, 2 * side, 4, 9);
        WindowBatch batch = pairs.batch(3);
        WindowBatch split = BradleyTerryObjective.split(batch);
        int k = WindowBatch.TRACKS;
        for (int i = 0; i < 3; i++) {
            for (int f = 0; f < side; f++) {
                for (int t = 0; t < k; t++) {
                    assertEquals(batch.assetClass()[(i * 2 * side + f) * k + t], split.assetClass()[(i * side + f) * k + t]);
                    assertEquals(batch.assetClass()[(i * 2 * side + side + f) * k + t], split.assetClass()[((3 + i) * side + f) * k + t]);
                }
            }
        }
    }
}
