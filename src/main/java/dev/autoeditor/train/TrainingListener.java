package dev.autoeditor.train;

import java.util.Map;

/**
 * Hooks around the training loop (in the manner of DJL's TrainingListener): metrics files, the
 * progress bar, divergence checks and early stopping are listeners, so the loop itself stays short.
 * A listener stops training by throwing ({@link TrainingDivergedException}) or through
 * {@link #stopRequested()}. A listener with state that must survive a resume (early stopping's
 * counter, a KL controller's coefficient) returns it from {@link #state()}; every checkpoint stores it
 * under {@link #stateKey()} and a resumed run hands it back through {@link #restore} before the first
 * step (Lightning's Callback.state_dict / load_state_dict).
 */
public interface TrainingListener {
    /** Before the first step of this run (also after a resume); {@code step} is the step resumed from. */
    default void onTrainingStart(int epoch, long step, long totalSteps) {}

    default void onStep(StepMetrics metrics) {}

    default void onEpochEnd(EpochMetrics metrics) {}

    default void onTrainingEnd(TrainResult result) {}

    /** True when this listener wants training to end (checked after each epoch, and before the first). */
    default boolean stopRequested() {
        return false;
    }

    /** The name its state is kept under in checkpoints ("early_stopping"); unique among a run's listeners. */
    default String stateKey() {
        return getClass().getSimpleName();
    }

    /** What must survive a resume, as JSON values (numbers, text, lists, maps); empty for a stateless listener. */
    default Map<String, Object> state() {
        return Map.of();
    }

    /** Takes back what {@link #state()} returned when the checkpoint was written. */
    default void restore(Map<String, Object> state) {}
}
