package dev.autoeditor.prefs;

import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Premiere XML exports as keyframe frames, the way {@code convert} makes them ({@link XmemlReader},
 * then {@link KeyframeTable} at a sampling rate), read once per file however many import rows name
 * it. A file that fails to read fails every row naming it with the reader's message.
 */
final class ExportFrames {
    /** One export file: its project and SHA-256, or why it cannot be read. */
    record Export(Path file, String name, Project project, String sha256, String failure) {}

    /** A sequence's frames at the sampling rate: row times in seconds, the rows, and its source numbering. */
    record Frames(Sequence sequence, SamplingRate fps, double[] times, Edit edit, SourceNumbering numbering) {
        /** The first row at or after {@code seconds} (rows.length when none). */
        int rowAt(double seconds) {
            int i = Arrays.binarySearch(times, seconds - 1e-9);
            return i >= 0 ? i : -i - 1;
        }
    }

    private final XmemlReader reader = new XmemlReader();
    private final SamplingRate sampling;
    private final Map<Path, Export> exports = new HashMap<>();
    private final Map<String, Frames> frames = new HashMap<>();

    ExportFrames(SamplingRate sampling) {
        this.sampling = sampling;
    }

    Export export(Path file) {
        Path key = file.toAbsolutePath().normalize();
        return exports.computeIfAbsent(key, f -> {
            String name = XmemlReader.projectName(f);
            try {
                String sha = Hashing.sha256(f);
                return new Export(file, name, reader.read(f), sha, null);
            } catch (NoSuchFileException e) {
                return new Export(file, name, null, null, file + ": file not found");
            } catch (IOException e) {
                return new Export(file, name, null, null, file + ": cannot read the file (" + e.getMessage() + ")");
            } catch (UserException e) {
                return new Export(file, name, null, null, e.getMessage());
            }
        });
    }

    /** The sampled frames of one sequence of a read export. */
    Frames frames(Export export, Sequence sequence) {
        String key = export.file().toAbsolutePath().normalize() + "\u0000" + sequence.id() + "\u0000" + sequence.name();
        return frames.computeIfAbsent(key, k -> sample(sequence));
    }

    private Frames sample(Sequence sequence) {
        Rate rate = sequence.rate();
        // 'native', or a rate at or above the sequence's, takes every frame: the pair states the
        // sequence's own rate then, as a number.
        boolean everyFrame = sampling.isNative()
                || Math.multiplyExact(sampling.numerator(), rate.fpsDenominator()) >= Math.multiplyExact(rate.fpsNumerator(), sampling.denominator());
        SamplingRate fps = everyFrame ? new SamplingRate(rate.fpsNumerator(), rate.fpsDenominator()) : sampling;
        KeyframeTable table = KeyframeTable.of(sequence);
        List<double[]> rows = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        try {
            table.write(sampling, (frame, t, values) -> {
                rows.add(trim(values));
                times.add(t);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // collecting into lists does no I/O
        }
        double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
        return new Frames(sequence, fps, t, Edit.of(fps, rows, SourceSizes.UNKNOWN), SourceNumbering.of(sequence));
    }

    /** The row up to its highest active track, so long sequences are not held 180 numbers a row. */
    private static double[] trim(double[] values) {
        int last = -1;
        for (int k = 0; k < KeyframeTable.TRACKS; k++) if (values[k * KeyframeTable.FIELDS + KeyframeTable.ACTIVE] == 1) last = k;
        return Arrays.copyOf(values, (last + 1) * KeyframeTable.FIELDS);
    }
}
