package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Project;
import java.io.IOException;
import java.nio.file.Path;

/** Reads one timeline file into a project; a bad file throws a UserException naming file, line and reason. */
@FunctionalInterface
public interface ProjectReader {
    Project read(Path file) throws IOException;
}
