package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.Network;
import dev.autoeditor.model.RewardModel;
import dev.autoeditor.train.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reward model's pairwise loss (Bradley-Terry): for each comparison, -log sigmoid(r_preferred -
 * r_other), averaged over the comparisons of the batch. A batch of {@link PairGroups} (B groups of
 * G sides) becomes B * G sequences (group b's side j at row b * G + j), every sequence is scored once,
 * and a fed [P, B * G] matrix of +1 and -1 takes each of the P comparisons' difference of scores. Also
 * read back every step: the share of comparisons ranked right ({@code accuracy}) and the mean
 * difference ({@code margin}), which become metrics columns.
 *
 * <p>The comparisons of a batch are looked up by its window ids in the groups of the split it came
 * from: training batches in {@code train}, validation batches in {@code val} (the training run
 * validates on the training groups when there is no validation split).
 */
public final class BradleyTerryObjective implements Objective {
    public static final String LOSS = "loss";
    public static final String ACCURACY = "accuracy";
    public static final String MARGIN = "margin";
    /** [P, B * G] placeholder: row p is +1 at its preferred sequence and -1 at its other one. */
    public static final String DIFFERENCE = "bt_difference";

    private final ModelConfig model;
    private final int contextFrames;
    private final PairGroups train;
    private final PairGroups val;

    /**
     * @param contextFrames where the continuations start in each side ({@link WindowEdits}' layout)
     * @param val           the validation groups; null: validation runs on {@code train}
     */
    public BradleyTerryObjective(ModelConfig model, int contextFrames, PairGroups train, PairGroups val) {
        this.model = model;
        this.contextFrames = contextFrames;
        this.train = train;
        this.val = val != null ? val : train;
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
        return feed(batch, train, dropout);
    }

    @Override
    public Map<String, INDArray> validationFeed(WindowBatch batch) {
        return feed(batch, val, null);
    }

    @Override
    public List<String> lossOutputs() {
        return List.of(LOSS, ACCURACY, MARGIN);
    }

    private Map<String, INDArray> feed(WindowBatch batch, PairGroups groups, SplittableRandom dropout) {
        int sides = groups.maxSides();
        WindowBatch sequences = split(batch, sides);
        Map<String, INDArray> feed = FrameInputs.forSequence(sequences, model, dropout);
        feed.put(RewardModel.SCORE_WEIGHT, continuationWeights(sequences, contextFrames));
        feed.put(RewardModel.FRAME_CHANGE, RewardModel.changes(sequences));
        List<float[]> rows = new ArrayList<>();
        for (int b = 0; b < batch.size(); b++) {
            for (int[] c : groups.comparisons((int) batch.windowIds()[b])) {
                float[] row = new float[sequences.size()];
                row[b * sides + c[0]] = 1f;
                row[b * sides + c[1]] = -1f;
                rows.add(row);
            }
        }
        float[] diff = new float[rows.size() * sequences.size()];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, diff, i * sequences.size(), sequences.size());
        feed.put(DIFFERENCE, Nd4j.create(diff, new long[] {rows.size(), sequences.size()}, 'c'));
        return feed;
    }

    /** B windows of G sides of L frames as B * G sequences of L: window b's side j at row b * G + j. */
    static WindowBatch split(WindowBatch groups, int sides) {
        int b = groups.size();
        int side = groups.length() / sides;
        WindowBatch out = WindowBatch.allocate(b * sides, side);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < sides; j++) {
                Frames.copy(groups, i, j * side, out, i * sides + j, 0, side);
                out.windowIds()[i * sides + j] = groups.windowIds()[i];
            }
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
