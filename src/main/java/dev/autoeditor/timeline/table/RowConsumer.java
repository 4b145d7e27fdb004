package dev.autoeditor.timeline.table;

/**
 * Receives the keyframe table of one sequence row by row, in increasing frame order.
 *
 * <p>{@code values} holds the 180 track fields in {@link dev.autoeditor.timeline.KeyframeColumns}
 * order (track k's field f at {@code (k - 1) * 9 + f}). The array is reused for the next row: copy
 * it to keep it.
 */
@FunctionalInterface
public interface RowConsumer {
    void accept(long frame, double timeSeconds, double[] values) throws java.io.IOException;
}
