package dev.autoeditor.prefs;

import dev.autoeditor.data.KeyframeCsvReader;
import dev.autoeditor.data.KeyframeRow;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits from a keyframe CSV in the format {@code convert} writes (and {@code generate} writes its
 * continuations in), read with the project's checking reader ({@link KeyframeCsvReader}: header,
 * numbers and row order checked, errors naming file, line and column). The CSV does not state its
 * sampling rate, so the caller gives it (the run's {@code convert.sample_fps}).
 */
public final class EditCsv {
    /** The rows of one sequence of the CSV, with the sequence frame and time of its first row. */
    public record SequenceEdit(String project, String sequence, long firstFrame, double firstTimeS, Edit edit) {}

    private EditCsv() {}

    /** Every sequence of {@code csv}, in file order, at {@code fps} with the given source sizes. */
    public static List<SequenceEdit> read(Path csv, SamplingRate fps, SourceSizes sizes) {
        List<SequenceEdit> out = new ArrayList<>();
        KeyframeRow row = new KeyframeRow();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            String project = null;
            String sequence = null;
            long firstFrame = 0;
            double firstTime = 0;
            List<double[]> rows = new ArrayList<>();
            while (reader.next(row)) {
                if (!row.project().equals(project) || !row.sequence().equals(sequence)) {
                    if (project != null) out.add(new SequenceEdit(project, sequence, firstFrame, firstTime, Edit.of(fps, rows, sizes)));
                    project = row.project();
                    sequence = row.sequence();
                    firstFrame = row.frame();
                    firstTime = row.timeS();
                    rows = new ArrayList<>();
                }
                rows.add(values(row));
            }
            if (project != null) out.add(new SequenceEdit(project, sequence, firstFrame, firstTime, Edit.of(fps, rows, sizes)));
        }
        return out;
    }

    /** The one sequence {@code project}/{@code sequence} of {@code csv}; a UserException naming what the file holds otherwise. */
    public static Edit read(Path csv, SamplingRate fps, String project, String sequence, SourceSizes sizes) {
        List<SequenceEdit> all = read(csv, fps, sizes);
        for (SequenceEdit e : all) if (e.project().equals(project) && e.sequence().equals(sequence)) return e.edit();
        throw new UserException(csv + ": no rows of sequence '" + sequence + "' of project '" + project + "'; it holds "
                + all.stream().map(e -> e.project() + " / " + e.sequence()).toList());
    }

    private static double[] values(KeyframeRow r) {
        double[] v = new double[KeyframeTable.VALUES];
        for (int k = 0; k < KeyframeTable.TRACKS; k++) {
            int base = k * KeyframeTable.FIELDS;
            v[base + KeyframeTable.ACTIVE] = r.active(k) ? 1 : 0;
            v[base + KeyframeTable.ASSET] = r.asset(k);
            for (int f = 0; f < KeyframeRow.REGRESSIONS; f++) v[base + KeyframeTable.SCALE + f] = r.regression(k, f);
        }
        return v;
    }
}
