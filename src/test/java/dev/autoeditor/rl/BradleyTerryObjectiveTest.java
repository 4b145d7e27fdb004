package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.RewardModel;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.prefs.Pair;
import dev.autoeditor.prefs.RuleJudge;
import dev.autoeditor.timeline.table.SamplingRate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reward model's pairwise loss on a real (tiny) reward model and pairs a tiny model sampled and
 * the rule judge decided: grouped by context, every continuation scored once; the graph's loss,
 * accuracy and margin equal what the Bradley-Terry formula gives on the graph's own scores, over
 * every comparison; a side's score is the mean of its continuation frames' scores.
 */
class BradleyTerryObjectiveTest {
    static List<Pair> pairs;

    @BeforeAll
    static void simulate() {
        PairSimulator sim = new PairSimulator(Tiny.sampler(), TransformerModel.create(Tiny.MODEL, 1), "a".repeat(64), Normaliser.identity(),
                new SamplingRate(5, 1), RuleJudge.fromConfig(ConfigLoader.defaults()), new PairSimulator.Settings(Tiny.CONTEXT, Tiny.HORIZON, 1.0, 4, 8));
        pairs = sim.simulate(Tiny.pool(6, 2), 18, 5, Instant.EPOCH, n -> { }).pairs().stream().filter(p -> !p.tie()).toList();
        assertTrue(pairs.size() >= 12, "most sampled pairs are not ties");
    }

    @Test
    void pairsAreGroupedByContextWithEachContinuationOnce() {
        PairGroups groups = PairGroups.of(pairs, Tiny.CONTEXT, Tiny.HORIZON, 4, Normaliser.identity(), 4);
        assertEquals(3, groups.size(), "three contexts, four continuations each");
        assertEquals(pairs.size(), groups.comparisonCount());
        assertEquals(4 * (Tiny.CONTEXT + Tiny.HORIZON), groups.length());
        // At most two sides per group: every comparison gets a group of its own or shares both sides.
        PairGroups small = PairGroups.of(pairs, Tiny.CONTEXT, Tiny.HORIZON, 2, Normaliser.identity(), 4);
        assertEquals(pairs.size(), small.comparisonCount());
        for (int i = 0; i < small.size(); i++) {
            for (int[] c : small.comparisons(i)) assertTrue(c[0] < 2 && c[1] < 2 && c[0] != c[1]);
        }
    }

    @Test
    void lossIsMinusLogSigmoidOfTheScoreDifferenceOverEveryComparison() {
        int sides = 4;
        int side = Tiny.CONTEXT + Tiny.HORIZON;
        PairGroups groups = PairGroups.of(pairs, Tiny.CONTEXT, Tiny.HORIZON, sides, Normaliser.identity(), 4);
        WindowBatch batch = WindowBatch.allocate(groups.size(), groups.length());
        for (int i = 0; i < groups.size(); i++) groups.read(i, batch, i);
        RewardModel rm = RewardModel.create(Tiny.MODEL, 3);
        BradleyTerryObjective bt = new BradleyTerryObjective(Tiny.MODEL, Tiny.CONTEXT, groups, null);
        bt.attach(rm);
        Map<String, INDArray> out = rm.sameDiff().output(bt.validationFeed(batch), BradleyTerryObjective.LOSS, BradleyTerryObjective.ACCURACY,
                BradleyTerryObjective.MARGIN, RewardModel.SCORE, RewardModel.FRAME_SCORE);
        double[] score = out.get(RewardModel.SCORE).toDoubleVector();
        assertEquals(groups.size() * sides, score.length);
        double loss = 0;
        double right = 0;
        double margin = 0;
        int n = 0;
        for (int b = 0; b < groups.size(); b++) {
            for (int[] c : groups.comparisons(b)) {
                double preferred = score[b * sides + c[0]];
                double other = score[b * sides + c[1]];
                loss += PpoMath.bradleyTerry(preferred, other);
                right += preferred > other ? 1 : 0;
                margin += preferred - other;
                n++;
            }
        }
        assertEquals(pairs.size(), n);
        assertEquals(loss / n, out.get(BradleyTerryObjective.LOSS).getDouble(0), 1e-5);
        assertEquals(right / n, out.get(BradleyTerryObjective.ACCURACY).getDouble(0), 1e-6);
        assertEquals(margin / n, out.get(BradleyTerryObjective.MARGIN).getDouble(0), 1e-5);

        // A side's score: the mean of the per-frame scores over its continuation's frames.
        WindowBatch sequences = BradleyTerryObjective.split(batch, sides);
        float[] frame = out.get(RewardModel.FRAME_SCORE).data().asFloat();
        for (int row = 0; row < sequences.size(); row++) {
            double sum = 0;
            int count = 0;
            for (int f = Tiny.CONTEXT; f < side; f++) {
                if (sequences.valid()[row * side + f] < 0.5f) continue;
                sum += frame[row * side + f];
                count++;
            }
            assertEquals(Tiny.HORIZON, count, "every side of a group is a whole continuation");
            assertEquals(sum / count, score[row], 1e-5, "sequence " + row);
        }

        // The scorer gives the same scores through the pairs' edits.
        RewardScorer scorer = new RewardScorer(rm, Normaliser.identity(), Tiny.CONTEXT, Tiny.HORIZON, 5);
        Pair first = pairs.get(0);
        double[] direct = scorer.score(List.of(new RewardScorer.Sample(first.context().frames(), first.preferred().frames())));
        int[] c = groups.comparisons(0).get(0);
        assertEquals(score[c[0]], direct[0], 1e-5);
    }

    @Test
    void changesMarkWhereATrackShowsSomethingElse() {
        WindowBatch b = WindowBatch.allocate(1, 4);
        java.util.Arrays.fill(b.assetClass(), -1);
        java.util.Arrays.fill(b.valid(), 1f);
        int k = WindowBatch.TRACKS;
        int[] v1 = {0, 0, 1, -1};
        for (int f = 0; f < 4; f++) {
            if (v1[f] >= 0) {
                b.active()[f * k] = 1f;
                b.assetClass()[f * k] = v1[f];
            }
        }
        float[] ch = RewardModel.changes(b).data().asFloat();
        assertEquals(List.of(0f, 0f, 1f, 1f), List.of(ch[0], ch[k], ch[2 * k], ch[3 * k]));
        for (int f = 0; f < 4; f++) for (int t = 1; t < k; t++) assertEquals(0f, ch[f * k + t]);
    }
}
