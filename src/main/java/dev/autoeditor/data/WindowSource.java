package dev.autoeditor.data;

/**
 * Where a window came from, so evaluation and generation can trace it back to the CSV.
 *
 * @param project     the CSV's project
 * @param sequence    the CSV's sequence
 * @param startRow    row of the sequence the window starts at (0-based)
 * @param startFrame  the CSV frame of that row
 * @param validFrames real frames in the window (the rest is padding)
 */
public record WindowSource(String project, String sequence, int startRow, long startFrame, int validFrames) {}
