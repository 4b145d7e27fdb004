package dev.autoeditor.train;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.Network;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one optimisation step computes, apart from the network: the loss attached to the network's
 * outputs, the graph inputs of a batch (the network's and the loss's own: targets, weights, a
 * teacher's probabilities), and the loss parts read back. The training loop knows only this
 * interface, so a new loss (distillation, a reward model's pairwise loss) is a new Objective, not a
 * change to the loop or the network. {@link SupervisedObjective} is the first.
 */
public interface Objective {
    /** A short name for logs, checkpoints and provenance ("supervised", "distillation"). */
    String name();

    /**
     * Adds the loss, and any inputs it needs, to {@code network}'s graph, and sets the variable minimised
     * (SameDiff's loss variable) to {@code lossOutputs().get(0)}. Called once per run, after the weights
     * are in place and before the optimizer is built.
     */
    void attach(Network network);

    /** The graph inputs of one training step; dropout masks are drawn from {@code dropout} (a function of seed and step). */
    Map<String, INDArray> trainingFeed(WindowBatch batch, SplittableRandom dropout);

    /** The graph inputs of a validation batch: as for training, with dropout off. */
    Map<String, INDArray> validationFeed(WindowBatch batch);

    /** The scalar outputs read back every step; the first is the total minimised. Their names are the metrics columns. */
    List<String> lossOutputs();

    /** The named loss parts of a step from its outputs (by default each output's scalar, under its own name). */
    default LossParts read(Map<String, INDArray> outputs) {
        List<String> names = lossOutputs();
        double[] values = new double[names.size()];
        for (int i = 0; i < values.length; i++) values[i] = outputs.get(names.get(i)).getDouble(0);
        return LossParts.of(names, values);
    }
}
