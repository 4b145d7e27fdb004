package dev.autoeditor.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.model.SyntheticWindows;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training on in-memory windows: exact resume, checkpoint layout and pruning, the failures a user
 * meets (other architecture, corrupt files, divergence). Two steps per epoch keep it short; one
 * straight run is shared by the tests that only read its output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainerTest {
    @TempDir
    static Path tmp;
    static Path straight;
    static SyntheticWindows train = new SyntheticWindows(8, 10, 4, 1);
    static SyntheticWindows val = new SyntheticWindows(4, 10, 4, 2);

    static Config config(String... extra) {
        List<String> sets = new ArrayList<>(List.of("model.asset_classes=4", "model.d_model=16", "model.heads=2", "model.layers=1",
                "model.ff=32", "model.dropout=0.1", "model.asset_embedding=4", "train.epochs=2", "train.batch_size=4",
                "train.warmup_steps=1", "train.keep_last=1", "train.lr=0.01"));
        sets.addAll(List.of(extra));
        return ConfigLoader.load("tiny", null, sets);
    }

    static TrainResult train(Path dir, Config cfg, ResumeMode mode) {
        return Pretrainer.train(train, val, dir, cfg, mode, false, Pretrainer.Inputs.of("synthetic test windows"));
    }

    @BeforeAll
    static void trainTwoEpochsStraight() {
        straight = tmp.resolve("straight");
        TrainResult r = train(straight, config(), ResumeMode.NONE);
        assertEquals(2, r.epochsDone());
        assertEquals(4, r.steps());
        assertTrue(Double.isFinite(r.bestValLoss()));
    }

    @Test
    @Order(1)
    void oneEpochThenResumeGivesTheSameWeightsAsTwoStraight() {
        Path resumed = tmp.resolve("resumed");
        TrainResult first = train(resumed, config("train.max_steps=2"), ResumeMode.NONE);
        assertEquals(1, first.epochsDone());
        assertEquals(2, first.steps());
        TransformerModel afterOne = load(resumed.resolve("last.json"));
        // A fresh trainer and model, from what is on disk only.
        TrainResult second = train(resumed, config(), ResumeMode.LATEST);
        assertEquals(4, second.steps());

        TransformerModel a = load(straight.resolve("last.json"));
        TransformerModel b = load(resumed.resolve("last.json"));
        assertTrue(maxDifference(a, b) <= 1e-6, "resumed weights differ by " + maxDifference(a, b));
        assertTrue(maxDifference(a, afterOne) > 1e-4, "the second epoch should have changed the weights");
        assertEquals(lossColumn(straight), lossColumn(resumed), "per-step losses of the resumed run");
    }

    @Test
    @Order(2)
    void checkpointsHoldWhatResumeNeedsAndOldOnesArePruned() throws IOException {
        assertTrue(Files.exists(straight.resolve("last.json")));
        assertTrue(Files.exists(straight.resolve("best.json")));
        assertEquals(List.of("epoch-0002"), new CheckpointStore(straight).periodicNames(), "keep_last=1 keeps the newest only");
        try (var files = Files.list(straight)) {
            long weights = files.filter(p -> p.toString().endsWith(".sd")).count();
            assertEquals(3, weights, "one weights file per checkpoint, no leftovers");
        }
        CheckpointInfo info = CheckpointStore.read(straight);
        assertEquals(2, info.epochsDone());
        assertEquals(4, info.step());
        assertEquals(2, info.position().epoch());
        assertEquals(0, info.position().batch());
        assertEquals(16, info.model().dModel());
        assertEquals(64, info.weightsSha256().length());
        assertEquals(42L, ((Number) info.rng().get("seed")).longValue());
        assertNotNull(info.provenance().get("version"));
        assertNotNull(info.provenance().get("time"));
        assertEquals("synthetic test windows", ((Map<?, ?>) info.provenance().get("inputs")).get("data"));
        assertEquals(2, ((Number) info.config().get("train.epochs")).intValue());

        List<String> steps = Files.readAllLines(straight.resolve("metrics/steps.jsonl"));
        assertEquals(4, steps.size());
        for (String key : List.of("\"loss\"", "\"loss_active\"", "\"loss_asset\"", "\"loss_regression\"", "\"lr\"", "\"grad_norm\"", "\"windows_per_s\"")) {
            assertTrue(steps.get(0).contains(key), key + " in " + steps.get(0));
        }
        assertEquals(5, Files.readAllLines(straight.resolve("metrics/steps.csv")).size(), "header and 4 rows");
        assertEquals(2, Files.readAllLines(straight.resolve("metrics/epochs.jsonl")).size());
        assertTrue(Files.readAllLines(straight.resolve("metrics/epochs.csv")).get(0).contains("val_loss_asset"));
    }

    @Test
    @Order(3)
    void aConfigAskingForAnotherArchitectureFailsNamingTheSettings() {
        UserException e = assertThrows(UserException.class,
                () -> train(straight, config("model.d_model=32", "model.ff=64", "train.epochs=3"), ResumeMode.LATEST));
        assertTrue(e.getMessage().contains("model.d_model 16 vs 32"), e.getMessage());
        assertTrue(e.getMessage().contains("model.ff 32 vs 64"), e.getMessage());
        assertFalse(e.getMessage().contains("model.heads"), e.getMessage());
    }

    @Test
    @Order(4)
    void startingOverAnExistingRunNeedsForce() {
        UserException e = assertThrows(UserException.class, () -> train(straight, config(), ResumeMode.NONE));
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("--force"), e.getMessage());
    }

    @Test
    @Order(5)
    void corruptCheckpointsFailWithAClearMessage() throws IOException {
        Path copy = tmp.resolve("corrupt");
        Files.createDirectories(copy);
        CheckpointInfo info = CheckpointStore.read(straight);
        Files.copy(straight.resolve("last.json"), copy.resolve("last.json"));
        byte[] weights = Files.readAllBytes(straight.resolve(info.weightsFile()));
        weights[weights.length / 2] ^= 0x5A;
        Files.write(copy.resolve(info.weightsFile()), weights);
        UserException bad = assertThrows(UserException.class, () -> CheckpointStore.read(copy));
        assertTrue(bad.getMessage().contains("corrupt") && bad.getMessage().contains("SHA-256"), bad.getMessage());

        Files.writeString(copy.resolve("last.json"), "{\"format\": \"auto-editor-checkpoint/1\", \"step\": ");
        UserException json = assertThrows(UserException.class, () -> train(copy, config(), ResumeMode.LATEST));
        assertTrue(json.getMessage().contains("last.json is corrupt"), json.getMessage());
    }

    @Test
    @Order(6)
    void divergenceStopsWithAdviceAndSavesNothing() {
        Path dir = tmp.resolve("diverged");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(dir, config("train.max_grad_norm_explosion=0.000001"), ResumeMode.NONE));
        assertTrue(e.getMessage().contains("step 1") && e.getMessage().contains("train.max_grad_norm_explosion"), e.getMessage());
        assertTrue(e.getMessage().contains("train.lr"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("last.json")));
    }

    @Test
    @Order(7)
    void pretrainCommandExplainsMissingWindows() {
        CliRunner.Result r = CliRunner.run("pretrain", "--data", tmp.resolve("nothing").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("auto-editor window"), r.toString());
    }

    static TransformerModel load(Path json) {
        return CheckpointStore.loadModel(json, CheckpointStore.read(json));
    }

    static double maxDifference(TransformerModel a, TransformerModel b) {
        double max = 0;
        for (SDVariable v : a.sameDiff().variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) continue;
            INDArray x = v.getArr();
            INDArray y = b.sameDiff().getArrForVarName(v.name());
            max = Math.max(max, x.sub(y).amaxNumber().doubleValue());
        }
        return max;
    }

    static List<String> lossColumn(Path run) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(run.resolve("metrics/steps.csv")).subList(1, 5)) out.add(line.split(",")[2]);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
