package dev.autoeditor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.autoeditor.cli.AutoEditor;
import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.cli.ExitCodes;
import dev.autoeditor.testing.RealExports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real Premiere/FCP7 exports (skipped when the folder is absent): convert, preprocess and window
 * them, and check that the window counts and shapes follow from the CSV's frame counts.
 */
class RealExportsWindowTest {
    @Test
    void windowCountsAndShapesMatchTheCsvFrameCounts(@TempDir Path tmp) throws Exception {
        Path real = RealExports.require();
        assumeTrue(AutoEditor.commandLine().getSubcommands().containsKey("convert"), "convert is not in this build yet");
        Path csv = tmp.resolve("real.csv");
        // one frame per second keeps the test quick on a shared machine; the rules do not depend on the rate
        CliRunner.Result conv = CliRunner.run("convert", "-q", "--set", "convert.sample_fps=1", "--input", real.toString(),
                "--output", csv.toString());
        assertTrue(conv.code() == ExitCodes.OK || conv.code() == ExitCodes.PARTIAL, conv.toString());

        CliRunner.Result pre = CliRunner.run("preprocess", "-q", "--input", csv.toString(), "--output", tmp.resolve("pre").toString());
        assertEquals(ExitCodes.OK, pre.code(), pre.toString());
        CliRunner.Result win = CliRunner.run("window", "-q", "--input", tmp.resolve("pre").toString(), "--output", tmp.resolve("win").toString());
        assertEquals(ExitCodes.OK, win.code(), win.toString());

        // rows per sequence, straight from the CSV
        Map<String, Long> rows = new LinkedHashMap<>();
        KeyframeRow row = new KeyframeRow();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            while (reader.next(row)) rows.merge(row.project() + "\u0000" + row.sequence(), 1L, Long::sum);
        }
        SplitsFile splits = SplitsFile.load(tmp.resolve("pre"));
        int length = 100;
        int stride = 50;
        int minFrames = 10;
        long all = 0;
        for (Split split : Split.values()) {
            long expected = 0;
            int kept = 0;
            int dropped = 0;
            for (var e : rows.entrySet()) {
                if (splits.splitOf().get(e.getKey().split("\u0000")[0]) != split) continue;
                long n = e.getValue();
                if (n < minFrames) {
                    dropped++;
                    continue;
                }
                kept++;
                expected += WindowerTest.expectedWindows((int) n, length, stride);
            }
            try (ShardDataset ds = ShardDataset.open(tmp.resolve("win"), split)) {
                assertEquals(expected, ds.size(), split + ": windows");
                assertEquals(length, ds.length());
                assertEquals(kept, ds.index().sequences().size(), split + ": sequences kept");
                assertEquals(dropped, new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(tmp.resolve("win").resolve(split.id()).resolve("index.json").toFile())
                        .path("dropped_short_sequences").asInt(), split + ": short sequences dropped");
                for (ShardIndex.SequenceEntry s : ds.index().sequences()) {
                    assertEquals(rows.get(s.project() + "\u0000" + s.sequence()), s.rows(), s.project() + " / " + s.sequence());
                    assertEquals(WindowerTest.expectedWindows((int) s.rows(), length, stride), s.windows());
                }
                long bytes = 0;
                for (ShardInfo shard : ds.index().shards()) bytes += Files.size(tmp.resolve("win").resolve(split.id()).resolve(shard.file()));
                assertEquals(ds.index().shards().size() * (long) WindowLayout.HEADER_BYTES
                        + ds.size() * (long) new WindowLayout(length, 8).recordBytes(), bytes, "fixed-size records");
                WindowBatch batch = WindowBatch.allocate(1, length);
                for (int w = 0; w < ds.size(); w++) {
                    ds.read(w, batch, 0);
                    int valid = 0;
                    for (int t = 0; t < length; t++) valid += (int) batch.valid()[t];
                    assertEquals(ds.source(w).validFrames(), valid);
                }
            }
            all += expected;
        }
        assertTrue(all > 0, "the real exports yield windows");
    }
}
