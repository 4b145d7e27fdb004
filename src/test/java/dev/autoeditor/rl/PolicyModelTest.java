package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.ModelKinds;
import dev.autoeditor.model.Network;
import dev.autoeditor.model.PolicyModel;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.model.RewardModel;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.CheckpointInfo;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.TrainingState;
import dev.autoeditor.train.Weights;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two RLHF kinds: a policy is the frame transformer plus a value head (same frame weights for the
 * same seed, saved with it, loaded by evaluate and generate as a frame transformer with the value head
 * ignored); a reward model is the trunk (plus a cut input starting at zero) and a score head. Both warm-start from a trained frame
 * transformer by parameter name.
 */
class PolicyModelTest {
    @TempDir
    Path dir;

    private static CheckpointInfo info(Network n) {
        return new CheckpointInfo(CheckpointStore.LAST, n.kind(), null, null, n.config(), Tiny.SPEC, "rlhf", "ppo", TrainingState.BEGINNING,
                null, Map.of(), Map.of(), Provenance.of("rlhf", 1L, Map.of(), Map.of()));
    }

    @Test
    void aPolicyPredictsAsTheFrameTransformerOfTheSameSeed() {
        WindowBatch batch = Tiny.windows(3, 1).batch(3);
        Predictions frames = TransformerModel.create(Tiny.MODEL, 5).predict(batch);
        PolicyModel policy = PolicyModel.create(Tiny.MODEL, 5);
        Predictions p = policy.predict(batch);
        assertArrayEquals(frames.activeProb(), p.activeProb());
        assertArrayEquals(frames.assetProbs(), p.assetProbs());
        assertArrayEquals(frames.regression(), p.regression());
        assertEquals(PolicyModel.KIND, ModelKinds.build(ModelKinds.POLICY, Tiny.MODEL, 5).kind());
        assertTrue(policy.parameters().containsKey(PolicyModel.VALUE_HEAD + "_w"));
        assertEquals(TransformerModel.create(Tiny.MODEL, 5).parameterCount() + 16 + 1, policy.parameterCount(), "a value head of D + 1 weights");
    }

    @Test
    void aSavedPolicyLoadsAsAFrameTransformerWithItsValueHeadIgnored() {
        PolicyModel policy = PolicyModel.create(Tiny.MODEL, 6);
        new CheckpointStore(dir).save(policy, null, info(policy));
        ModelArtifact loaded = ModelArtifact.load(dir);
        assertEquals(PolicyModel.KIND, loaded.info().kind());
        assertInstanceOf(PolicyModel.class, loaded.network());
        WindowBatch batch = Tiny.windows(2, 2).batch(2);
        assertArrayEquals(policy.predict(batch).activeProb(), loaded.frameTransformer().predict(batch).activeProb());
        assertEquals(policy.parameters().get(PolicyModel.VALUE_HEAD + "_w").getFloat(3),
                loaded.network().parameters().get(PolicyModel.VALUE_HEAD + "_w").getFloat(3), 0f, "the value head is saved with the policy");
    }

    @Test
    void aRewardModelIsNotAFrameModel() {
        RewardModel rm = RewardModel.create(Tiny.MODEL, 7);
        new CheckpointStore(dir).save(rm, null, info(rm));
        ModelArtifact loaded = ModelArtifact.load(dir);
        assertInstanceOf(RewardModel.class, loaded.network());
        UserException e = assertThrows(UserException.class, loaded::frameTransformer);
        assertTrue(e.getMessage().contains("reward-model"), e.getMessage());
    }

    @Test
    void warmStartsCopyEveryFrameWeightAndDrawTheNewHeadsFromTheSeed() {
        TransformerModel trained = TransformerModel.create(Tiny.MODEL, 8);
        new CheckpointStore(dir).save(trained, null, info(trained));
        Weights w = CheckpointStore.weights(dir.resolve("last.json"), CheckpointStore.read(dir.resolve("last.json")));

        PolicyModel policy = PolicyModel.create(Tiny.MODEL, 99);
        Weights.Transfer t = w.warmStartInto(policy);
        assertEquals(Set.of(PolicyModel.VALUE_HEAD + "_w", PolicyModel.VALUE_HEAD + "_b"), Set.copyOf(t.initialised()));
        assertEquals(List.of(), t.unused());
        WindowBatch batch = Tiny.windows(2, 3).batch(2);
        assertArrayEquals(trained.predict(batch).assetProbs(), policy.predict(batch).assetProbs());

        RewardModel rm = RewardModel.create(Tiny.MODEL, 99);
        Weights.Transfer r = w.warmStartInto(rm);
        assertEquals(Set.of(RewardModel.SCORE_HEAD + "_w", RewardModel.SCORE_HEAD + "_b", RewardModel.CHANGE_WEIGHTS), Set.copyOf(r.initialised()));
        assertEquals(0.0, rm.parameters().get(RewardModel.CHANGE_WEIGHTS).sumNumber().doubleValue(), 0, "the change input starts switched off");
        assertTrue(r.unused().contains("head_active_w"), "the frame heads are the source's only, not the reward model's");
        assertTrue(r.copied().contains("block0_q_w") && r.copied().contains("final_norm_gain"), "the trunk is copied");
    }
}
