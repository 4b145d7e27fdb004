package dev.autoeditor.train;

import dev.autoeditor.data.BatchIterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training run stands: what a checkpoint needs, beside the weights and the optimizer's
 * moments, to continue exactly as the uninterrupted run would.
 *
 * @param epochsDone  completed epochs
 * @param step        optimisation steps done
 * @param position    the data iterator's position of the next batch
 * @param bestValLoss the best validation loss so far (NaN before the first validation)
 * @param valLoss     the latest validation loss (NaN mid-epoch, before the first)
 * @param listeners   each stateful listener's {@link TrainingListener#state()}, by its {@link TrainingListener#stateKey()}
 */
public record TrainingState(int epochsDone, long step, BatchIterator.Position position, double bestValLoss, double valLoss,
                            Map<String, Map<String, Object>> listeners) {
    /** A run that has not started. */
    public static final TrainingState BEGINNING = new TrainingState(0, 0, BatchIterator.Position.START, Double.NaN, Double.NaN, Map.of());

    /** The JSON form (the checkpoint's "training" section without the phase and objective). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs_done", epochsDone);
        m.put("step", step);
        Map<String, Object> pos = new LinkedHashMap<>();
        pos.put("epoch", position.epoch());
        pos.put("batch", position.batch());
        m.put("data_position", pos);
        m.put("best_val_loss", Double.isFinite(bestValLoss) ? bestValLoss : null);
        m.put("val_loss", Double.isFinite(valLoss) ? valLoss : null);
        m.put("listeners", listeners);
        return m;
    }

    @SuppressWarnings("unchecked")
    static TrainingState fromMap(Map<String, Object> m) {
        Map<String, Map<String, Object>> listeners = new LinkedHashMap<>();
        if (m.get("listeners") instanceof Map<?, ?> l) {
            l.forEach((k, v) -> listeners.put((String) k, v instanceof Map<?, ?> s ? new LinkedHashMap<>((Map<String, Object>) s) : Map.of()));
        }
        return new TrainingState(((Number) m.get("epochs_done")).intValue(), ((Number) m.get("step")).longValue(),
                BatchIterator.Position.fromMap((Map<String, ?>) m.get("data_position")), number(m.get("best_val_loss")),
                number(m.get("val_loss")), listeners);
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
