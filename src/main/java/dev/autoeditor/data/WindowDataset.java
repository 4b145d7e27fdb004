package dev.autoeditor.data;

/**
 * The windows of one split (train, val or test), readable by index. Implementations read
 * memory-mapped binary shards; tests may hold windows in memory.
 */
public interface WindowDataset extends AutoCloseable {
    /** Number of windows. */
    int size();

    /** Frames per window (T). */
    int length();

    /** Asset classes (the last means "other"). */
    int assetClasses();

    /** Copies window {@code index} into row {@code row} of {@code batch}. */
    void read(int index, WindowBatch batch, int row);

    @Override
    default void close() {}
}
