package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.train.ModelArtifact;
import java.nio.file.Path;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Weight comparisons between two checkpoints. */
final class Checkpoints {
    private Checkpoints() {}

    /** Asserts that two checkpoints hold the same trainable variables, element-wise within {@code tolerance}. */
    static void assertSameWeights(Path jsonA, Path jsonB, double tolerance) {
        TreeMap<String, INDArray> a = weights(jsonA);
        TreeMap<String, INDArray> b = weights(jsonB);
        assertEquals(a.keySet(), b.keySet(), "the same variables");
        assertTrue(!a.isEmpty(), "the checkpoint holds weights");
        for (String name : a.keySet()) {
            INDArray x = a.get(name);
            INDArray y = b.get(name);
            assertTrue(java.util.Arrays.equals(x.shape(), y.shape()), name + " shapes differ");
            double maxDiff = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sub(y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertTrue(maxDiff <= tolerance, name + " differs by " + maxDiff);
        }
    }

    private static TreeMap<String, INDArray> weights(Path json) {
        return new TreeMap<>(ModelArtifact.load(json).network().parameters());
    }
}
