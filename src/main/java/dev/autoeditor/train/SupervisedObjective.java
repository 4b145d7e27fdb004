package dev.autoeditor.train;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.Network;
import dev.autoeditor.model.SupervisedLoss;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Next-frame prediction on the true frames: BCE on active, cross-entropy on the asset class and Huber
 * or MSE on the regressions ({@link SupervisedLoss}), weighted by {@code train.loss_weight_*}. The loss
 * weights are fed every step, so a continued run can reweight without rebuilding anything.
 */
public final class SupervisedObjective implements Objective {
    public static final String NAME = "supervised";
    private final ModelConfig model;
    private final LossSettings loss;

    public SupervisedObjective(ModelConfig model, LossSettings loss) {
        this.model = model;
        this.loss = loss;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void attach(Network network) {
        SupervisedLoss.attach(network);
    }

    @Override
    public Map<String, INDArray> trainingFeed(WindowBatch batch, SplittableRandom dropout) {
        return FrameInputs.forTraining(batch, model, loss, dropout);
    }

    @Override
    public Map<String, INDArray> validationFeed(WindowBatch batch) {
        return FrameInputs.forTraining(batch, model, loss, null);
    }

    @Override
    public List<String> lossOutputs() {
        return SupervisedLoss.OUTPUTS;
    }
}
