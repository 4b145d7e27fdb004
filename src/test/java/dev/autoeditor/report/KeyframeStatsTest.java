package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data statistics counted by hand on a small table. */
class KeyframeStatsTest {
    @TempDir
    Path tmp;

    @Test
    void cutsShotsAndVisibleTracksPerSplit() throws Exception {
        FramesCsv w = FramesCsv.create(tmp.resolve("k.csv"));
        // train: 10 frames at 5 fps. V1 cuts once (0 -> 1 at frame 5); V2 turns on and off (2 cuts).
        w.sequence("a", "s", 5, 0, "0000011111", "--22------");
        // test: 4 frames, one track, no cut.
        w.sequence("b", "s", 5, 0, "3333");
        // not in any split (a dropped duplicate): counted apart.
        w.sequence("c", "s", 5, 0, "00");
        w.close();
        Map<String, KeyframeStats.Split> stats = KeyframeStats.measure(tmp.resolve("k.csv"), Map.of("a", "train", "b", "test"),
                List.of("train", "val", "test"), "other");
        assertEquals(List.of("train", "val", "test", "other"), List.copyOf(stats.keySet()));

        KeyframeStats.Split train = stats.get("train");
        assertEquals(10, train.frames);
        assertEquals(1, train.sequences);
        assertEquals(2.0, train.seconds, 1e-9);
        assertEquals(3, train.cuts);
        assertEquals(9 * 20, train.trackPositions);
        assertEquals(3 / 180.0, train.cutRatePerTrackFrame(), 1e-12);
        assertEquals(90.0, train.cutsPerMinute(), 1e-9);
        // Shots: V1 source 0 for 5 frames (1.0 s), source 1 for 5 frames (1.0 s); V2 source 2 for 2 frames (0.4 s).
        assertEquals(List.of(0.4, 1.0, 1.0), train.shotSeconds.stream().map(d -> Math.round(d * 1e9) / 1e9).sorted().toList());
        assertEquals(1.0, train.medianShotSeconds(), 1e-9);
        long[] visible = new long[21];
        visible[1] = 8;
        visible[2] = 2;
        assertArrayEquals(visible, train.visibleTracks);
        assertEquals(1.2, train.meanVisibleTracks(), 1e-12);

        assertEquals(0, stats.get("val").frames);
        KeyframeStats.Split test = stats.get("test");
        assertEquals(0, test.cuts);
        assertEquals(List.of(0.8), test.shotSeconds.stream().map(d -> Math.round(d * 1e9) / 1e9).toList());
        assertEquals(2, stats.get("other").frames);
    }
}
