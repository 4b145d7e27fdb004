package dev.autoeditor.train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Reference size" is the full profile's model and batch, everywhere (issue 17). */
class ReferenceSizeTest {
    @Test
    void isTheFullProfilesModelAndBatch() {
        Config full = ConfigLoader.load("full", null, List.of());
        TrainStepBenchmark.Size ref = TrainStepBenchmark.reference();
        assertEquals(ModelConfig.from(full), ref.model());
        assertEquals(full.getInt("train.batch_size"), ref.batch());
        assertEquals(full.getInt("window.length"), ref.length());
        // The figures docs/performance.md and bench/pytorch_step.py's defaults describe.
        assertEquals(new ModelConfig(256, 8, 3, 768, 0.1, 8, 16), ref.model());
        assertEquals(32, ref.batch());
        assertEquals(100, ref.length());
    }
}
