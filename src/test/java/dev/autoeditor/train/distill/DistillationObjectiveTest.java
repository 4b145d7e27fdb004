package dev.autoeditor.train.distill;

import static dev.autoeditor.model.GraphNames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.DistillationLoss;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.Network;
import dev.autoeditor.model.SyntheticWindows;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.Init;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.SupervisedObjective;
import dev.autoeditor.train.TrainSettings;
import dev.autoeditor.train.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The distillation objective on a real network: identical teacher and student give loss_kd = 0 exactly;
 * alpha = 0 is the supervised loss on the hard targets; with a soft teacher, every part equals the same
 * sums worked out here from the two models' logits, at T = 1 and T = 2; the cached teacher outputs are
 * the teacher's forward pass; and a student with a teacher's block but a narrower feed-forward starts as
 * a partial warm start of the teacher.
 */
class DistillationObjectiveTest {
    static final SyntheticWindows WINDOWS = new SyntheticWindows(6, 10, 4, 1);
    static final SyntheticWindows VAL = new SyntheticWindows(3, 10, 4, 2);
    static final DataSpec SPEC = new DataSpec("5", 10, 5, 1, 4, Normaliser.identity());
    static final ModelConfig MODEL = new ModelConfig(16, 2, 1, 32, 0.1, 4, 4);
    static final int K = WindowBatch.TRACKS;
    static final int R = WindowBatch.REGRESSIONS;

    @TempDir
    Path tmp;

    /** The loss parts of a validation batch (all windows, in order: the batch the teacher outputs were computed with). */
    static Map<String, Double> parts(Network student, DistillationObjective objective, WindowBatch batch) {
        Map<String, INDArray> out = student.sameDiff().output(objective.validationFeed(batch), objective.lossOutputs().toArray(new String[0]));
        Map<String, Double> m = new java.util.HashMap<>();
        out.forEach((k, v) -> m.put(k, v.getDouble(0)));
        return m;
    }

    static DistillationObjective objective(TransformerModel teacher, double temperature, double alpha, double regressionWeight) {
        TeacherOutputs outputs = TeacherOutputs.compute(teacher, WINDOWS, "test");
        return new DistillationObjective(MODEL, LossSettings.defaults(), new DistillationObjective.Weights(temperature, alpha, regressionWeight),
                () -> outputs, null);
    }

    @Test
    void aStudentEqualToItsTeacherHasNoDistillationLoss() {
        TransformerModel teacher = TransformerModel.create(MODEL, 5);
        TransformerModel student = TransformerModel.create(MODEL, 5);
        for (double temperature : new double[] {1, 2}) {
            DistillationObjective objective = objective(teacher, temperature, 1.0, 10);
            TransformerModel fresh = TransformerModel.create(MODEL, 5);
            objective.attach(fresh);
            Map<String, Double> p = parts(fresh, objective, WINDOWS.batch(WINDOWS.size()));
            assertEquals(0.0, p.get(DistillationLoss.LOSS_KD), "T = " + temperature);
            assertEquals(0.0, p.get(DistillationLoss.LOSS_KD_ACTIVE));
            assertEquals(0.0, p.get(DistillationLoss.LOSS_KD_ASSET));
            assertEquals(0.0, p.get(DistillationLoss.LOSS_KD_REGRESSION));
            // alpha = 1: nothing but the distillation loss, which is 0; the ground truth part is not.
            assertEquals(0.0, p.get(LOSS));
            assertTrue(p.get(DistillationLoss.LOSS_GT) > 0, p.toString());
        }
        assertEquals(0, student.parameters().get("input_w").sub(teacher.parameters().get("input_w")).amaxNumber().doubleValue());
    }

    @Test
    void alphaZeroIsTheSupervisedLossOnTheTrueFrames() {
        TransformerModel teacher = TransformerModel.create(MODEL, 5);
        DistillationObjective objective = objective(teacher, 2, 0.0, 10);
        TransformerModel student = TransformerModel.create(MODEL, 9);
        objective.attach(student);
        WindowBatch batch = WINDOWS.batch(WINDOWS.size());
        Map<String, Double> p = parts(student, objective, batch);

        SupervisedObjective supervised = new SupervisedObjective(MODEL, LossSettings.defaults());
        TransformerModel same = TransformerModel.create(MODEL, 9);
        supervised.attach(same);
        Map<String, INDArray> out = same.sameDiff().output(supervised.validationFeed(batch), LOSS, LOSS_ACTIVE, LOSS_ASSET, LOSS_REGRESSION);
        assertEquals(out.get(LOSS).getDouble(0), p.get(LOSS), 1e-6);
        assertEquals(out.get(LOSS).getDouble(0), p.get(DistillationLoss.LOSS_GT), 1e-6);
        assertEquals(out.get(LOSS_ASSET).getDouble(0), p.get(LOSS_ASSET), 1e-6);
        assertTrue(p.get(DistillationLoss.LOSS_KD) > 0, "the teacher differs, so the KL is positive: " + p);
    }

    @Test
    void everyPartIsTheSumWorkedOutFromTheLogits() {
        TransformerModel teacher = TransformerModel.create(MODEL, 5);
        for (double temperature : new double[] {1, 2}) {
            double alpha = 0.3;
            double regressionWeight = 7;
            DistillationObjective objective = objective(teacher, temperature, alpha, regressionWeight);
            TransformerModel student = TransformerModel.create(MODEL, 9);
            objective.attach(student);
            WindowBatch batch = WINDOWS.batch(WINDOWS.size());
            Map<String, INDArray> feed = objective.validationFeed(batch);
            Map<String, INDArray> out = student.sameDiff().output(feed, ACTIVE_LOGIT, ASSET_LOGITS, REGRESSION, LOSS, DistillationLoss.LOSS_GT,
                    DistillationLoss.LOSS_KD, DistillationLoss.LOSS_KD_ACTIVE, DistillationLoss.LOSS_KD_ASSET, DistillationLoss.LOSS_KD_REGRESSION);
            float[] zs = out.get(ACTIVE_LOGIT).data().asFloat();
            float[] zt = feed.get(DistillationLoss.TEACHER_ACTIVE_LOGIT).data().asFloat();
            float[] as = out.get(ASSET_LOGITS).data().asFloat();
            float[] at = feed.get(DistillationLoss.TEACHER_ASSET_LOGITS).data().asFloat();
            float[] rs = out.get(REGRESSION).data().asFloat();
            float[] rt = feed.get(DistillationLoss.TEACHER_REGRESSION).data().asFloat();
            float[] wa = feed.get(WEIGHT_ACTIVE).data().asFloat();
            float[] ws = feed.get(WEIGHT_ASSET).data().asFloat();
            float[] wr = feed.get(WEIGHT_REGRESSION).data().asFloat();
            double delta = LossSettings.defaults().huberDelta();
            int c = MODEL.assetClasses();
            double klActive = 0;
            double klAsset = 0;
            double huber = 0;
            for (int i = 0; i < zs.length; i++) {
                double p = sigmoid(zt[i] / temperature);
                double q = sigmoid(zs[i] / temperature);
                klActive += wa[i] * (p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q)));
                double[] pt = softmax(at, i * c, c, temperature);
                double[] ps = softmax(as, i * c, c, temperature);
                double kl = 0;
                for (int j = 0; j < c; j++) kl += pt[j] * Math.log(pt[j] / ps[j]);
                klAsset += ws[i] * kl;
                for (int f = 0; f < R; f++) {
                    double e = Math.abs(rs[i * R + f] - rt[i * R + f]);
                    double q2 = Math.min(e, delta);
                    huber += wr[i] * (0.5 * q2 * q2 + delta * (e - q2));
                }
            }
            String where = "T = " + temperature;
            assertEquals(klActive, out.get(DistillationLoss.LOSS_KD_ACTIVE).getDouble(0), 1e-5 * Math.max(1, klActive), where);
            assertEquals(klAsset, out.get(DistillationLoss.LOSS_KD_ASSET).getDouble(0), 1e-5 * Math.max(1, klAsset), where);
            assertEquals(huber, out.get(DistillationLoss.LOSS_KD_REGRESSION).getDouble(0), 1e-6, where);
            assertEquals(klActive + klAsset, out.get(DistillationLoss.LOSS_KD).getDouble(0), 1e-5, where);
            assertTrue(klActive > 1e-4 && klAsset > 1e-4 && huber > 1e-6, where + ": two differently seeded models disagree");
            double expected = alpha * (temperature * temperature * (klActive + klAsset) + regressionWeight * huber)
                    + (1 - alpha) * out.get(DistillationLoss.LOSS_GT).getDouble(0);
            assertEquals(expected, out.get(LOSS).getDouble(0), 1e-5, where);
        }
    }

    @Test
    void cachedTeacherOutputsAreTheTeachersForwardPassForAnyBatch() {
        TransformerModel teacher = TransformerModel.create(MODEL, 5);
        TeacherOutputs outputs = TeacherOutputs.compute(teacher, WINDOWS, "test");
        WindowBatch batch = WindowBatch.allocate(3, WINDOWS.length());
        int[] ids = {4, 1, 5};
        for (int row = 0; row < ids.length; row++) WINDOWS.read(ids[row], batch, row);
        Map<String, INDArray> cached = outputs.feed(batch);
        Map<String, INDArray> direct = teacher.sameDiff().output(FrameInputs.trainingInputs(batch, MODEL, null), ACTIVE_LOGIT, ASSET_LOGITS, REGRESSION);
        assertEquals(0, cached.get(DistillationLoss.TEACHER_ACTIVE_LOGIT).sub(direct.get(ACTIVE_LOGIT)).amaxNumber().doubleValue(), 1e-5);
        assertEquals(0, cached.get(DistillationLoss.TEACHER_ASSET_LOGITS).sub(direct.get(ASSET_LOGITS)).amaxNumber().doubleValue(), 1e-5);
        assertEquals(0, cached.get(DistillationLoss.TEACHER_REGRESSION).sub(direct.get(REGRESSION)).amaxNumber().doubleValue(), 1e-5);
        assertEquals(4L * 6 * 9 * K * (1 + 4 + R), outputs.bytes());
    }

    @Test
    void aStudentStartsAsAPartialWarmStartOfItsTeacher() {
        // The teacher: two blocks; the student: one block of the same width but a narrower feed-forward.
        Config teacherCfg = config("model.layers=2", "train.epochs=1");
        Path teacherDir = tmp.resolve("teacher");
        TrainingRun.phase("pretrain").config(teacherCfg).data(WINDOWS, VAL, SPEC, Map.of("data", "synthetic test windows"))
                .checkpoints(teacherDir).network(TransformerModel.KIND, ModelConfig.from(teacherCfg)).init(new Init.Scratch())
                .objective(new SupervisedObjective(ModelConfig.from(teacherCfg), LossSettings.from(teacherCfg))).run();
        ModelArtifact teacher = ModelArtifact.load(teacherDir);

        Config studentCfg = config("model.ff=16", "train.max_steps=1", "seed=7");
        ModelConfig student = ModelConfig.from(studentCfg);
        Path studentDir = tmp.resolve("student");
        TeacherOutputs train = TeacherOutputs.compute(teacher.frameTransformer(), WINDOWS, "train");
        TeacherOutputs val = TeacherOutputs.compute(teacher.frameTransformer(), VAL, "val");
        TrainingRun.phase(Distillation.PHASE).config(studentCfg).data(WINDOWS, VAL, SPEC, Map.of("data", "synthetic test windows"))
                .checkpoints(studentDir).network(TransformerModel.KIND, student).init(new Init.WarmStart(teacher.json()))
                .objective(new DistillationObjective(student, LossSettings.from(studentCfg), new DistillationObjective.Weights(2, 0.5, 10),
                        () -> train, () -> val)).run();

        var info = CheckpointStore.read(studentDir.resolve("last.json"));
        assertEquals(DistillationObjective.NAME, info.objective());
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) info.provenance().inputs().get("init");
        List<?> copied = (List<?>) init.get("copied");
        List<?> initialised = (List<?>) init.get("initialised");
        List<?> unused = (List<?>) init.get("unused");
        assertEquals("warm_start", init.get("mode"));
        assertTrue(copied.containsAll(List.of("input_w", "block0_q_w", "block0_out_w", "block0_norm2_gain", "head_active_w", "skip_asset")), copied.toString());
        assertTrue(initialised.containsAll(List.of("block0_ff1_w", "block0_ff1_b", "block0_ff2_w")) && !initialised.contains("block0_q_w"),
                initialised.toString());
        assertTrue(unused.containsAll(List.of("block1_q_w", "block0_ff1_w")), unused.toString());
        // After one step (Adam moves a weight by about lr = 0.01): block0's attention is still the teacher's,
        // its feed-forward still the student's seed.
        Network trained = ModelArtifact.load(studentDir.resolve("last.json")).network();
        Network seeded = TransformerModel.create(student, TrainSettings.from(studentCfg).seedFor("init"));
        assertTrue(difference(trained, teacher.network(), "block0_q_w") < 0.02);
        assertTrue(difference(seeded, teacher.network(), "block0_q_w") > 0.1, "a seeded block0 differs from the teacher's");
        assertTrue(difference(trained, seeded, "block0_ff1_w") < 0.02);
        // The metrics name the distillation parts.
        assertTrue(readLine(studentDir.resolve("metrics/steps.csv")).contains("loss_kd"), readLine(studentDir.resolve("metrics/steps.csv")));
    }

    static Config config(String... extra) {
        List<String> sets = new java.util.ArrayList<>(List.of("model.asset_classes=4", "model.d_model=16", "model.heads=2", "model.layers=1",
                "model.ff=32", "model.dropout=0.1", "model.asset_embedding=4", "train.epochs=2", "train.batch_size=4",
                "train.warmup_steps=1", "train.keep_last=1", "train.lr=0.01"));
        sets.addAll(List.of(extra));
        return ConfigLoader.load("tiny", null, sets);
    }

    static double difference(Network a, Network b, String parameter) {
        return a.parameters().get(parameter).sub(b.parameters().get(parameter)).amaxNumber().doubleValue();
    }

    private static String readLine(Path p) {
        try {
            return java.nio.file.Files.readAllLines(p).get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[] softmax(float[] logits, int offset, int n, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) max = Math.max(max, logits[offset + j] / temperature);
        double[] out = new double[n];
        double sum = 0;
        for (int j = 0; j < n; j++) sum += out[j] = Math.exp(logits[offset + j] / temperature - max);
        for (int j = 0; j < n; j++) out[j] /= sum;
        return out;
    }
}
