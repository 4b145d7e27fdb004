package dev.autoeditor.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * What window did.
 *
 * @param outDir              the output folder (one sub-folder per split)
 * @param rows                CSV rows read
 * @param windows             windows written per split
 * @param sequences           sequences kept per split
 * @param droppedShort        sequences dropped per split for being shorter than window.min_sequence_frames
 * @param duplicateRowsSkipped rows of projects preprocess dropped as duplicates
 * @param seconds             wall time
 */
public record WindowResult(Path outDir, long rows, Map<Split, Long> windows, Map<Split, Integer> sequences,
                           Map<Split, Integer> droppedShort, long duplicateRowsSkipped, double seconds) {
    public long totalWindows() {
        return windows.values().stream().mapToLong(Long::longValue).sum();
    }
}
