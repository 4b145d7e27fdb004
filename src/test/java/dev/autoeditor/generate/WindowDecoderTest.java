package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generate's decoding constraints on windows in the model's encoding (RLHF's rollouts): hand-made
 * windows and proposals with the frame each rule must record, and the window taken as it is.
 */
class WindowDecoderTest {
    private static final int K = KeyframeTable.TRACKS;
    private static final int R = KeyframeTable.FIELDS - 2;
    private static final KeyframeTolerance TOLERANCE = new KeyframeTolerance(new double[] {0.5, 0.002, 0.002, 0.25, 0.25, 0.25, 0.25});

    /** A one-row batch; {@code classes[t][k]} (-1 inactive) and scale = 100 + 10 t + k, the rest 0.1 (identity normaliser: original units). */
    private static WindowBatch batch(int[][] classes) {
        WindowBatch b = WindowBatch.allocate(1, classes.length);
        Arrays.fill(b.assetClass(), -1);
        for (int t = 0; t < classes.length; t++) {
            b.valid()[t] = 1f;
            for (int k = 0; k < classes[t].length; k++) {
                if (classes[t][k] < 0) continue;
                int cell = t * K + k;
                b.active()[cell] = 1f;
                b.assetClass()[cell] = classes[t][k];
                b.regression()[cell * R] = 100 + 10 * t + k;
                for (int f = 1; f < R; f++) b.regression()[cell * R + f] = 0.1f;
            }
        }
        return b;
    }

    private static int[] row(int... classes) {
        int[] out = new int[K];
        Arrays.fill(out, -1);
        System.arraycopy(classes, 0, out, 0, classes.length);
        return out;
    }

    private static FrameAction action(int... classes) {
        int[] c = row(classes);
        boolean[] on = new boolean[K];
        for (int k = 0; k < K; k++) on[k] = c[k] >= 0;
        return new FrameAction(on, c);
    }

    private static NextFrames distribution(int classes, long seed) {
        Random r = new Random(seed);
        float[] active = new float[K];
        float[] assets = new float[K * classes];
        for (int i = 0; i < active.length; i++) active[i] = (float) r.nextGaussian();
        for (int i = 0; i < assets.length; i++) assets[i] = (float) r.nextGaussian();
        return new NextFrames(1, classes, active, assets, new double[K * R]);
    }

    @Test
    void newSourcesAreRecordedWithTheNextUnusedClassAndValuesAreClampedAndHeld() {
        int classes = 6; // 0-4 named, 5 "other"
        // Two frames: V1 shows class 0, then V2 class 1 and V3 class 0: named classes 0 and 1.
        ContextWindow w = ContextWindow.encoded(batch(new int[][] {row(0), row(0, 1, 0)}), 0, 2, classes, Normaliser.identity());
        assertEquals(2, w.named());
        assertEquals(2, w.length());
        // Sampled: V1 class 0 (kept), V2 and V3 the unused class 4 (one new source), V4 the unused class 3 (another),
        // V5 "other" while named classes are free (a third new source), V6 off, V7 class 1 (shown, but not on V7).
        FrameAction sampled = action(0, 4, 4, 3, 5, -1, 1);
        double[] values = new double[K * R];
        for (int k = 0; k < K; k++) for (int f = 0; f < R; f++) values[k * R + f] = 0.1;
        values[0] = 110 + 0.3;          // V1 scale moves by 0.3 < 0.5: held at 110
        values[1] = 0.1 + 0.01;         // V1 pos_x moves by 0.01 > 0.002: moves
        values[R] = -5;                 // V2 scale below 0: clamped to 0
        values[2 * R + 3] = 150;        // V3 crop_left above 100: clamped
        values[6 * R] = 100.2;          // V7: a new run on the track, nothing to hold
        NextFrames d = distribution(classes, 1);
        ContinuationPolicy.Proposal p = new ContinuationPolicy.Proposal(sampled, values, d, 0, 1.0);
        WindowDecoder.Decoded out = WindowDecoder.decode(w, p, TOLERANCE);

        assertEquals(action(0, 2, 2, 3, 4, -1, 1), out.taken());
        assertEquals(110, out.values()[0], 0);
        assertEquals(0.11, out.values()[1], 1e-12);
        assertEquals(0, out.values()[R], 0);
        assertEquals(100, out.values()[2 * R + 3], 0);
        assertEquals(100.2, out.values()[6 * R], 1e-12);
        for (int f = 0; f < R; f++) assertEquals(0, out.values()[5 * R + f], 0, "V6 is off");
        // The log-probability is the taken action's, which here is not the sampled one's.
        assertNotEquals(d.logProb(0, sampled, 1.0), p.logProb(out.taken()));
        assertEquals(d.logProb(0, out.taken(), 1.0), p.logProb(out.taken()), 0);
    }

    @Test
    void otherStaysOtherOnceTheNamedClassesAreTakenAndATrackShowingItKeepsIt() {
        int classes = 4; // 0-2 named, 3 "other"
        ContextWindow w = ContextWindow.encoded(batch(new int[][] {row(0, 1, 2), row(3, 1, 2)}), 0, 2, classes, Normaliser.identity());
        assertEquals(3, w.named());
        assertTrue(w.overflowed());
        assertEquals(3, w.classOf(3));
        double[] values = new double[K * R];
        values[0] = 110 + 0.2;   // V1 keeps "other": held at 110
        values[4 * R] = 110.2;   // V5 takes "other" anew: not held
        ContinuationPolicy.Proposal p = new ContinuationPolicy.Proposal(action(3, 0, -1, -1, 3), values, distribution(classes, 2), 0, 1.0);
        WindowDecoder.Decoded out = WindowDecoder.decode(w, p, TOLERANCE);
        assertEquals(action(3, 0, -1, -1, 3), out.taken());
        assertEquals(110, out.values()[0], 0);
        assertEquals(110.2, out.values()[4 * R], 1e-12);
    }

    @Test
    void anEncodedWindowIsTakenAsItIs() {
        WindowBatch b = batch(new int[][] {row(-1, 0), row(1, 0, -1, 3), row(1, 2, 2)});
        ContextWindow w = ContextWindow.encoded(b, 0, 3, 4, Normaliser.identity());
        assertEquals(3, w.named());
        assertTrue(w.overflowed());
        assertEquals(1, w.lastAsset(0));
        assertEquals(-1, w.lastAsset(3));
        assertEquals(120, w.lastFrame()[KeyframeTable.SCALE], 0);
        WindowBatch back = WindowBatch.allocate(1, 3);
        w.fill(back, 0);
        assertArrayEquals(b.active(), back.active());
        assertArrayEquals(b.assetClass(), back.assetClass());
        assertArrayEquals(b.regression(), back.regression());
        assertArrayEquals(b.valid(), back.valid());
        // A prefix is a window of its own.
        assertEquals(1, ContextWindow.encoded(b, 0, 1, 4, Normaliser.identity()).named());

        // Classes out of order of first appearance, or padding, are not a window of the model's encoding.
        assertThrows(IllegalArgumentException.class, () -> ContextWindow.encoded(batch(new int[][] {row(1)}), 0, 1, 4, Normaliser.identity()));
        WindowBatch padded = batch(new int[][] {row(0), row(0)});
        padded.valid()[1] = 0f;
        assertThrows(IllegalArgumentException.class, () -> ContextWindow.encoded(padded, 0, 2, 4, Normaliser.identity()));
    }
}
