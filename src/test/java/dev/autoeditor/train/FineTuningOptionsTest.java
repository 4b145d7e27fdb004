package dev.autoeditor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.model.Network;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer options of a fine-tune. Frozen lower layers (finetune.freeze_layers): the input
 * embedding and the first blocks keep the source's values exactly while the rest learns, the
 * checkpoints carry no optimizer state for them, and a run with frozen layers resumes exactly (and only
 * with the same layers frozen). Faster heads (finetune.head_lr): the heads' steps scale with the factor,
 * the trunk's do not. A two-block model, so one block is frozen and one trains.
 */
class FineTuningOptionsTest {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static Path source;

    static Config config(String... extra) {
        List<String> sets = new java.util.ArrayList<>(List.of("model.layers=2"));
        sets.addAll(List.of(extra));
        return TrainerTest.config(sets.toArray(String[]::new));
    }

    @BeforeAll
    static void trainASource() {
        source = shared.resolve("source");
        TrainerTest.train(source, config(), new Init.Scratch());
    }

    static TrainResult frozen(Path dir, Config cfg, Init init, int blocks) {
        return TrainerTest.run("finetune", dir, cfg, init).freezeLowerLayers(blocks).run();
    }

    @Test
    void frozenLayersKeepTheSourcesValuesWhileTheRestLearns() {
        Path dir = tmp.resolve("tuned");
        frozen(dir, config(), new Init.WarmStart(source), 1);
        Network before = TrainerTest.load(source.resolve("best.json"));
        Network after = TrainerTest.load(dir.resolve("last.json"));
        Set<String> expected = new TreeSet<>(List.of("asset_embedding", "input_w", "input_b"));
        for (String p : after.parameters().keySet()) if (p.startsWith("block0_")) expected.add(p);
        assertEquals(expected, new TreeSet<>(after.lowerLayers(1)));
        for (String p : after.parameters().keySet()) {
            double moved = TrainerTest.difference(after, before, p);
            if (expected.contains(p)) assertEquals(0.0, moved, 0.0, p + " is frozen");
        }
        for (String p : List.of("block1_q_w", "block1_ff2_w", "final_norm_gain", "head_active_w", "head_regression_w")) {
            assertTrue(TrainerTest.difference(after, before, p) > 1e-6, p + " should have learned");
        }
        CheckpointInfo info = CheckpointStore.read(dir.resolve("last.json"));
        Weights w = CheckpointStore.weights(dir.resolve("last.json"), info);
        for (String key : w.optimizer().keySet()) {
            assertTrue(!expected.contains(key.substring(0, key.lastIndexOf('/'))), "no optimizer state for a frozen parameter: " + key);
        }
        assertEquals(2 * (after.parameters().size() - expected.size()), w.optimizer().size(), "M and V of every trained parameter");
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) info.provenance().inputs().get("init");
        assertEquals(1, init.get("frozen_blocks"));
        assertEquals(new TreeSet<>(expected), new TreeSet<>((List<?>) init.get("frozen")));
    }

    @Test
    void aRunWithFrozenLayersResumesExactlyAndOnlyWithTheSameLayersFrozen() {
        Path straight = tmp.resolve("straight");
        frozen(straight, config(), new Init.WarmStart(source), 1);
        Path resumed = tmp.resolve("resumed");
        TrainResult first = frozen(resumed, config("train.max_steps=3"), new Init.WarmStart(source), 1);
        assertEquals(3, first.steps(), "stopped mid-epoch");

        UserException other = assertThrows(UserException.class, () -> frozen(resumed, config(), new Init.Resume(resumed), 0));
        assertTrue(other.getMessage().contains("finetune.freeze_layers"), other.getMessage());

        TrainResult second = frozen(resumed, config(), new Init.Resume(resumed), 1);
        assertEquals(4, second.steps());
        double diff = TrainerTest.maxDifference(TrainerTest.load(straight.resolve("last.json")), TrainerTest.load(resumed.resolve("last.json")));
        assertTrue(diff <= 1e-6, "resumed weights differ by " + diff);
    }

    @Test
    void headsTrainedFasterTakeProportionallyLargerStepsAndTheTrunkTheSame() {
        Config oneStep = config("train.max_steps=1");
        Path plain = tmp.resolve("plain");
        TrainerTest.run("finetune", plain, oneStep, new Init.WarmStart(source)).run();
        Path faster = tmp.resolve("faster");
        TrainerTest.run("finetune", faster, oneStep, new Init.WarmStart(source)).headLearningRateFactor(3).run();
        Network start = TrainerTest.load(source.resolve("best.json"));
        Network a = TrainerTest.load(plain.resolve("last.json"));
        Network b = TrainerTest.load(faster.resolve("last.json"));
        java.util.Set<String> heads = a.heads();
        assertEquals(new TreeSet<>(List.of("head_active_b", "head_active_w", "head_asset_b", "head_asset_w", "head_change_b", "head_change_w",
                "head_motion_b", "head_motion_w", "head_regression_b", "head_regression_w", "skip_active", "skip_asset")), new TreeSet<>(heads));
        for (String p : a.parameters().keySet()) {
            var stepA = a.parameters().get(p).sub(start.parameters().get(p));
            var stepB = b.parameters().get(p).sub(start.parameters().get(p));
            double scale = heads.contains(p) ? 3 : 1;
            double off = stepB.sub(stepA.mul(scale)).amaxNumber().doubleValue();
            assertTrue(off <= 1e-6 + 1e-3 * stepB.amaxNumber().doubleValue(), p + ": the step is not " + scale + " times the plain one (" + off + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) CheckpointStore.read(faster.resolve("last.json")).provenance().inputs().get("init");
        assertEquals(3.0, init.get("head_lr_factor"));
    }

    @Test
    void freezingMoreBlocksThanTheModelHasIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> frozen(tmp.resolve("x"), config(), new Init.WarmStart(source), 3));
        assertTrue(e.getMessage().contains("cannot freeze 3 blocks of a model with 2"), e.getMessage());
    }
}
