package dev.autoeditor.train.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times a repeated piece of work (a training step): a few warm-up runs that are not counted (JIT,
 * native initialisation, first allocations), then the measured runs, each timed alone. Between runs
 * the Java GC is asked to collect so that off-heap ND4J arrays of the previous step are freed outside
 * the timed region, as a training loop here does (see DL4J-NOTES: memory grows without it).
 */
public final class StepTimer {
    private static final Logger log = LoggerFactory.getLogger(StepTimer.class);

    /** One unit of timed work. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** Measured step times in milliseconds, in the order they ran. */
    public record Timings(List<Double> stepMs, int warmup) {
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

    private StepTimer() {}

    public static Timings time(Step step, int warmup, int steps) throws Exception {
        if (warmup < 0 || steps < 1) throw new IllegalArgumentException("need warmup >= 0 and steps >= 1");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmup + steps; i++) {
            System.gc();
            long start = System.nanoTime();
            step.run();
            double ms = (System.nanoTime() - start) / 1e6;
            if (i >= warmup) times.add(ms);
            log.info("step {}/{}: {} ms{}", i + 1, warmup + steps, String.format("%.1f", ms), i < warmup ? " (warm-up)" : "");
        }
        return new Timings(List.copyOf(times), warmup);
    }

    /** Median of arbitrary values (used when combining repeats). */
    static double median(double... values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
