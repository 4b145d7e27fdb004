package dev.autoeditor.train.bench;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.TransformerModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One full training step of the frame transformer, as the benchmark times it: build the placeholder
 * arrays of a batch (inputs, targets, loss weights, dropout masks), forward and backward through the
 * SameDiff graph, clip the gradients to a global norm, and apply AdamW (ND4J's Adam plus decoupled
 * weight decay). The same work as bench/pytorch_step.py's step.
 */
public final class GraphTrainStep implements StepTimer.Step {
    private final TransformerModel model;
    private final WindowBatch batch;
    private final LossSettings loss;
    private final long seed;
    private final double learningRate;
    private final double weightDecay;
    private final double clipNorm;
    private final List<String> names = new ArrayList<>();
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
    private int iteration;
    private double lastLoss = Double.NaN;

    public GraphTrainStep(TransformerModel model, WindowBatch batch, long seed) {
        this.model = model;
        this.batch = batch;
        this.loss = LossSettings.defaults();
        this.seed = seed;
        this.learningRate = 1e-3;
        this.weightDecay = 0.01;
        this.clipNorm = 1.0;
        Adam adam = new Adam(learningRate);
        for (SDVariable v : model.sameDiff().variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) continue;
            names.add(v.name());
            long n = v.getArr().length();
            INDArray state = Nd4j.zeros(v.getArr().dataType(), 1, adam.stateSize(n));
            GradientUpdater<?> u = adam.instantiate(state, true);
            u.setStateViewArray(state, v.getArr().shape(), v.getArr().ordering(), true);
            updaters.put(v.name(), u);
        }
    }

    @Override
    public void run() {
        SameDiff sd = model.sameDiff();
        SplittableRandom dropout = new SplittableRandom(seed * 31 + iteration);
        Map<String, INDArray> placeholders = FrameInputs.forTraining(batch, model.config(), loss, dropout);
        var result = sd.calculateGradientsAndOutputs(placeholders, List.of(dev.autoeditor.model.GraphNames.LOSS), names);
        lastLoss = result.getOutputs().get(dev.autoeditor.model.GraphNames.LOSS).getDouble(0);
        Map<String, INDArray> grads = result.getGradients();
        double sumSquares = 0;
        for (String n : names) {
            double norm = grads.get(n).norm2Number().doubleValue();
            sumSquares += norm * norm;
        }
        double globalNorm = Math.sqrt(sumSquares);
        double scale = clipNorm > 0 && globalNorm > clipNorm ? clipNorm / globalNorm : 1.0;
        for (String n : names) {
            INDArray g = grads.get(n);
            if (scale != 1.0) g.muli(scale);
            updaters.get(n).applyUpdater(g, iteration, 0);
            INDArray param = sd.getVariable(n).getArr();
            if (weightDecay > 0) param.muli(1 - learningRate * weightDecay);
            param.subi(g);
        }
        iteration++;
    }

    /** The loss of the last step (to show that the step trains). */
    public double lastLoss() {
        return lastLoss;
    }
}
