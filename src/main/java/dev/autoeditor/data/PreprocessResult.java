package dev.autoeditor.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * What preprocess did.
 *
 * @param splitsFile         the written splits.json
 * @param normaliserFile     the written normaliser.json
 * @param csvSha256          SHA-256 of the source CSV
 * @param rows               data rows in the CSV
 * @param projects           projects in the CSV
 * @param groups             groups of kept projects (re-exports linked together)
 * @param projectsPerSplit   kept projects per split
 * @param rowsPerSplit       rows per split
 * @param duplicatesDropped  projects dropped as exact duplicates
 * @param duplicateRows      rows of the dropped projects
 * @param normaliser         the fitted normaliser
 * @param seconds            wall time
 */
public record PreprocessResult(Path splitsFile, Path normaliserFile, String csvSha256, long rows, int projects, int groups,
                               Map<Split, Integer> projectsPerSplit, Map<Split, Long> rowsPerSplit, int duplicatesDropped,
                               long duplicateRows, Normaliser normaliser, double seconds) {}
