package dev.autoeditor.train.distill;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.GraphNames;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.SyntheticWindows;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.Objective;
import dev.autoeditor.train.Optimizer;
import dev.autoeditor.train.SupervisedObjective;
import dev.autoeditor.train.TrainSettings;
import dev.autoeditor.config.ConfigLoader;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.api.OutAndGrad;

/**
 * Times, at a profile's sizes (default: teacher 64 wide with 2 layers, student 32 wide with 1 layer, batch 16 x 100 frames), what a
 * distillation step costs against a supervised step of the same student, and what the teacher's
 * forward pass on one batch costs (the price of computing teacher outputs on the fly instead of
 * caching them). Not a test: run with
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.autoeditor.train.distill.DistillStepBench [steps] [profile]}.
 * Figures in docs/distill.md.
 */
public final class DistillStepBench {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String profile = args.length > 1 ? args[1] : null;
        var cfg = ConfigLoader.load(profile, null, List.of());
        int batchSize = cfg.getInt("train.batch_size");
        ModelConfig teacherCfg = ModelConfig.from(cfg);
        ModelConfig studentCfg = DistillSettings.from(cfg).student(teacherCfg.assetClasses());
        SyntheticWindows windows = new SyntheticWindows(batchSize, 100, teacherCfg.assetClasses(), 3);
        WindowBatch batch = windows.batch(batchSize);
        TransformerModel teacher = TransformerModel.create(teacherCfg, 1);
        TeacherOutputs cached = TeacherOutputs.compute(teacher, windows, "bench");

        TransformerModel distilled = TransformerModel.create(studentCfg, 2);
        Objective kd = new DistillationObjective(studentCfg, LossSettings.from(cfg), new DistillationObjective.Weights(2, 0.5, 10), () -> cached, null);
        TransformerModel scratch = TransformerModel.create(studentCfg, 2);
        Objective gt = new SupervisedObjective(studentCfg, LossSettings.from(cfg));
        Optimizer kdOpt = setUp(distilled, kd, cfg);
        Optimizer gtOpt = setUp(scratch, gt, cfg);

        double[][] ms = new double[4][steps];
        for (int s = -3; s < steps; s++) {
            double a = step(distilled, kd, kdOpt, batch, s, false);
            double b = step(scratch, gt, gtOpt, batch, s, false);
            long t0 = System.nanoTime();
            teacher.sameDiff().output(FrameInputs.trainingInputs(batch, teacherCfg, null), GraphNames.ACTIVE_LOGIT, GraphNames.ASSET_LOGITS,
                    GraphNames.REGRESSION);
            double c = (System.nanoTime() - t0) / 1e6;
            long g0 = System.nanoTime();
            System.gc();
            double d = (System.nanoTime() - g0) / 1e6;
            if (s >= 0) {
                ms[0][s] = a;
                ms[1][s] = b;
                ms[2][s] = c;
                ms[3][s] = d;
            }
        }
        String[] names = {"distillation step (student, cached teacher outputs)", "supervised step (same student)",
            "teacher forward pass on the batch (on-the-fly cost)", "System.gc() after a step"};
        for (int i = 0; i < 4; i++) System.out.printf("%-55s median %7.1f ms%n", names[i], median(ms[i]));
        System.out.printf("teacher %d parameters, student %d; batch %d x 100 frames; profile %s%n", teacher.parameterCount(),
                distilled.parameterCount(), batchSize, profile == null ? "default" : profile);
    }

    private static Optimizer setUp(TransformerModel model, Objective objective, dev.autoeditor.config.Config cfg) {
        objective.attach(model);
        return new Optimizer(model.sameDiff(), Optimizer.Settings.from(TrainSettings.from(cfg)));
    }

    private static double step(TransformerModel model, Objective objective, Optimizer optimizer, WindowBatch batch, int s, boolean gc) {
        long t0 = System.nanoTime();
        var feed = objective.trainingFeed(batch, new SplittableRandom(s + 10));
        OutAndGrad og = model.sameDiff().calculateGradientsAndOutputs(feed, objective.lossOutputs(), optimizer.parameters());
        double norm = optimizer.gradientNorm(og.getGradients());
        optimizer.apply(og.getGradients(), norm, 1e-3, Math.max(0, s));
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
