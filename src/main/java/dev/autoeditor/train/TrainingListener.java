package dev.autoeditor.train;

/**
 * Hooks around the training loop (in the manner of DJL's TrainingListener): metrics files, the
 * progress bar, divergence checks and early stopping are listeners, so the loop itself stays short.
 * A listener stops training by throwing ({@link TrainingDivergedException}) or through
 * {@link #stopRequested()}.
 */
public interface TrainingListener {
    /** Before the first step of this run (also after a resume); {@code step} is the step resumed from. */
    default void onTrainingStart(int epoch, long step, long totalSteps) {}

    default void onStep(StepMetrics metrics) {}

    default void onEpochEnd(EpochMetrics metrics) {}

    default void onTrainingEnd(TrainResult result) {}

    /** True when this listener wants training to end after the current epoch. */
    default boolean stopRequested() {
        return false;
    }
}
