package dev.autoeditor.timeline;

import java.util.List;

/**
 * One xmeml file: its name (the file name without .xml), its top-level sequences, and what the reader
 * found odd but could read past ({@code warnings}, each "FILE:LINE: what"; empty for a clean file).
 */
public record Project(String name, List<Sequence> sequences, List<String> warnings) {
    public Project {
        sequences = List.copyOf(sequences);
        warnings = List.copyOf(warnings);
    }

    /** A project without reader warnings (built in code, or written and read back clean). */
    public Project(String name, List<Sequence> sequences) {
        this(name, sequences, List.of());
    }
}
