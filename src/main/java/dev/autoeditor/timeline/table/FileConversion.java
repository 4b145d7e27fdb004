package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.NoVideoException;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.table.ConvertResult.FileFailure;
import dev.autoeditor.timeline.table.ConvertResult.FileReport;
import dev.autoeditor.util.DiskSpace;
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

    /**
     * A failure of the machine rather than of the file (the disk is full or too small): the whole
     * conversion stops, since every other file would meet it too.
     */
    static final class Abort extends UserException {
        Abort(UserException cause) {
            super(cause.getMessage(), cause.exitCode(), cause.getCause());
        }
    }

    /**
     * Fewest bytes a row takes beyond its project and sequence names: 20 inactive tracks of
     * ",0,-1,0,0,0,0,0,0,0" (19 characters each), two commas, a frame number, a time and a newline.
     * A lower bound, so the free-space check never refuses a table that would fit.
     */
    static final int MIN_ROW_BYTES = 20 * 19 + 6;
    /** Tables at least this many rows long are announced before they are written. */
    static final long ANNOUNCE_ROWS = 1_000_000;

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
        } catch (Abort e) {
            deleteQuietly(part);
            throw e;
        } catch (OutOfMemoryError e) {
            // What this file held is unreachable now, so the others can still convert.
            deleteQuietly(part);
            return new Outcome(null, new FileFailure(file, sha, bytes, outOfMemory(file, bytes)));
        } catch (IOException | UserException e) {
            deleteQuietly(part);
            return new Outcome(null, new FileFailure(file, sha, bytes, message(file, e), e instanceof NoVideoException));
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
        // Lay every sequence out first: the row count, and so the space the part needs, is known
        // before a byte is written.
        List<KeyframeTable> tables = new ArrayList<>();
        long expectedRows = 0;
        double expectedBytes = 0;
        for (Sequence s : project.sequences()) {
            KeyframeTable table = KeyframeTable.of(s);
            if (table.lengthFrames() == 0) {
                notes.add("sequence '" + s.name() + "' has no video clips; skipped");
                continue;
            }
            tables.add(table);
            long n = table.sampler(sampling).count();
            expectedRows += n;
            expectedBytes += (double) n * (MIN_ROW_BYTES + name.length() + s.name().length());
        }
        checkSpace(file, part, expectedRows, expectedBytes, sampling);
        try (BufferedWriter w = open(part); KeyframeCsv csv = new KeyframeCsv(w)) {
            for (KeyframeTable table : tables) {
                String dropped = table.droppedTracksWarning();
                if (dropped != null) {
                    log.warn("{}: {}", file, dropped);
                    notes.add(dropped);
                }
                rows += table.write(sampling, csv.rowsOf(name, table.sequence().name()));
                sequences++;
            }
        } catch (IOException e) {
            if (DiskSpace.isFull(e)) throw new Abort(DiskSpace.full(part, "keyframe rows to", e));
            throw e;
        }
        if (sequences == 0) {
            String why = project.sequences().isEmpty() ? "it holds no sequence" : "no sequence has a video clip";
            throw new NoVideoException(file + ": no video: " + why + "; export a sequence with video from Premiere");
        }
        return new FileReport(file, name, sha, bytes, sequences, rows, notes, unsupported(project));
    }

    private static BufferedWriter open(Path part) throws IOException {
        DiskSpace.checkWrite(part);
        return Files.newBufferedWriter(part, StandardCharsets.UTF_8);
    }

    /**
     * Refuses a table the disk cannot take: the part file and its copy joined into the output lie on
     * the same disk at once, so twice the (lower-bound) size must be free. Big tables are announced
     * first, so a long wait is never a silent one.
     */
    private static void checkSpace(Path file, Path part, long rows, double bytes, SamplingRate sampling) {
        if (rows >= ANNOUNCE_ROWS) {
            log.info("{}: about {} rows to write at {} fps (at least {})", file, rows, sampling, DiskSpace.bytes((long) Math.min(bytes, Long.MAX_VALUE)));
        }
        // Parts lie in a hidden folder beside the output: name the output's folder, which the user chose.
        Path dir = part.toAbsolutePath().getParent().getParent();
        long free = DiskSpace.usable(dir);
        double needed = 2 * bytes;
        if (free < 0 || needed <= free) return;
        throw new Abort(new UserException("not enough disk space: " + file + " makes about " + rows + " rows at " + sampling
                + " fps, at least " + DiskSpace.bytes((long) Math.min(needed, Long.MAX_VALUE)) + " with its part file joined into the output, but "
                + DiskSpace.bytes(free) + " free in " + dir + "; free space there, write --output to a larger disk, or sample fewer"
                + " frames (--fps or convert.sample_fps)"));
    }

    /** The failure of a file that did not fit in memory, with how to give Java more. */
    static String outOfMemory(Path file, long bytes) {
        long max = Runtime.getRuntime().maxMemory();
        // Reading takes about two to three times a file's size; ask for a whole number of GB above both.
        long wanted = Math.max(2 * max, 4 * Math.max(bytes, 0));
        long gb = Math.max(1, (wanted + (1L << 30) - 1) >> 30);
        return file + ": out of memory converting it (" + DiskSpace.bytes(bytes) + " of XML; Java may use at most "
                + DiskSpace.bytes(max) + " here); give Java more memory, e.g. AUTO_EDITOR_JAVA_OPTS=-Xmx" + gb + "g"
                + " (the auto-editor launcher's Java options), or convert one file at a time with --set convert.threads=1";
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
