package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;

/** A test predictor that reads frame t+1 from the batch: what a perfect model would say. */
final class OraclePredictor implements FramePredictor {
    private final int classes;

    OraclePredictor(int classes) {
        this.classes = classes;
    }

    @Override
    public Predictions predict(WindowBatch batch) {
        Predictions p = Persistence.allocate(batch, classes);
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t + 1 < batch.length(); t++) {
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int i = TrackStates.index(batch.length(), b, t, k);
                    int next = TrackStates.index(batch.length(), b, t + 1, k);
                    int state = TrackStates.state(batch, b, t + 1, k);
                    p.activeProb()[i] = state == TrackStates.OFF ? 0f : 1f;
                    p.assetProbs()[i * classes + Math.max(state, 0)] = 1f;
                    int r = WindowBatch.REGRESSIONS;
                    System.arraycopy(batch.regression(), next * r, p.regression(), i * r, r);
                }
            }
        }
        return p;
    }

    @Override
    public String name() {
        return "oracle";
    }
}
