package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Clip;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a conversion did: the files converted (in output order), the files that failed, and where the CSV went. */
public record ConvertResult(Path output, Path provenance, SamplingRate sampling, List<FileReport> converted,
                            List<FileFailure> failures) {
    public ConvertResult {
        converted = List.copyOf(converted);
        failures = List.copyOf(failures);
    }

    /** One converted file: its sequences and rows, notes (skipped sequences, dropped tracks), and
     *  the clips whose effects the table does not carry, by kind ("sequence / clip" names). */
    public record FileReport(Path path, String project, String sha256, long bytes, int sequences, long rows,
                             List<String> notes, Map<Clip.Unsupported, List<String>> unsupported) {
        public FileReport {
            notes = List.copyOf(notes);
            Map<Clip.Unsupported, List<String>> inKindOrder = new EnumMap<>(Clip.Unsupported.class);
            unsupported.forEach((kind, clips) -> inKindOrder.put(kind, List.copyOf(clips)));
            unsupported = Collections.unmodifiableMap(inKindOrder);
        }
    }

    /**
     * A file that could not be converted; the message names the file, the line where known, and the reason.
     *
     * @param noVideo true for a readable file with nothing to learn (no sequence, or no clip on a video
     *                track: audio-only or empty): it is skipped, which is no failure of the conversion
     */
    public record FileFailure(Path path, String sha256, long bytes, String message, boolean noVideo) {
        /** A damaged or unreadable file. */
        public FileFailure(Path path, String sha256, long bytes, String message) {
            this(path, sha256, bytes, message, false);
        }
    }

    /** The files that failed because they are damaged or unreadable (not those without video). */
    public List<FileFailure> damaged() {
        return failures.stream().filter(f -> !f.noVideo()).toList();
    }

    /** The readable files skipped because they hold no video. */
    public List<FileFailure> skipped() {
        return failures.stream().filter(FileFailure::noVideo).toList();
    }

    public long rows() {
        return converted.stream().mapToLong(FileReport::rows).sum();
    }

    public int sequences() {
        return converted.stream().mapToInt(FileReport::sequences).sum();
    }

    /** True when no file was damaged: every file converted, or was skipped for holding no video. */
    public boolean complete() {
        return damaged().isEmpty();
    }
}
