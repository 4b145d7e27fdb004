package dev.autoeditor.train;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenDecaysToTheFloor() {
        var s = new LearningRateSchedule(1e-3, 10, 110, 0.1);
        assertEquals(1e-4, s.at(0), 1e-12);
        assertEquals(5e-4, s.at(4), 1e-12);
        assertEquals(1e-3, s.at(9), 1e-12);
        assertEquals(1e-3, s.at(10), 1e-12);
        assertEquals(0.55e-3, s.at(60), 1e-9); // half way through the cosine
        assertEquals(1e-4, s.at(110), 1e-12);
        assertEquals(1e-4, s.at(500), 1e-12);
    }

    @Property(tries = 200)
    void staysBetweenFloorAndPeakAndNeverRisesAfterWarmup(@ForAll @IntRange(min = 0, max = 50) int warmup,
                                                         @ForAll @IntRange(min = 1, max = 500) int total,
                                                         @ForAll @IntRange(min = 0, max = 600) int step) {
        var s = new LearningRateSchedule(0.01, warmup, total, 0.2);
        double lr = s.at(step);
        assertTrue(lr > 0 && lr <= 0.01 + 1e-15, "lr " + lr);
        if (step >= warmup) {
            assertTrue(lr >= 0.002 - 1e-15);
            assertTrue(s.at(step + 1) <= lr + 1e-15);
        }
    }
}
