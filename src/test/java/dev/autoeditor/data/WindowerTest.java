package dev.autoeditor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.UserException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowerTest {
    /** Windows a sequence of n rows yields: starts 0, stride, ... until one reaches the end. */
    static int expectedWindows(int n, int length, int stride) {
        return n <= length ? 1 : 1 + (n - length + stride - 1) / stride;
    }

    /** Rows per (project, sequence) counted straight from the file's lines, in file order. */
    static Map<String, List<String[]>> rowsBySequence(Path csv) throws Exception {
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            rows.computeIfAbsent(f[0] + "/" + f[1], k -> new ArrayList<>()).add(f);
        }
        return rows;
    }

    @Test
    void windowsMatchTheCsvFrameCountsAndValues(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(21, 10, 3, 4, 90));
        Config cfg = PreprocessorTest.config();
        Preprocessor.run(csv, dir.resolve("pre"), cfg);
        WindowResult result = Windower.run(dir.resolve("pre"), dir.resolve("win"), cfg);
        SplitsFile splits = SplitsFile.load(dir.resolve("pre"));
        Normaliser norm = Normaliser.load(dir.resolve("pre/normaliser.json"));
        Map<String, List<String[]>> bySequence = rowsBySequence(csv);
        int length = 32;
        int stride = 16;

        for (Split split : Split.values()) {
            long expected = 0;
            int dropped = 0;
            Map<String, Integer> expectedPerSequence = new LinkedHashMap<>();
            for (var e : bySequence.entrySet()) {
                if (splits.splitOf().get(e.getKey().split("/")[0]) != split) continue;
                int n = e.getValue().size();
                if (n < 10) {
                    dropped++;
                    continue;
                }
                expectedPerSequence.put(e.getKey(), expectedWindows(n, length, stride));
                expected += expectedWindows(n, length, stride);
            }
            assertEquals(expected, result.windows().get(split), split + " windows");
            assertEquals(dropped, result.droppedShort().get(split), split + " dropped");
            try (ShardDataset ds = ShardDataset.open(dir.resolve("win"), split)) {
                assertEquals(expected, ds.size());
                assertEquals(length, ds.length());
                assertEquals(8, ds.assetClasses());
                Map<String, Integer> seen = new LinkedHashMap<>();
                for (ShardIndex.SequenceEntry s : ds.index().sequences()) {
                    seen.put(s.project() + "/" + s.sequence(), s.windows());
                    assertEquals(bySequence.get(s.project() + "/" + s.sequence()).size(), s.rows());
                }
                assertEquals(expectedPerSequence, seen);
                if (ds.size() > 0) assertEquals(ds.index().shards().size(), (ds.size() + 63) / 64, "64 windows per shard");
                WindowBatch batch = WindowBatch.allocate(1, length);
                for (int w = 0; w < ds.size(); w++) {
                    ds.read(w, batch, 0);
                    WindowSource src = ds.source(w);
                    List<String[]> rows = bySequence.get(src.project() + "/" + src.sequence());
                    assertEquals(Long.parseLong(rows.get(src.startRow())[2]), src.startFrame());
                    assertEquals(Math.min(length, rows.size() - src.startRow()), src.validFrames());
                    Map<String, Integer> classOf = new HashMap<>();
                    for (int t = 0; t < length; t++) {
                        boolean real = t < src.validFrames();
                        assertEquals(real ? 1f : 0f, batch.valid()[t]);
                        for (int k = 0; k < 20; k++) {
                            int cell = t * 20 + k;
                            String[] row = real ? rows.get(src.startRow() + t) : null;
                            boolean active = real && row[4 + k * 9].equals("1");
                            assertEquals(active ? 1f : 0f, batch.active()[cell]);
                            if (!active) {
                                assertEquals(-1, batch.assetClass()[cell]);
                                for (int f = 0; f < 7; f++) assertEquals(0f, batch.regression()[cell * 7 + f]);
                                continue;
                            }
                            // first-appearance relabelling, consistent within the window (under the cap here)
                            Integer c = classOf.putIfAbsent(row[5 + k * 9], classOf.size());
                            int expectedClass = c == null ? classOf.size() - 1 : c;
                            assertEquals(Math.min(expectedClass, 7), batch.assetClass()[cell]);
                            for (int f = 0; f < 7; f++) {
                                double raw = Double.parseDouble(row[6 + k * 9 + f]);
                                assertEquals(raw, norm.denormalise(f, batch.regression()[cell * 7 + f]), 1e-5 * (1 + Math.abs(raw)));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void sameInputsSameShardBytes(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(22, 8, 2, 10, 120));
        Config cfg = PreprocessorTest.config();
        Preprocessor.run(csv, dir.resolve("pre"), cfg);
        Windower.run(dir.resolve("pre"), dir.resolve("a"), cfg);
        Windower.run(dir.resolve("pre"), dir.resolve("b"), cfg);
        for (Split s : Split.values()) {
            ShardIndex a = ShardIndex.load(dir.resolve("a").resolve(s.id()));
            ShardIndex b = ShardIndex.load(dir.resolve("b").resolve(s.id()));
            assertEquals(a.shards(), b.shards());
            for (ShardInfo shard : a.shards()) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(s.id()).resolve(shard.file())),
                        Files.readAllBytes(dir.resolve("b").resolve(s.id()).resolve(shard.file())));
            }
        }
    }

    @Test
    void aChangedCsvIsDetectedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(23, 6, 1, 20, 40));
        Config cfg = PreprocessorTest.config();
        Preprocessor.run(csv, dir.resolve("pre"), cfg);
        // same size, one value changed: only the hash can tell
        byte[] bytes = Files.readAllBytes(csv);
        int at = bytes.length - 3;
        while (bytes[at] != '0') at--;
        bytes[at] = '1';
        Files.write(csv, bytes);
        UserException e = assertThrows(UserException.class, () -> Windower.run(dir.resolve("pre"), dir.resolve("win"), cfg));
        assertTrue(e.getMessage().contains("changed since preprocess") && e.getMessage().contains(csv.toString()), e.getMessage());
        assertFalse(Files.exists(dir.resolve("win/train")), "no output from a changed CSV");
        assertFalse(Files.exists(dir.resolve("win/.windows.tmp")), "temporary output removed");
    }

    @Test
    void aDamagedShardIsNamedOnOpen(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(24, 8, 2, 40, 80));
        Config cfg = PreprocessorTest.config();
        Preprocessor.run(csv, dir.resolve("pre"), cfg);
        Windower.run(dir.resolve("pre"), dir.resolve("win"), cfg);
        Path shard = dir.resolve("win/train/shard-00000.bin");
        try (RandomAccessFile f = new RandomAccessFile(shard.toFile(), "rw")) {
            f.seek(f.length() - 1);
            int b = f.read();
            f.seek(f.length() - 1);
            f.write(b ^ 0x40);
        }
        UserException e = assertThrows(UserException.class, () -> ShardDataset.open(dir.resolve("win"), Split.TRAIN));
        assertTrue(e.getMessage().contains("shard-00000.bin") && e.getMessage().contains("checksum"), e.getMessage());
        Files.write(shard, new byte[10]);
        e = assertThrows(UserException.class, () -> ShardDataset.open(dir.resolve("win/train"), false));
        assertTrue(e.getMessage().contains("shard-00000.bin"), e.getMessage());
    }

    @Test
    void strideLongerThanTheWindowIsRejected(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(25, 4, 1, 20, 40));
        Preprocessor.run(csv, dir.resolve("pre"), PreprocessorTest.config());
        Exception e = assertThrows(RuntimeException.class,
                () -> Windower.run(dir.resolve("pre"), dir.resolve("win"), PreprocessorTest.config("window.stride=40")));
        assertTrue(e.getMessage().contains("window.stride"), e.getMessage());
    }
}
