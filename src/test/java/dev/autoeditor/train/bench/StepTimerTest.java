package dev.autoeditor.train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepTimerTest {
    @Test
    void runsWarmupPlusStepsAndKeepsOnlyTheMeasuredOnes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        StepTimer.Timings t = StepTimer.time(calls::incrementAndGet, 2, 5);
        assertEquals(7, calls.get());
        assertEquals(5, t.stepMs().size());
        assertTrue(t.min() >= 0 && t.min() <= t.median() && t.median() <= t.max());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, new StepTimer.Timings(List.of(9.0, 1.0, 3.0), 0).median());
        assertEquals(2.5, new StepTimer.Timings(List.of(4.0, 1.0, 2.0, 3.0), 0).median());
        assertEquals(2.0, StepTimer.median(5, 2, 1));
    }

    @Test
    void rejectsNoMeasuredSteps() {
        assertThrows(IllegalArgumentException.class, () -> StepTimer.time(() -> {}, 1, 0));
    }
}
