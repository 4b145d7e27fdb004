package dev.autoeditor.train.distill;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.DistillationLoss;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.Network;
import dev.autoeditor.train.Objective;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A student trained on its teacher's softened predictions and on the true frames
 * ({@link DistillationLoss}): L = alpha * (T^2 * KL + w_reg * Huber) + (1 - alpha) * supervised. Its loss
 * parts (loss, loss_gt, loss_kd, loss_kd_active, loss_kd_asset, loss_kd_regression and the supervised
 * parts) are the metrics columns of a distillation run; the validation loss early stopping watches is L.
 *
 * <p>The teacher's outputs come from {@link TeacherOutputs}, one per split, computed the first time a
 * batch of that split needs them (so a resumed run with nothing left to train never computes them).
 */
public final class DistillationObjective implements Objective {
    public static final String NAME = "distillation";

    /** T, alpha and w_reg. */
    public record Weights(double temperature, double alpha, double regressionWeight) {
        public static Weights of(DistillSettings s) {
            return new Weights(s.temperature(), s.alpha(), s.regressionWeight());
        }
    }

    private final ModelConfig student;
    private final LossSettings loss;
    private final Weights weights;
    private final Lazy train;
    private final Lazy val;

    /**
     * @param train the teacher's outputs on the training windows
     * @param val   on the validation windows, or null when the run validates on the training windows
     *              (no validation split), as the trainer does
     */
    public DistillationObjective(ModelConfig student, LossSettings loss, Weights weights, Supplier<TeacherOutputs> train,
                                 Supplier<TeacherOutputs> val) {
        this.student = student;
        this.loss = loss;
        this.weights = weights;
        this.train = new Lazy(train);
        this.val = val == null ? this.train : new Lazy(val);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void attach(Network network) {
        DistillationLoss.attach(network);
    }

    @Override
    public Map<String, INDArray> trainingFeed(WindowBatch batch, SplittableRandom dropout) {
        return feed(batch, dropout, train.get());
    }

    @Override
    public Map<String, INDArray> validationFeed(WindowBatch batch) {
        return feed(batch, null, val.get());
    }

    private Map<String, INDArray> feed(WindowBatch batch, SplittableRandom dropout, TeacherOutputs teacher) {
        // The student's inputs, the true targets with their masks, the loss weights: the supervised feed.
        Map<String, INDArray> m = FrameInputs.forTraining(batch, student, loss, dropout);
        // The teacher's logits and regressions for the same windows and frames, and T, alpha, w_reg.
        m.putAll(teacher.feed(batch));
        m.put(DistillationLoss.TEMPERATURE, Nd4j.scalar((float) weights.temperature()));
        m.put(DistillationLoss.ALPHA, Nd4j.scalar((float) weights.alpha()));
        m.put(DistillationLoss.REGRESSION_WEIGHT, Nd4j.scalar((float) weights.regressionWeight()));
        return m;
    }

    @Override
    public List<String> lossOutputs() {
        return DistillationLoss.OUTPUTS;
    }

    /** Computed on first use, then kept. */
    private static final class Lazy {
        private final Supplier<TeacherOutputs> supplier;
        private TeacherOutputs value;

        Lazy(Supplier<TeacherOutputs> supplier) {
            this.supplier = supplier;
        }

        TeacherOutputs get() {
            if (value == null) value = supplier.get();
            return value;
        }
    }
}
