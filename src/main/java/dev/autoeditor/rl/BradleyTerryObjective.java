package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.Network;
import dev.autoeditor.model.RewardModel;
import dev.autoeditor.train.Objective;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reward model's pairwise loss (Bradley-Terry): for each pair, -log sigmoid(r_preferred - r_other),
 * averaged over the batch. A batch of {@link PairWindows} (B windows of 2L frames) becomes 2B sequences
 * of L frames, the preferred sides first; a fed [B, 2B] matrix of +1 and -1 takes each pair's
 * difference of scores. Also read back every step: the share of pairs ranked right ({@code accuracy})
 * and the mean difference ({@code margin}), which become metrics columns.
 */
public final class BradleyTerryObjective implements Objective {
    public static final String LOSS = "loss";
    public static final String ACCURACY = "accuracy";
    public static final String MARGIN = "margin";
    /** [B, 2B] placeholder: row b is +1 at column b and -1 at column B + b. */
    public static final String DIFFERENCE = "bt_difference";

    private final ModelConfig model;
    private final int contextFrames;

    /** @param contextFrames where the continuations start in each side ({@link PairWindows}' layout) */
    public BradleyTerryObjective(ModelConfig model, int contextFrames) {
        this.model = model;
        this.contextFrames = contextFrames;
    }

    @Override
    public String name() {
        return "bradley-terry";
    }

    @Override
    public void attach(Network network) {
        SameDiff sd = network.sameDiff();
        SDVariable score = network.output(RewardModel.SCORE);
        SDVariable difference = sd.placeHolder(DIFFERENCE, DataType.FLOAT, -1, -1);
        SDVariable d = sd.mmul(difference, sd.reshape(score, -1, 1));
        // -log sigmoid(d) = softplus(-d) = max(-d, 0) + log(1 + exp(-|d|)), stable for any d.
        SDVariable nll = sd.nn.relu(d.neg(), 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(d).neg())));
        sd.mean(LOSS, nll);
        sd.mean(ACCURACY, sd.gt(d, 0.0).castTo(DataType.FLOAT));
        sd.mean(MARGIN, d);
        sd.setLossVariables(LOSS);
    }

    @Override
    public Map<String, INDArray> trainingFeed(WindowBatch batch, SplittableRandom dropout) {
        return feed(batch, dropout);
    }

    @Override
    public Map<String, INDArray> validationFeed(WindowBatch batch) {
        return feed(batch, null);
    }

    @Override
    public List<String> lossOutputs() {
        return List.of(LOSS, ACCURACY, MARGIN);
    }

    private Map<String, INDArray> feed(WindowBatch pairs, SplittableRandom dropout) {
        WindowBatch sides = split(pairs);
        Map<String, INDArray> feed = FrameInputs.forSequence(sides, model, dropout);
        feed.put(RewardModel.SCORE_WEIGHT, continuationWeights(sides, contextFrames));
        int b = pairs.size();
        float[] diff = new float[b * 2 * b];
        for (int i = 0; i < b; i++) {
            diff[i * 2 * b + i] = 1f;
            diff[i * 2 * b + b + i] = -1f;
        }
        feed.put(DIFFERENCE, Nd4j.create(diff, new long[] {b, 2L * b}, 'c'));
        return feed;
    }

    /** B windows of 2L frames as 2B sequences of L: every preferred side, then every other side. */
    static WindowBatch split(WindowBatch pairs) {
        int b = pairs.size();
        int side = pairs.length() / 2;
        WindowBatch out = WindowBatch.allocate(2 * b, side);
        for (int i = 0; i < b; i++) {
            Frames.copy(pairs, i, 0, out, i, 0, side);
            Frames.copy(pairs, i, side, out, b + i, 0, side);
            out.windowIds()[i] = pairs.windowIds()[i];
            out.windowIds()[b + i] = pairs.windowIds()[i];
        }
        return out;
    }

    /** [B, T]: 1/count on each row's real frames from {@code contextFrames} on, 0 elsewhere. */
    static INDArray continuationWeights(WindowBatch sequences, int contextFrames) {
        int t = sequences.length();
        float[] w = new float[sequences.size() * t];
        for (int row = 0; row < sequences.size(); row++) {
            int count = 0;
            for (int f = contextFrames; f < t; f++) if (sequences.valid()[row * t + f] > 0.5f) count++;
            for (int f = contextFrames; f < t; f++) {
                if (sequences.valid()[row * t + f] > 0.5f) w[row * t + f] = 1f / count;
            }
        }
        return Nd4j.create(w, new long[] {sequences.size(), t}, 'c');
    }
}
