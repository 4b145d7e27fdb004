package dev.autoeditor.timeline.table;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyframeToleranceTest {

    @Test
    void theDefaultsComeFromTheConfigPerField() {
        Config config = ConfigLoader.load(null, null, List.of());
        KeyframeTolerance t = KeyframeTolerance.fromConfig(config);
        assertArrayEquals(new double[] {0.5, 0.002, 0.002, 0.25, 0.25, 0.25, 0.25}, t.perField());
        KeyframeTolerance set = KeyframeTolerance.fromConfig(ConfigLoader.load(null, null, List.of("generate.keyframe_tolerance.scale=2")));
        assertTrue(set.of(0) == 2.0);
    }

    @Test
    void negativeTolerancesAreRefusedNamingTheKey() {
        Exception e = assertThrows(RuntimeException.class, () -> KeyframeTolerance.fromConfig(
                ConfigLoader.load(null, null, List.of("generate.keyframe_tolerance.crop_top=-1"))));
        assertTrue(e.getMessage().contains("generate.keyframe_tolerance.crop_top"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KeyframeTolerance(new double[] {1, 2}));
    }
}
