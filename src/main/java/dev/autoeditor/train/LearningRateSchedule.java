package dev.autoeditor.train;

/**
 * Linear warm-up from 0 to the peak over {@code warmupSteps}, then cosine decay to
 * {@code peak * minRatio} at {@code totalSteps}. A pure function of the step, so resume needs no state.
 */
public record LearningRateSchedule(double peak, int warmupSteps, long totalSteps, double minRatio) {
    public double at(long step) {
        if (warmupSteps > 0 && step < warmupSteps) return peak * (step + 1) / warmupSteps;
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (minRatio + (1 - minRatio) * cosine);
    }
}
