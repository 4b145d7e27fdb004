package dev.autoeditor.train.bench;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's two thread pools: libnd4j's own (OpenMP, read from OMP_NUM_THREADS at start) and the BLAS
 * library's (OpenBLAS or oneDNN's matrix products). On a small machine they compete for the same
 * cores, so the benchmark tries them separately (docs/dl4j-notes.md: OMP 2 with BLAS 1 was fastest).
 */
public final class NativeThreads {
    private NativeThreads() {}

    /** Sets the pools; 0 leaves a pool as ND4J started it. */
    public static void apply(int ompThreads, int blasThreads) {
        if (ompThreads > 0) {
            Nd4j.getEnvironment().setMaxThreads(ompThreads);
            Nd4j.getEnvironment().setMaxMasterThreads(ompThreads);
        }
        if (blasThreads > 0) Nd4j.factory().blas().setMaxThreads(blasThreads);
    }

    public static int ompThreads() {
        return Nd4j.getEnvironment().maxThreads();
    }

    public static int blasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }
}
