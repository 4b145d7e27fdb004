package dev.autoeditor.train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepTimingsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, new StepTimings(List.of(9.0, 1.0, 3.0), 0).median());
        assertEquals(2.5, new StepTimings(List.of(4.0, 1.0, 2.0, 3.0), 0).median());
        assertTrue(Double.isNaN(new StepTimings(List.of(), 0).median()));
    }

    @Test
    void minAndMax() {
        StepTimings t = new StepTimings(List.of(5.0, 2.0, 8.0), 1);
        assertEquals(2.0, t.min());
        assertEquals(8.0, t.max());
        assertEquals(1, t.warmup());
    }
}
