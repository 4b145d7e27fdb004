package dev.autoeditor.model;

import static dev.autoeditor.model.GraphNames.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.autoeditor.data.WindowBatch;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Laws of the arrays fed to the graph, for random batches with random padding and random clips. */
class FrameInputsProperties {
    private static final ModelConfig MC = new ModelConfig(8, 2, 1, 8, 0.0, 4, 2);
    private static final int K = WindowBatch.TRACKS;

    @Property(tries = 40)
    void eachLossPartIsAMeanOverExactlyTheCountedTerms(@ForAll @IntRange(min = 1, max = 4) int windows,
                                                       @ForAll @IntRange(min = 2, max = 9) int length,
                                                       @ForAll long seed) {
        WindowBatch b = randomBatch(windows, length, seed);
        Map<String, INDArray> m = FrameInputs.forTraining(b, MC, LossSettings.defaults(), null);
        int pairs = 0, on = 0;
        for (int w = 0; w < windows; w++) {
            for (int t = 0; t + 1 < length; t++) {
                if (b.valid()[w * length + t] == 0 || b.valid()[w * length + t + 1] == 0) continue;
                pairs += K;
                for (int k = 0; k < K; k++) if (b.active()[(w * length + t + 1) * K + k] > 0) on++;
            }
        }
        assertEquals(pairs == 0 ? 0 : 1, m.get(WEIGHT_ACTIVE).sumNumber().doubleValue(), 1e-4);
        assertEquals(on == 0 ? 0 : 1, m.get(WEIGHT_ASSET).sumNumber().doubleValue(), 1e-4);
        assertEquals(on == 0 ? 0 : 1.0 / WindowBatch.REGRESSIONS, m.get(WEIGHT_REGRESSION).sumNumber().doubleValue(), 1e-4);
        assertEquals(on, m.get(TARGET_ASSET).mul(m.get(WEIGHT_ASSET).reshape(windows, length - 1, K, 1).gt(0)).sumNumber().intValue(),
                "one-hot asset targets exactly where the asset loss counts");
    }

    @Property(tries = 40)
    void attentionSeesThePastAndItselfButNeverPaddingOrTheFuture(@ForAll @IntRange(min = 1, max = 3) int windows,
                                                                 @ForAll @IntRange(min = 1, max = 9) int length,
                                                                 @ForAll long seed) {
        WindowBatch b = randomBatch(windows, length, seed);
        INDArray bias = FrameInputs.forPrediction(b, MC).get(ATTENTION_BIAS);
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < length; i++) {
                for (int j = 0; j < length; j++) {
                    boolean visible = j == i || (j < i && b.valid()[w * length + j] > 0);
                    assertEquals(visible ? 0.0 : -1e9, bias.getDouble(w, 0, i, j), 1.0, "w" + w + " i" + i + " j" + j);
                }
            }
        }
    }

    /** Windows whose real frames are a prefix of random length (possibly none) with random clips. */
    static WindowBatch randomBatch(int windows, int length, long seed) {
        Random r = new Random(seed);
        WindowBatch b = WindowBatch.allocate(windows, length);
        for (int w = 0; w < windows; w++) {
            int real = r.nextInt(length + 1);
            for (int t = 0; t < length; t++) {
                b.valid()[w * length + t] = t < real ? 1f : 0f;
                for (int k = 0; k < K; k++) {
                    int cell = (w * length + t) * K + k;
                    boolean on = t < real && r.nextInt(3) == 0;
                    b.active()[cell] = on ? 1f : 0f;
                    b.assetClass()[cell] = on ? r.nextInt(4) : -1;
                }
            }
        }
        return b;
    }
}
