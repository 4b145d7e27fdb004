package dev.autoeditor.data;

import dev.autoeditor.util.Progress;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Windows of exports a model has never seen, made exactly as its training windows were (its
 * {@link DataSpec}: normaliser, window length and stride, shortest sequence, asset classes), with no
 * splitting: every sequence of the keyframe CSV goes into one folder of shards, readable as a
 * {@link ShardDataset}. Used by {@code evaluate --input} and, later, {@code generate}.
 */
public final class InputWindows {
    /** The split name written into index.json. */
    public static final String SPLIT = "input";

    private InputWindows() {}

    /** What was written. */
    public record Result(Path dir, long windows, int sequences, int droppedShort) {}

    /** Windows every sequence of {@code csv} into {@code dir} (a new or empty folder). */
    public static Result write(Path csv, Path dir, DataSpec spec, int shardWindows, Provenance provenance) {
        WindowLayout layout = new WindowLayout(spec.windowLength(), spec.assetClasses());
        List<ShardIndex.SequenceEntry> sequences = new ArrayList<>();
        int[] dropped = {0};
        try (ShardWriter writer = new ShardWriter(dir, layout, shardWindows);
             KeyframeCsvReader reader = new KeyframeCsvReader(csv);
             Progress progress = Progress.start("window", -1, "rows")) {
            SequenceWindower windower = new SequenceWindower(layout, spec.windowStride(), spec.minSequenceFrames(),
                    spec.normaliser(), writer::write);
            KeyframeRow row = new KeyframeRow();
            String project = null;
            String sequence = null;
            long firstWindow = 0;
            while (reader.next(row)) {
                if ((reader.rows() & 4095) == 0) progress.step(4096);
                if (!row.project.equals(project) || !row.sequence.equals(sequence)) {
                    if (project != null) finish(windower, sequences, dropped, project, sequence, firstWindow);
                    project = row.project;
                    sequence = row.sequence;
                    firstWindow = writer.count();
                    windower.begin(sequences.size());
                }
                windower.add(row);
            }
            if (project != null) finish(windower, sequences, dropped, project, sequence, firstWindow);
            List<ShardInfo> shards = writer.finish();
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("csv", csv.toAbsolutePath().normalize().toString());
            source.put("csv_sha256", reader.sha256());
            source.put("sample_fps", spec.sampleFps());
            new ShardIndex(SPLIT, layout, writer.count(), shards, sequences, source).write(dir, dropped[0], provenance.toMap());
            return new Result(dir, writer.count(), sequences.size(), dropped[0]);
        } catch (IOException | UncheckedIOException e) {
            throw new UserException("cannot write windows in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void finish(SequenceWindower windower, List<ShardIndex.SequenceEntry> list, int[] dropped, String project,
                               String sequence, long firstWindow) {
        int n = windower.finish();
        if (n < 0) {
            dropped[0]++;
            return;
        }
        list.add(new ShardIndex.SequenceEntry(list.size(), project, sequence, windower.rowsOfSequence(), firstWindow, n));
    }
}
