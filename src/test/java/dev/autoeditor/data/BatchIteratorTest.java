package dev.autoeditor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchIteratorTest {
    @Test
    void shardBatchesWithPrefetchEqualDirectReadsAndTheThreadStops(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(41, 10, 2, 30, 150));
        Config cfg = PreprocessorTest.config("window.shard_windows=5");
        Preprocessor.run(csv, dir.resolve("pre"), cfg);
        Windower.run(dir.resolve("pre"), dir.resolve("win"), cfg);
        try (ShardDataset ds = ShardDataset.open(dir.resolve("win"), Split.TRAIN)) {
            assertTrue(ds.index().shards().size() > 2, "several shards");
            BatchIterator.Options options = BatchIterator.Options.training(cfg);
            assertEquals(8, options.batchSize());
            assertEquals(4, options.prefetch());
            int[] order = BatchIterator.permutation(ds.size(), 42, 1);
            List<WindowBatch> batches = new ArrayList<>();
            BatchIterator it = new BatchIterator(ds, options, new BatchIterator.Position(1, 0));
            while (it.hasNext()) batches.add(it.next());
            it.close();
            assertEquals(it.batchesPerEpoch(), batches.size());
            assertEquals(new BatchIterator.Position(2, 0), it.resumePosition());
            int w = 0;
            for (WindowBatch b : batches) {
                WindowBatch direct = WindowBatch.allocate(b.size(), ds.length());
                for (int r = 0; r < b.size(); r++) ds.read(order[w++], direct, r);
                assertArrayEquals(direct.windowIds(), b.windowIds());
                assertArrayEquals(direct.regression(), b.regression());
                assertArrayEquals(direct.assetClass(), b.assetClass());
                assertArrayEquals(direct.active(), b.active());
                assertArrayEquals(direct.valid(), b.valid());
            }
            assertEquals(ds.size(), w);
        }
    }

    @Test
    void closingMidEpochStopsThePrefetchThread() throws Exception {
        InMemoryWindowDataset data = new InMemoryWindowDataset(500, 4);
        BatchIterator it = new BatchIterator(data, new BatchIterator.Options(3, false, true, 1, 2), BatchIterator.Position.START);
        it.next();
        it.close();
        assertFalse(it.hasNext());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertFalse(t.getName().equals("batch-prefetch") && t.isAlive(), "prefetch thread still running");
        }
    }

    @Test
    void permutationDependsOnSeedAndEpochOnly() {
        assertArrayEquals(BatchIterator.permutation(100, 42, 3), BatchIterator.permutation(100, 42, 3));
        assertFalse(Arrays.equals(BatchIterator.permutation(100, 42, 3), BatchIterator.permutation(100, 42, 4)));
        assertFalse(Arrays.equals(BatchIterator.permutation(100, 42, 3), BatchIterator.permutation(100, 43, 3)));
        int[] sorted = BatchIterator.permutation(100, 42, 3).clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) assertEquals(i, sorted[i]);
    }

    @Test
    void dropLastDropsOnlyAShortFinalBatch() {
        InMemoryWindowDataset data = new InMemoryWindowDataset(10, 2);
        try (BatchIterator keep = new BatchIterator(data, new BatchIterator.Options(4, false, false, 0, 0), BatchIterator.Position.START);
             BatchIterator drop = new BatchIterator(data, new BatchIterator.Options(4, true, false, 0, 0), BatchIterator.Position.START)) {
            assertEquals(3, keep.batchesPerEpoch());
            assertEquals(2, drop.batchesPerEpoch());
            keep.next();
            keep.next();
            WindowBatch last = keep.next();
            assertEquals(2, last.size());
            assertArrayEquals(new long[] {8, 9}, last.windowIds());
        }
        assertNotEquals(0, BatchIterator.batchesPerEpoch(8, 4, true));
        assertThrows(IllegalArgumentException.class,
                () -> new BatchIterator(data, new BatchIterator.Options(4, false, false, 0, 0), new BatchIterator.Position(0, 4)));
    }

    @Test
    void aFailingReadSurfacesInTheConsumer() {
        WindowDataset broken = new InMemoryWindowDataset(20, 2) {
            @Override
            public void read(int index, WindowBatch batch, int row) {
                if (index == 13) throw new IllegalStateException("disk gone at 13");
                super.read(index, batch, row);
            }
        };
        try (BatchIterator it = new BatchIterator(broken, new BatchIterator.Options(5, false, false, 0, 2), BatchIterator.Position.START)) {
            it.next();
            it.next();
            IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
            assertEquals("disk gone at 13", e.getMessage());
        }
    }
}
