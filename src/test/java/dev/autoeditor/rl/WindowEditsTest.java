package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.prefs.Edit;
import dev.autoeditor.prefs.SourceSizes;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames between the model's windows and the table's units: classes become asset numbers and back
 * (renumbered in order of first appearance), regressions are denormalised and normalised again, and
 * a pair lands in the fixed layout: the context's last rows ending at the context length (padded at
 * the start when short), the continuation's first rows after it (padded at the end).
 */
class WindowEditsTest {
    private static final SamplingRate FPS = new SamplingRate(5, 1);
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;
    private static final int F = KeyframeTable.FIELDS;
    private static final Normaliser NORM = new Normaliser("standard", new double[] {100, 0, 0, 0, 0, 0, 0},
            new double[] {50, 0.25, 0.25, 10, 10, 10, 10}, new LinkedHashMap<>());

    /** An edit whose row i shows asset assets[i] on V1 at scale 100 + i (and nothing when -1). */
    private static Edit edit(int... assets) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < assets.length; i++) {
            double[] row = new double[F];
            if (assets[i] >= 0) {
                row[KeyframeTable.ACTIVE] = 1;
                row[KeyframeTable.ASSET] = assets[i];
                row[KeyframeTable.SCALE] = 100 + i;
                row[KeyframeTable.POS_X] = 0.1;
            }
            rows.add(row);
        }
        return Edit.of(FPS, rows, SourceSizes.UNKNOWN);
    }

    @Test
    void aPairLandsInTheFixedLayoutWithAssetsRenumberedByFirstAppearance() {
        // Context of 3 rows (assets 7, 7, 3) into a 5-frame context slot: 2 padded frames first.
        // Continuation of 4 rows (3, 9, -1, 7) into a 3-frame horizon: its first 3 rows.
        WindowBatch out = WindowBatch.allocate(1, 8);
        WindowEdits.toWindow(edit(7, 7, 3), edit(3, 9, -1, 7), 5, 3, NORM, 4, out, 0);
        float[] valid = {0, 0, 1, 1, 1, 1, 1, 1};
        int[] classes = {-1, -1, 0, 0, 1, 1, 2, -1};
        for (int f = 0; f < 8; f++) {
            assertEquals(valid[f], out.valid()[f], "valid " + f);
            assertEquals(classes[f], out.assetClass()[f * K], "class " + f);
            for (int k = 1; k < K; k++) assertEquals(-1, out.assetClass()[f * K + k]);
        }
        // Scale 100 + row in the table, normalised: (101 - 100) / 50 at the context's second row (frame 3).
        assertEquals(0.02f, out.regression()[3 * K * R], 1e-6f);
        assertEquals((0.1f - 0f) / 0.25f, out.regression()[3 * K * R + 1], 1e-6f);
        // A long context keeps its last rows.
        WindowEdits.toWindow(edit(1, 2, 3, 4, 5, 6), edit(6), 2, 1, NORM, 8, WindowBatch.allocate(1, 3), 0);
        WindowBatch last = WindowBatch.allocate(1, 3);
        WindowEdits.toWindow(edit(1, 2, 3, 4, 5, 6), edit(6), 2, 1, NORM, 8, last, 0);
        assertEquals(0, last.assetClass()[0]);
        assertEquals(1, last.assetClass()[K]);
        assertEquals(1, last.assetClass()[2 * K], "the continuation's asset 6 is the context's last");
        // More sources than classes: from the last class on, every further source shares it.
        WindowBatch many = WindowBatch.allocate(1, 6);
        WindowEdits.toWindow(edit(), edit(5, 4, 3, 2, 1, 0), 0, 6, NORM, 4, many, 0);
        int[] capped = {0, 1, 2, 3, 3, 3};
        for (int f = 0; f < 6; f++) assertEquals(capped[f], many.assetClass()[f * K]);
    }

    @Test
    void windowFramesBecomeTableRowsAndComeBack() {
        WindowBatch w = WindowBatch.allocate(1, 4);
        java.util.Arrays.fill(w.assetClass(), -1);
        java.util.Arrays.fill(w.valid(), 1f);
        for (int f = 0; f < 4; f++) {
            w.active()[f * K] = 1f;
            w.assetClass()[f * K] = f < 2 ? 0 : 1;
            for (int r = 0; r < R; r++) w.regression()[f * K * R + r] = 0.5f * r - f;
        }
        w.active()[3 * K + 2] = 1f;
        w.assetClass()[3 * K + 2] = 3;
        Edit e = WindowEdits.toEdit(w, 0, 0, 4, NORM, FPS);
        assertEquals(4, e.rows());
        assertEquals(3, e.tracks());
        assertEquals(1, e.asset(2, 0));
        assertEquals(3, e.asset(3, 2));
        assertEquals(-1, e.asset(0, 1));
        assertEquals(NORM.denormalise(0, -1), e.value(1, 0, KeyframeTable.SCALE), 1e-6);
        WindowBatch back = WindowBatch.allocate(1, 4);
        WindowEdits.toWindow(Edit.empty(FPS, SourceSizes.UNKNOWN), e, 0, 4, NORM, 4, back, 0);
        assertEquals(List.of(0, 0, 1, 1), List.of(back.assetClass()[0], back.assetClass()[K], back.assetClass()[2 * K], back.assetClass()[3 * K]));
        assertEquals(2, back.assetClass()[3 * K + 2]);
        for (int i = 0; i < 4 * K * R; i++) assertEquals(w.regression()[i], back.regression()[i], 1e-5f);
    }

    @Test
    void contextsCutFromInsideAWindowAreRenumbered() {
        WindowBatch b = WindowBatch.allocate(1, 3);
        java.util.Arrays.fill(b.assetClass(), -1);
        b.active()[0] = 1f;
        b.assetClass()[0] = 2;
        b.active()[K] = 1f;
        b.assetClass()[K] = 3; // "other" with 4 classes keeps its number
        b.active()[K + 1] = 1f;
        b.assetClass()[K + 1] = 1;
        b.active()[2 * K] = 1f;
        b.assetClass()[2 * K] = 2;
        ContextPool.renumber(b, 0, 3, 4);
        assertEquals(0, b.assetClass()[0]);
        assertEquals(3, b.assetClass()[K]);
        assertEquals(1, b.assetClass()[K + 1]);
        assertEquals(0, b.assetClass()[2 * K]);
    }
}
