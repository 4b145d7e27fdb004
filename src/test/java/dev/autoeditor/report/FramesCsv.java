package dev.autoeditor.report;

import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.timeline.table.KeyframeCsv;
import dev.autoeditor.timeline.table.RowConsumer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small keyframe CSVs through convert's own writer ({@link KeyframeCsv}) from one string per
 * track: a digit is the source shown at that frame, '-' an inactive track. A source's scale is
 * 100 + 10 x its number; source 2 is cropped 10 % on the left.
 */
final class FramesCsv {
    private final Writer out;
    private final KeyframeCsv csv;

    private FramesCsv(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        csv = new KeyframeCsv(out);
        csv.writeHeader();
    }

    static FramesCsv create(Path file) throws IOException {
        return new FramesCsv(file);
    }

    /** One sequence sampled at {@code fps}, starting at {@code startSeconds}; tracks[0] is V1. */
    FramesCsv sequence(String project, String sequence, double fps, double startSeconds, String... tracks) throws IOException {
        RowConsumer rows = csv.rowsOf(project, sequence);
        int frames = tracks[0].length();
        double[] values = new double[KeyframeColumns.TRACKS * KeyframeColumns.FIELDS_PER_TRACK];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(values, 0);
            for (int k = 0; k < KeyframeColumns.TRACKS; k++) {
                int base = k * KeyframeColumns.FIELDS_PER_TRACK;
                char c = k < tracks.length ? tracks[k].charAt(f) : '-';
                if (c == '-') {
                    values[base + 1] = -1;
                    continue;
                }
                int source = c - '0';
                values[base] = 1;
                values[base + 1] = source;
                values[base + 2] = 100 + 10 * source;
                if (source == 2) values[base + 5] = 10;
            }
            double t = startSeconds + f / fps;
            rows.accept(Math.round(t * 25), t, values);
        }
        return this;
    }

    void close() throws IOException {
        csv.close();
    }

    static Path write(Path file, String project, String sequence, double fps, double startSeconds, String... tracks) throws IOException {
        FramesCsv w = create(file);
        w.sequence(project, sequence, fps, startSeconds, tracks);
        w.close();
        return file;
    }
}
