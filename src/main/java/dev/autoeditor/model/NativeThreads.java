package dev.autoeditor.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's two thread pools: libnd4j's own (OpenMP, read from OMP_NUM_THREADS at start) and the BLAS
 * library's (OpenBLAS or oneDNN's matrix products). On a small machine they compete for the same
 * cores, so the benchmark tries them separately (docs/dl4j-notes.md: OMP 2 with BLAS 1 was fastest).
 * A pass too small to gain from threads runs inside {@link #singleThreaded}.
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

    /**
     * Runs {@code pass} with libnd4j's thread counts at 1, restoring them after: the ops of a small
     * pass (one context of the generation loop) cost more to split over threads than they save
     * (docs/dl4j-notes.md, "Threads for tiny passes").
     */
    public static <T> T singleThreaded(java.util.function.Supplier<T> pass) {
        int threads = Nd4j.getEnvironment().maxThreads();
        int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        try {
            return pass.get();
        } finally {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
        }
    }

    public static int ompThreads() {
        return Nd4j.getEnvironment().maxThreads();
    }

    public static int blasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }
}
