package dev.autoeditor.train;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.ModelKinds;
import dev.autoeditor.model.Network;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * Training on in-memory windows: exact resume, warm start, checkpoint layout and pruning, the failures
 * a user meets (other architecture, other kind, old format, corrupt files, divergence). Two steps per
 * epoch keep it short. One straight run is made once and only read; a test that writes copies it first,
 * so every test runs alone and in any order.
 */
class TrainerTest {
    static final SyntheticWindows TRAIN = new SyntheticWindows(8, 10, 4, 1);
    static final SyntheticWindows VAL = new SyntheticWindows(4, 10, 4, 2);
    static final DataSpec SPEC = new DataSpec("5", 10, 5, 1, 4, Normaliser.identity());

    /** The shared reference: two epochs straight, in a folder no test writes to. */
    record Straight(Path dir, TrainResult result) {}

    static Straight straight;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static Config config(String... extra) {
        List<String> sets = new ArrayList<>(List.of("model.asset_classes=4", "model.d_model=16", "model.heads=2", "model.layers=1",
                "model.ff=32", "model.dropout=0.1", "model.asset_embedding=4", "train.epochs=2", "train.batch_size=4",
                "train.warmup_steps=1", "train.keep_last=1", "train.lr=0.01"));
        sets.addAll(List.of(extra));
        return ConfigLoader.load("tiny", null, sets);
    }

    static TrainingRun run(String phase, Path dir, Config cfg, Init init) {
        ModelConfig mc = ModelConfig.from(cfg);
        return TrainingRun.phase(phase).config(cfg).data(TRAIN, VAL, SPEC, Map.of("data", "synthetic test windows"))
                .checkpoints(dir).network(TransformerModel.KIND, mc).init(init)
                .objective(new SupervisedObjective(mc, LossSettings.from(cfg)));
    }

    static TrainResult train(Path dir, Config cfg, Init init) {
        return run("pretrain", dir, cfg, init).run();
    }

    @BeforeAll
    static void trainTwoEpochsStraight() {
        Path dir = shared.resolve("straight");
        TrainResult r = train(dir, config(), new Init.Scratch());
        assertEquals(2, r.epochsDone());
        assertEquals(4, r.steps());
        assertTrue(Double.isFinite(r.bestValLoss()));
        straight = new Straight(dir, r);
    }

    /** A copy of the straight run's folder, for a test that writes into it. */
    Path copyOfStraight() throws IOException {
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy);
        try (var files = Files.list(straight.dir())) {
            for (Path p : files.toList()) if (Files.isRegularFile(p)) Files.copy(p, copy.resolve(p.getFileName()));
        }
        return copy;
    }

    @Test
    void oneEpochThenResumeGivesTheSameWeightsAsTwoStraight() {
        Path resumed = tmp.resolve("resumed");
        TrainResult first = train(resumed, config("train.max_steps=2"), new Init.Scratch());
        assertEquals(1, first.epochsDone());
        assertEquals(2, first.steps());
        Network afterOne = load(resumed.resolve("last.json"));
        // A fresh trainer and model, from what is on disk only: the graph built in code, weights and moments by name.
        TrainResult second = train(resumed, config(), Init.resumeIfPresent(resumed));
        assertEquals(4, second.steps());

        Network a = load(straight.dir().resolve("last.json"));
        Network b = load(resumed.resolve("last.json"));
        assertTrue(maxDifference(a, b) <= 1e-6, "resumed weights differ by " + maxDifference(a, b));
        assertTrue(maxDifference(a, afterOne) > 1e-4, "the second epoch should have changed the weights");
        assertEquals(lossColumn(straight.dir()), lossColumn(resumed), "per-step losses of the resumed run");
        // A loaded checkpoint predicts (the evaluation reads models this way), the same from either run.
        var pa = ((TransformerModel) a).predict(VAL.batch(2));
        var pb = ((TransformerModel) b).predict(VAL.batch(2));
        assertArrayEquals(pa.activeProb(), pb.activeProb(), 1e-5f);
        for (float p : pa.activeProb()) assertTrue(p > 0 && p < 1);
    }

    @Test
    void checkpointsHoldWhatResumeNeedsAndOldOnesArePruned() throws IOException {
        Path dir = straight.dir();
        assertTrue(Files.exists(dir.resolve("last.json")));
        assertTrue(Files.exists(dir.resolve("best.json")));
        assertEquals(List.of("epoch-0002"), new CheckpointStore(dir).periodicNames(), "keep_last=1 keeps the newest only");
        try (var files = Files.list(dir)) {
            long weights = files.filter(p -> p.toString().endsWith(".npz")).count();
            assertEquals(3, weights, "one weights file per checkpoint, no leftovers");
        }
        CheckpointInfo info = CheckpointStore.read(dir);
        assertEquals(TransformerModel.KIND, info.kind());
        assertEquals("pretrain", info.phase());
        assertEquals(SupervisedObjective.NAME, info.objective());
        assertEquals(2, info.epochsDone());
        assertEquals(4, info.step());
        assertEquals(2, info.position().epoch());
        assertEquals(0, info.position().batch());
        assertEquals(16, info.model().dModel());
        assertEquals(64, info.weightsSha256().length());
        assertEquals(42L, ((Number) info.rng().get("seed")).longValue());
        assertEquals(SPEC, info.data(), "the data spec travels by value");
        assertEquals("pretrain", info.provenance().phase());
        assertNotNull(info.provenance().version());
        assertNotNull(info.provenance().time());
        assertNotNull(info.provenance().nd4j().get("native_build"));
        assertEquals("synthetic test windows", info.provenance().inputs().get("data"));
        assertEquals(2, ((Number) info.config().get("train.epochs")).intValue());
        assertNull(info.calibration(), "no calibrator was given");

        // The weights file is a NumPy archive of parameters and Adam moments, by name.
        Weights w = CheckpointStore.weights(dir.resolve("last.json"), info);
        Network fresh = TransformerModel.create(info.model(), 0);
        assertEquals(fresh.parameters().keySet(), w.parameters().keySet());
        assertEquals(2 * w.parameters().size(), w.optimizer().size());
        assertTrue(w.optimizer().containsKey("block0_q_w/M") && w.optimizer().containsKey("block0_q_w/V"), w.optimizer().keySet().toString());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("last.json").toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("format", "kind", "name", "weights", "weights_sha256", "model", "normaliser", "data", "calibration",
                "training", "provenance", "config"), keys, "a fixed key order");
        assertEquals(Normaliser.FORMAT, json.path("normaliser").path("format").asText());

        List<String> steps = Files.readAllLines(dir.resolve("metrics/steps.jsonl"));
        assertEquals(4, steps.size());
        for (String key : List.of("\"loss\"", "\"loss_active\"", "\"loss_asset\"", "\"loss_regression\"", "\"lr\"", "\"grad_norm\"", "\"windows_per_s\"")) {
            assertTrue(steps.get(0).contains(key), key + " in " + steps.get(0));
        }
        assertEquals(5, Files.readAllLines(dir.resolve("metrics/steps.csv")).size(), "header and 4 rows");
        assertEquals(2, Files.readAllLines(dir.resolve("metrics/epochs.jsonl")).size());
        assertTrue(Files.readAllLines(dir.resolve("metrics/epochs.csv")).get(0).contains("val_loss_asset"));
    }

    @Test
    void aConfigAskingForAnotherArchitectureFailsNamingTheSettings() throws IOException {
        Path dir = copyOfStraight();
        UserException e = assertThrows(UserException.class,
                () -> train(dir, config("model.d_model=32", "model.ff=64", "train.epochs=3"), new Init.Resume(dir)));
        assertTrue(e.getMessage().contains("model.d_model 16 vs 32"), e.getMessage());
        assertTrue(e.getMessage().contains("model.ff 32 vs 64"), e.getMessage());
        assertFalse(e.getMessage().contains("model.heads"), e.getMessage());
    }

    @Test
    void startingOverAnExistingRunNeedsForce() throws IOException {
        Path dir = copyOfStraight();
        UserException e = assertThrows(UserException.class, () -> train(dir, config(), new Init.Scratch()));
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("--force"), e.getMessage());
    }

    @Test
    void resumingACheckpointOfAnotherKindOrPhaseIsRefusedNamingBoth() throws IOException {
        Path dir = copyOfStraight();
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(dir.resolve("last.json").toFile());
        doc.put("kind", ModelKinds.REWARD_MODEL);
        Files.writeString(dir.resolve("last.json"), json.writeValueAsString(doc));
        UserException kind = assertThrows(UserException.class, () -> train(dir, config(), new Init.Resume(dir)));
        assertTrue(kind.getMessage().contains("holds a reward-model") && kind.getMessage().contains("trains a frame-transformer"),
                kind.getMessage());
        assertTrue(kind.getMessage().contains("warm start"), kind.getMessage());

        UserException phase = assertThrows(UserException.class, () -> run("finetune", straight.dir(), config(), new Init.Resume(straight.dir())).run());
        assertTrue(phase.getMessage().contains("phase pretrain, not finetune"), phase.getMessage());
    }

    @Test
    void aFormatOneCheckpointNamesTheCommandThatRetrains() throws IOException {
        Path dir = copyOfStraight();
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(dir.resolve("best.json").toFile());
        doc.put("format", "auto-editor-checkpoint/1");
        Files.writeString(dir.resolve("best.json"), json.writeValueAsString(doc));
        UserException e = assertThrows(UserException.class, () -> ModelArtifact.load(dir));
        assertTrue(e.getMessage().contains("auto-editor-checkpoint/1") && e.getMessage().contains("auto-editor full-run")
                && e.getMessage().contains("auto-editor pretrain"), e.getMessage());
    }

    @Test
    void corruptCheckpointsFailWithAClearMessage() throws IOException {
        Path copy = copyOfStraight();
        CheckpointInfo info = CheckpointStore.read(copy);
        byte[] weights = Files.readAllBytes(copy.resolve(info.weightsFile()));
        weights[weights.length / 2] ^= 0x5A;
        Files.write(copy.resolve(info.weightsFile()), weights);
        UserException bad = assertThrows(UserException.class, () -> CheckpointStore.read(copy));
        assertTrue(bad.getMessage().contains("corrupt") && bad.getMessage().contains("SHA-256"), bad.getMessage());

        Files.writeString(copy.resolve("last.json"), "{\"format\": \"auto-editor-checkpoint/2\", \"step\": ");
        UserException json = assertThrows(UserException.class, () -> train(copy, config(), new Init.Resume(copy)));
        assertTrue(json.getMessage().contains("last.json is corrupt"), json.getMessage());
    }

    @Test
    void divergenceStopsWithAdviceAndSavesNothing() {
        Path dir = tmp.resolve("diverged");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(dir, config("train.max_grad_norm_explosion=0.000001"), new Init.Scratch()));
        assertTrue(e.getMessage().contains("step 1") && e.getMessage().contains("train.max_grad_norm_explosion"), e.getMessage());
        assertTrue(e.getMessage().contains("train.lr"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("last.json")));
    }

    @Test
    void earlyStoppingEndsTheRunAndItsCounterIsCheckpointedAsListenerState() {
        Path dir = tmp.resolve("early");
        // One step per epoch; no later epoch can beat the first by more than min_delta.
        Config cfg = config("train.batch_size=8", "train.epochs=5", "train.patience=1", "train.min_delta=1000");
        TrainResult r = train(dir, cfg, new Init.Scratch());
        assertTrue(r.stoppedEarly());
        assertEquals(2, r.epochsDone());
        assertEquals(2, r.steps());
        CheckpointInfo info = CheckpointStore.read(dir);
        assertEquals(Map.of("early_stopping", Map.of(EarlyStopping.COUNTER, 1)), info.state().listeners());
        assertEquals(2, info.epochsDone());
        // Resumed after it stopped, it stays stopped: no further epoch, as in the uninterrupted run.
        TrainResult again = train(dir, cfg, Init.resumeIfPresent(dir));
        assertTrue(again.stoppedEarly());
        assertEquals(2, again.steps());
    }

    /**
     * A warm start takes the weights and nothing of the source's optimizer: its first update equals one
     * computed here by a freshly built Adam (zero moments, bias correction at step 1) on the same
     * weights, batch, dropout and learning rate, and differs from the update the source's moments give.
     */
    @Test
    void aWarmStartsFirstUpdateIsAFreshOptimizersFirstUpdate() {
        Path dir = tmp.resolve("warm");
        Config cfg = config("train.max_steps=1");
        TrainResult r = run("finetune", dir, cfg, new Init.WarmStart(straight.dir())).run();
        assertEquals(1, r.steps());
        CheckpointInfo info = CheckpointStore.read(dir);
        assertEquals("finetune", info.phase());
        assertEquals(1, info.step(), "a warm start counts steps from 0");
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) info.provenance().inputs().get("init");
        assertEquals("warm_start", init.get("mode"));
        assertEquals(List.of(), init.get("initialised"));
        Network warm = load(dir.resolve("last.json"));

        Network fresh = firstStepFrom(straight.dir().resolve("best.json"), cfg, false);
        assertEquals(0.0, maxDifference(warm, fresh), 1e-7, "the warm start's first step is a fresh optimizer's");
        Network kept = firstStepFrom(straight.dir().resolve("best.json"), cfg, true);
        assertTrue(maxDifference(warm, kept) > 1e-5, "keeping the source's Adam moments would have given another step: "
                + maxDifference(warm, kept));
    }

    @Test
    void aPartialWarmStartLogsWhatItCopiedAndWhatItInitialised() {
        Logger logger = (Logger) LoggerFactory.getLogger(TrainingRun.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        // An earlier CLI test with -q may have raised the level; this test reads the info lines.
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            // A second block: block0's and the heads' weights come from the source, block1 is new (another seed
            // than the source's, so the two are told apart).
            run("distill", tmp.resolve("deeper"), config("model.layers=2", "train.max_steps=1", "seed=7"), new Init.WarmStart(straight.dir())).run();
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
        }
        String copied = logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("copied")).findFirst().orElseThrow();
        String initialised = logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("initialised"))
                .findFirst().orElseThrow();
        assertTrue(copied.contains("block0_q_w") && copied.contains("head_active_w") && !copied.contains("block1_"), copied);
        assertTrue(initialised.contains("block1_q_w") && initialised.contains("block1_ff2_b") && !initialised.contains("block0_"), initialised);
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) CheckpointStore.read(tmp.resolve("deeper")).provenance().inputs().get("init");
        assertTrue(((List<?>) init.get("initialised")).contains("block1_v_b"), init.toString());
        // After one step (Adam moves a weight by about lr = 0.01), block1 is still near the seed's values and
        // block0 near the source's, which are far apart.
        Network deeper = load(tmp.resolve("deeper/last.json"));
        Network seeded = ModelKinds.build(TransformerModel.KIND, ModelConfig.from(config("model.layers=2")),
                TrainSettings.from(config("seed=7")).seedFor("init"));
        Network source = load(straight.dir().resolve("best.json"));
        assertTrue(difference(deeper, seeded, "block1_q_w") < 0.02, "block1 from the seed: " + difference(deeper, seeded, "block1_q_w"));
        assertTrue(difference(deeper, source, "block0_q_w") < 0.02, "block0 from the source: " + difference(deeper, source, "block0_q_w"));
        assertTrue(difference(seeded, source, "block0_q_w") > 0.1, "a seeded block0 would differ: " + difference(seeded, source, "block0_q_w"));
    }

    static double difference(Network a, Network b, String parameter) {
        return a.parameters().get(parameter).sub(b.parameters().get(parameter)).amaxNumber().doubleValue();
    }

    /** Weights after one training step from {@code source}'s weights, done here by hand; {@code keepMoments}: with its Adam state. */
    static Network firstStepFrom(Path source, Config cfg, boolean keepMoments) {
        TrainSettings s = TrainSettings.from(cfg);
        CheckpointInfo info = CheckpointStore.read(source);
        Weights w = CheckpointStore.weights(source, info);
        Network n = ModelKinds.build(TransformerModel.KIND, ModelConfig.from(cfg), s.seedFor("init"));
        w.loadInto(n);
        Objective objective = new SupervisedObjective(ModelConfig.from(cfg), LossSettings.from(cfg));
        objective.attach(n);
        Optimizer optimizer = new Optimizer(n.sameDiff(), Optimizer.Settings.from(s));
        if (keepMoments) optimizer.restore(w.optimizer(), "source");
        WindowBatch batch;
        try (BatchIterator batches = new BatchIterator(TRAIN, BatchIterator.Options.training(cfg), BatchIterator.Position.START)) {
            batch = batches.next();
        }
        OutAndGrad og = n.sameDiff().calculateGradientsAndOutputs(objective.trainingFeed(batch, Trainer.dropoutRandom(s, 0)),
                objective.lossOutputs(), optimizer.parameters());
        double norm = optimizer.gradientNorm(og.getGradients());
        long total = (long) s.epochs() * BatchIterator.batchesPerEpoch(TRAIN.size(), s.batchSize(), false);
        optimizer.apply(og.getGradients(), norm, new LearningRateSchedule(s.lr(), s.warmupSteps(), total, s.minLrRatio()).at(0), 0);
        return n;
    }

    static Network load(Path json) {
        return ModelArtifact.load(json).network();
    }

    static double maxDifference(Network a, Network b) {
        double max = 0;
        for (Map.Entry<String, INDArray> e : a.parameters().entrySet()) {
            INDArray y = b.parameters().get(e.getKey());
            if (y == null || !java.util.Arrays.equals(y.shape(), e.getValue().shape())) continue;
            max = Math.max(max, e.getValue().sub(y).amaxNumber().doubleValue());
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
