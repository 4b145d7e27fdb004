package dev.autoeditor.train.bench;

import java.util.List;

/**
 * Measured step times in milliseconds, in the order they ran, after {@code warmup} steps that were
 * run but not kept (JIT, native initialisation, SameDiff's first gradient-graph build).
 */
public record StepTimings(List<Double> stepMs, int warmup) {
    public StepTimings {
        stepMs = List.copyOf(stepMs);
    }

    public double median() {
        double[] sorted = stepMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double min() {
        return stepMs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
        return stepMs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
