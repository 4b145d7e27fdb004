package dev.autoeditor.generate;

import dev.autoeditor.config.Config;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import java.util.List;

/**
 * The generate.* settings: temperature (1 = the model's own distribution, 0 = greedy), the seed every
 * draw derives from, the keyframe tolerance, contexts per forward pass and the heap budget.
 */
public record GenerateSettings(double temperature, long seed, KeyframeTolerance tolerance, int batchSize, long heapBudgetMb) {
    /** Keys that change what is generated. */
    public static final List<String> INPUT_KEYS = List.of("generate.temperature", "seed",
            "generate.keyframe_tolerance.scale", "generate.keyframe_tolerance.pos_x", "generate.keyframe_tolerance.pos_y",
            "generate.keyframe_tolerance.crop_left", "generate.keyframe_tolerance.crop_right",
            "generate.keyframe_tolerance.crop_top", "generate.keyframe_tolerance.crop_bottom");
    /** Keys that change only how fast and in how much memory. */
    public static final List<String> RUNTIME_KEYS = List.of("generate.batch_size", "generate.heap_budget_mb");

    public GenerateSettings {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
    }

    public static GenerateSettings from(Config cfg) {
        return new GenerateSettings(cfg.getDouble("generate.temperature", 0, 100), cfg.getLong("seed"), KeyframeTolerance.fromConfig(cfg),
                cfg.getInt("generate.batch_size", 1, 4096), cfg.getInt("generate.heap_budget_mb", 64, 1 << 20));
    }

    public GenerateSettings withTemperature(double t) {
        return new GenerateSettings(t, seed, tolerance, batchSize, heapBudgetMb);
    }

    public GenerateSettings withSeed(long s) {
        return new GenerateSettings(temperature, s, tolerance, batchSize, heapBudgetMb);
    }
}
