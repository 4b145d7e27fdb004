package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads one timeline file into a project; a bad file throws a UserException naming file, line and reason. */
@FunctionalInterface
public interface ProjectReader {
    Project read(Path file) throws IOException;

    /**
     * Reads a file, handing what was odd but survivable (a value ignored, a clip left out) to
     * {@code warnings} as "FILE:LINE: what; what was done". Readers that find nothing of the kind
     * need not override it.
     */
    default Project read(Path file, Consumer<String> warnings) throws IOException {
        return read(file);
    }
}
