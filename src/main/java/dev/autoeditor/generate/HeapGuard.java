package dev.autoeditor.generate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Java heap of a long generation near its live size. Each forward pass leaves a few hundred
 * KB of short-lived Java objects (SameDiff's bookkeeping, each array's deallocator reference); on a
 * busy machine G1's young collections slow down and it answers by growing the heap, measured at 2.2 GB
 * committed for 60 MB live after 8,000 passes, and only a full collection gives it back. So after a
 * step, when the committed heap exceeds the budget (and three times what was live after the last
 * collection, so a heap that is large because its data is never collects every step), one full
 * collection runs. Off-heap arrays do not need it: {@link FramePolicy} closes them (docs/generate.md).
 */
public final class HeapGuard {
    private static final Logger log = LoggerFactory.getLogger(HeapGuard.class);

    private final long budgetBytes;
    private long liveAfterLast;
    private int collections;

    public HeapGuard(long budgetMb) {
        if (budgetMb < 1) throw new IllegalArgumentException("heap budget must be >= 1 MB, got " + budgetMb);
        this.budgetBytes = budgetMb << 20;
    }

    /** Called after each generation step. */
    public void afterStep() {
        Runtime rt = Runtime.getRuntime();
        long committed = rt.totalMemory();
        if (committed <= budgetBytes || committed <= 3 * liveAfterLast) return;
        long started = System.nanoTime();
        System.gc();
        collections++;
        liveAfterLast = rt.totalMemory() - rt.freeMemory();
        log.debug("heap {} MB committed over the {} MB budget: collected in {} ms, {} MB live", committed >> 20, budgetBytes >> 20,
                (System.nanoTime() - started) / 1_000_000, liveAfterLast >> 20);
    }

    public int collections() {
        return collections;
    }
}
