package dev.autoeditor.timeline;

import java.util.List;

/** One xmeml file: its name (the file name without .xml) and its top-level sequences. */
public record Project(String name, List<Sequence> sequences) {
    public Project {
        sequences = List.copyOf(sequences);
    }
}
