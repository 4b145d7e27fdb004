package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.table.ConvertResult.FileFailure;
import dev.autoeditor.timeline.table.ConvertResult.FileReport;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Converts one file into a headerless CSV part; a bad file becomes a {@link FileFailure}, not an exception. */
final class FileConversion {
    /** Either a report or a failure. */
    record Outcome(FileReport report, FileFailure failure) {}

    private FileConversion() {}

    static Outcome run(ProjectReader reader, Path file, SamplingRate sampling, Path part) {
        String sha = "";
        long bytes = -1;
        try {
            sha = Hashing.sha256(file);
            bytes = Files.size(file);
            Project project = reader.read(file);
            return new Outcome(write(project, file, sha, bytes, sampling, part), null);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            return new Outcome(null, new FileFailure(file, sha, bytes, message(file, e)));
        }
    }

    private static FileReport write(Project project, Path file, String sha, long bytes, SamplingRate sampling, Path part)
            throws IOException {
        String name = InputFiles.projectName(file);
        List<String> notes = new ArrayList<>();
        long rows = 0;
        int sequences = 0;
        try (BufferedWriter w = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
             KeyframeCsv csv = new KeyframeCsv(w)) {
            for (Sequence s : project.sequences()) {
                KeyframeTable table = KeyframeTable.of(s);
                if (table.lengthFrames() == 0) {
                    notes.add("sequence '" + s.name() + "' has no video clips; skipped");
                    continue;
                }
                if (table.droppedTracks() > 0) {
                    notes.add("sequence '" + s.name() + "' has " + s.tracks().size() + " video tracks; V21 and above dropped");
                }
                rows += table.write(sampling, csv.rowsOf(name, s.name()));
                sequences++;
            }
        }
        if (sequences == 0) {
            String why = project.sequences().isEmpty() ? "it holds no sequence" : "no sequence has a video clip";
            throw new UserException(file + ": no video: " + why + "; export a sequence with video from Premiere");
        }
        return new FileReport(file, name, sha, bytes, sequences, rows, notes, unsupported(project));
    }

    /** Clips (on any video track of a top-level sequence) with effects the table does not carry. */
    static Map<Clip.Unsupported, List<String>> unsupported(Project project) {
        Map<Clip.Unsupported, List<String>> out = new EnumMap<>(Clip.Unsupported.class);
        for (Sequence s : project.sequences()) {
            for (VideoTrack t : s.tracks()) {
                for (TrackItem item : t.items()) {
                    if (!(item instanceof Clip c)) continue;
                    for (Clip.Unsupported u : c.unsupported()) {
                        out.computeIfAbsent(u, k -> new ArrayList<>()).add(s.name() + " / " + c.name() + " (" + c.id() + ")");
                    }
                }
            }
        }
        return out;
    }

    /** The failure's message, prefixed with the file unless it already names it. */
    static String message(Path file, Exception e) {
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) msg = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.NoSuchFileException) msg = "file not found";
        if (e instanceof java.nio.file.AccessDeniedException) msg = "permission denied";
        String name = file.getFileName().toString();
        return msg.contains(name) ? msg : file + ": " + msg;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover part lives in the parts folder, which is removed at the end
        }
    }
}
