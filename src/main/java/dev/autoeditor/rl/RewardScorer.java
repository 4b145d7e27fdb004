package dev.autoeditor.rl;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.RewardModel;
import dev.autoeditor.prefs.Edit;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores continuations with a trained reward model, in batches, without dropout. Every continuation
 * goes through its edit in the table's units ({@link WindowEdits}), exactly as the pairs the model was
 * trained on, so a rollout and a stored pair with the same frames get the same score.
 */
public final class RewardScorer {
    /** A continuation of a context, as the judge and the pair files see them. */
    public record Sample(Edit context, Edit continuation) {}

    private final RewardModel model;
    private final Normaliser normaliser;
    private final int contextFrames;
    private final int horizon;
    private final int batchSize;

    public RewardScorer(RewardModel model, Normaliser normaliser, int contextFrames, int horizon, int batchSize) {
        this.model = model;
        this.normaliser = normaliser;
        this.contextFrames = contextFrames;
        this.horizon = horizon;
        this.batchSize = batchSize;
    }

    public RewardModel model() {
        return model;
    }

    /** The score of each sample, in order. */
    public double[] score(List<Sample> samples) {
        double[] out = new double[samples.size()];
        int classes = model.config().assetClasses();
        for (int first = 0; first < samples.size(); first += batchSize) {
            int n = Math.min(batchSize, samples.size() - first);
            WindowBatch batch = WindowBatch.allocate(n, contextFrames + horizon);
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(first + i);
                WindowEdits.toWindow(s.context(), s.continuation(), contextFrames, horizon, normaliser, classes, batch, i);
            }
            Map<String, INDArray> feed = FrameInputs.forSequence(batch, model.config(), null);
            feed.put(RewardModel.SCORE_WEIGHT, BradleyTerryObjective.continuationWeights(batch, contextFrames));
            feed.put(RewardModel.FRAME_CHANGE, RewardModel.changes(batch));
            INDArray scores = model.sameDiff().output(feed, RewardModel.SCORE).get(RewardModel.SCORE);
            for (int i = 0; i < n; i++) out[first + i] = scores.getDouble(i);
            System.gc();
        }
        return out;
    }
}
