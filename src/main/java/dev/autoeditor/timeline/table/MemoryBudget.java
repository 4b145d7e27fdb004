package dev.autoeditor.timeline.table;

import java.util.concurrent.Semaphore;

/**
 * Shares the heap among files converted in parallel. Reading a file takes about two to three times
 * its size (the whole document must be in memory: references point forwards), so a file leases three
 * times its size from a budget of 60% of the maximum heap, and waits while other files hold it. A
 * file larger than the whole budget still runs, alone. Small files never wait for each other.
 */
final class MemoryBudget {
    /** Heap taken while reading a file, per byte of it (measured peak: about 2; docs/failures.md). */
    static final int BYTES_PER_FILE_BYTE = 3;

    private final Semaphore kilobytes;
    private final int total;

    private MemoryBudget(long bytes) {
        this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes >> 10));
        this.kilobytes = new Semaphore(total, true);
    }

    static MemoryBudget ofHeap() {
        return new MemoryBudget((long) (Runtime.getRuntime().maxMemory() * 0.6));
    }

    /** What one file holds until closed. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits until {@code fileBytes} of input can be read beside what others hold. */
    Lease lease(long fileBytes) throws InterruptedException {
        long wanted = Math.max(1, (fileBytes * BYTES_PER_FILE_BYTE) >> 10);
        int permits = (int) Math.min(total, wanted);
        kilobytes.acquire(permits);
        return () -> kilobytes.release(permits);
    }
}
