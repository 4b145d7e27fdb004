package dev.autoeditor.prefs;

import java.nio.file.Path;

/** A line of a pair file that was skipped: where it is and why. */
public record LineProblem(Path file, long line, String message) {
    @Override
    public String toString() {
        return file + " line " + line + ": " + message;
    }
}
