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
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FileConversion.class);

    /** Either a report or a failure. */
    record Outcome(FileReport report, FileFailure failure) {}

    private FileConversion() {}

    /** Converts {@code file} into {@code part}, its rows under the project name {@code project}. */
    static Outcome run(ProjectReader reader, Path file, String project, SamplingRate sampling, Path part) {
        String sha = "";
        long bytes = -1;
        try {
            sha = Hashing.sha256(file);
            bytes = Files.size(file);
            List<String> warnings = new ArrayList<>();
            Project read = reader.read(file, warnings::add);
            for (String w : warnings) log.warn("{}", w);
            return new Outcome(write(read, project, file, sha, bytes, sampling, part, warnings), null);
        } catch (IOException | UserException e) {
            deleteQuietly(part);
            return new Outcome(null, new FileFailure(file, sha, bytes, message(file, e)));
        } catch (RuntimeException e) {
            // A bug met on this file: report it like a bad file so the others still convert, but say so.
            log.debug("internal error converting {}", file, e);
            deleteQuietly(part);
            String why = file + ": internal error (" + e + "); please report it with this file (run with -v for the stack trace)";
            return new Outcome(null, new FileFailure(file, sha, bytes, why));
        }
    }

    private static FileReport write(Project project, String name, Path file, String sha, long bytes, SamplingRate sampling,
                                    Path part, List<String> readerWarnings) throws IOException {
        List<String> notes = new ArrayList<>(readerWarnings);
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
                String dropped = table.droppedTracksWarning();
                if (dropped != null) {
                    log.warn("{}: {}", file, dropped);
                    notes.add(dropped);
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
