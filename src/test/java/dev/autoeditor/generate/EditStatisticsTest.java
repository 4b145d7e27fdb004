package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The statistics evaluate-generation compares, on a continuation worked by hand. */
class EditStatisticsTest {
    private static final int F = KeyframeTable.FIELDS;

    /** A row with V1 and V2 showing the given assets (-1: nothing), scale 100 + asset. */
    static double[] row(int v1, int v2) {
        double[] r = new double[KeyframeTable.VALUES];
        for (int k = 0; k < KeyframeTable.TRACKS; k++) r[k * F + 1] = -1;
        int[] shown = {v1, v2};
        for (int k = 0; k < 2; k++) {
            if (shown[k] < 0) continue;
            r[k * F] = 1;
            r[k * F + 1] = shown[k];
            r[k * F + 2] = 100 + shown[k];
            r[k * F + 3] = 0.1 * k;
        }
        return r;
    }

    @Test
    void cutsShotsVisibleTracksAndReturns() {
        // Before: V1 shows source 0. Then 0, 0, 1 (a new source), 1 with V2 cutting to 0 (a return), back to 0 (a return) with V2 off.
        List<double[]> horizon = List.of(row(0, -1), row(0, -1), row(1, -1), row(1, 0), row(0, -1));
        double[] seconds = new double[5];
        Arrays.fill(seconds, 0.2);
        EditStatistics s = new EditStatistics();
        s.add(row(0, -1), horizon, seconds, a -> "s" + a, Set.of("s0"));
        assertEquals(4, s.cuts());
        assertEquals(240, s.cutsPerMinute(), 1e-9);
        double[] shots = s.shotLengths();
        Arrays.sort(shots);
        assertArrayEquals(new double[] {0.2, 0.2, 0.4, 0.4}, shots, 1e-9);
        assertEquals(1.2, s.visibleTracks(), 1e-12);
        assertEquals(2.0 / 3, s.sourceReturnRate(), 1e-12);
        assertEquals(6, s.scales().length);
        assertEquals(100 + 2.0 / 6, Arrays.stream(s.scales()).average().orElseThrow(), 1e-9);
    }

    @Test
    void aContinuationWithoutCutsHasNoReturnRateAndOneShotPerTrack() {
        double[] seconds = {0.5, 0.5};
        EditStatistics s = new EditStatistics();
        s.add(row(3, 4), List.of(row(3, 4), row(3, 4)), seconds, a -> "s" + a, Set.of("s3", "s4"));
        assertEquals(0, s.cuts());
        assertTrue(Double.isNaN(s.sourceReturnRate()));
        assertArrayEquals(new double[] {1.0, 1.0}, s.shotLengths(), 1e-12);
        // Against itself every error is 0; against a cutting truth the cut rate differs.
        var same = GenerationEvaluation.compare(s, s);
        assertEquals(0.0, same.get("cuts_per_min_abs_error"));
        assertEquals(0.0, same.get("shot_length_w1_s"));
        assertTrue(Double.isNaN(same.get("source_return_rate_abs_error")), "undefined on both sides");
        EditStatistics cutting = new EditStatistics();
        cutting.add(row(3, 4), List.of(row(4, 4), row(3, 4)), seconds, a -> "s" + a, Set.of("s3", "s4"));
        assertEquals(2 / (1.0 / 60), GenerationEvaluation.compare(s, cutting).get("cuts_per_min_abs_error"), 1e-9);
        assertEquals(List.copyOf(GenerationEvaluation.METRICS), List.copyOf(same.keySet()), "the metric keys, in order");
    }
}
