package dev.autoeditor.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends training when the validation loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs (0 = never). Its state travels in checkpoints so a resumed run stops
 * where the uninterrupted one would.
 */
public final class EarlyStopping implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(EarlyStopping.class);
    private final int patience;
    private int epochsWithoutImprovement;
    private boolean stop;

    public EarlyStopping(int patience, int epochsWithoutImprovement) {
        this.patience = patience;
        this.epochsWithoutImprovement = epochsWithoutImprovement;
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        epochsWithoutImprovement = m.improved() ? 0 : epochsWithoutImprovement + 1;
        if (patience > 0 && epochsWithoutImprovement >= patience) {
            log.info("early stopping: validation loss has not improved for {} epochs (train.patience {})", epochsWithoutImprovement, patience);
            stop = true;
        }
    }

    public int epochsWithoutImprovement() {
        return epochsWithoutImprovement;
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }
}
