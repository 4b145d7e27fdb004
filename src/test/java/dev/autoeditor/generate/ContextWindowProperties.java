package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.InputWindows;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.timeline.table.KeyframeCsv;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.RowConsumer;
import dev.autoeditor.util.Provenance;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The window the generation loop feeds the model is the window training made of the same frames:
 * frames written as a keyframe CSV and windowed by the training code ({@link InputWindows}, the
 * windower, the shard reader) give the same active flags, relabelled classes, normalised regressions
 * and validity as {@link ContextWindow#fill}; and the window's inverse names each class's asset.
 */
class ContextWindowProperties {
    private static final int K = KeyframeTable.TRACKS;
    private static final int F = KeyframeTable.FIELDS;
    private static final int R = F - 2;

    @Property(tries = 25)
    void theLoopsWindowIsTheTrainingWindow(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int frames,
                                           @ForAll @IntRange(min = 2, max = 9) int classes) throws Exception {
        Random r = new Random(seed);
        List<double[]> rows = randomRows(r, frames, 3 + r.nextInt(10));
        Normaliser normaliser = new Normaliser("standard", new double[] {100, 0.01, -0.02, 1, 2, 0.5, 0}, new double[] {20, 0.1, 0.2, 3, 4, 2, 1},
                new LinkedHashMap<>());
        DataSpec spec = new DataSpec("5", frames + 1, 1, 1, classes, normaliser);
        Path dir = Files.createTempDirectory("ae-window");
        try {
            Path csv = dir.resolve("k.csv");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                KeyframeCsv table = new KeyframeCsv(w);
                table.writeHeader();
                RowConsumer consumer = table.rowsOf("p", "s");
                for (int i = 0; i < rows.size(); i++) consumer.accept(i * 5L, i * 0.2, rows.get(i));
                table.flush();
            }
            InputWindows.write(csv, dir.resolve("w"), spec, 64, Provenance.of("test", 1L, new LinkedHashMap<>(), new LinkedHashMap<>()));
            WindowBatch training = WindowBatch.allocate(1, frames + 1);
            try (ShardDataset data = ShardDataset.open(dir.resolve("w"), false)) {
                data.read(0, training, 0);
            }
            WindowBatch loop = WindowBatch.allocate(1, frames + 1);
            ContextWindow window = ContextWindow.of(rows, rows.size(), frames, classes, normaliser);
            window.fill(loop, 0);
            assertArrayEquals(training.active(), loop.active(), "active");
            assertArrayEquals(training.valid(), loop.valid(), "valid");
            for (int i = 0; i < frames * K; i++) {
                assertEquals(training.active()[i] > 0.5f ? training.assetClass()[i] : -1, loop.assetClass()[i], "class of cell " + i);
            }
            assertArrayEquals(training.regression(), loop.regression(), "normalised regressions");

            // The inverse: a named class decodes to the asset it stands for, an asset to its class.
            for (int c = 0; c < window.named(); c++) assertEquals(c, window.classOf(window.assetOf(c)));
            for (int t = 0; t < frames; t++) {
                for (int k = 0; k < K; k++) {
                    double[] row = rows.get(t);
                    if (row[k * F] != 1) continue;
                    int asset = (int) row[k * F + 1];
                    assertEquals(loop.assetClass()[t * K + k], window.classOf(asset), "frame " + t + " V" + (k + 1));
                    assertTrue(window.contains(asset));
                }
            }
            assertEquals(-1, window.classOf(1000), "an asset the window does not show has no class");
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 50)
    void aShorterWindowKeepsTheLastFrames(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int max) {
        Random r = new Random(seed);
        List<double[]> rows = randomRows(r, 35, 6);
        ContextWindow w = ContextWindow.of(rows, 30, max, 8, Normaliser.identity());
        assertEquals(Math.min(max, 30), w.length());
        assertArrayEquals(rows.get(29), w.lastFrame());
        for (int k = 0; k < K; k++) {
            double[] last = rows.get(29);
            assertEquals(last[k * F] == 1 ? (int) last[k * F + 1] : -1, w.lastAsset(k));
        }
    }

    /** Keyframe-table rows: tracks 1-6 come and go, showing assets of a pool, values on a 3-decimal grid. */
    static List<double[]> randomRows(Random r, int frames, int pool) {
        List<double[]> rows = new ArrayList<>();
        double[] previous = null;
        for (int t = 0; t < frames; t++) {
            double[] row = new double[KeyframeTable.VALUES];
            for (int k = 0; k < K; k++) row[k * F + 1] = -1;
            for (int k = 0; k < 6; k++) {
                boolean keep = previous != null && r.nextInt(5) > 0;
                if (keep) {
                    System.arraycopy(previous, k * F, row, k * F, F);
                    continue;
                }
                if (r.nextInt(3) == 0) continue;
                row[k * F] = 1;
                row[k * F + 1] = r.nextInt(pool);
                for (int f = 0; f < R; f++) row[k * F + 2 + f] = Math.round((f == 0 ? 50 + r.nextDouble() * 100 : r.nextDouble() - 0.5) * 1000) / 1000.0;
            }
            rows.add(row);
            previous = row;
        }
        return rows;
    }
}
