package dev.autoeditor.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends training when the validation loss has not improved by more than {@code train.min_delta} for
 * {@code patience} epochs (0 = never). Its counter travels in checkpoints as listener state, so a
 * resumed run stops where the uninterrupted one would.
 */
public final class EarlyStopping implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(EarlyStopping.class);
    static final String COUNTER = "epochs_without_improvement";
    private final int patience;
    private int epochsWithoutImprovement;
    private boolean stop;

    public EarlyStopping(int patience) {
        this.patience = patience;
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

    @Override
    public String stateKey() {
        return "early_stopping";
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(COUNTER, epochsWithoutImprovement);
        return m;
    }

    @Override
    public void restore(Map<String, Object> state) {
        epochsWithoutImprovement = state.get(COUNTER) instanceof Number n ? n.intValue() : 0;
        // A run that had already stopped early stays stopped (a resume after the last epoch only finishes).
        stop = patience > 0 && epochsWithoutImprovement >= patience;
    }
}
