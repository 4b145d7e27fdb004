package dev.autoeditor.data;

import java.nio.file.Path;

/**
 * Benchmark entry point: {@code ShardReadBench WINDOWS_DIR BATCH PREFETCH} opens the train split (with
 * checksum verification) and reads one shuffled epoch through a {@link BatchIterator}, printing the
 * time to open and the windows read per second.
 */
public final class ShardReadBench {
    private ShardReadBench() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int batch = Integer.parseInt(args[1]);
        int prefetch = Integer.parseInt(args[2]);
        long t0 = System.nanoTime();
        try (ShardDataset ds = ShardDataset.open(dir, Split.TRAIN)) {
            double open = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            long windows = 0;
            double checksum = 0;
            try (BatchIterator it = new BatchIterator(ds, new BatchIterator.Options(batch, false, true, 42, prefetch),
                    BatchIterator.Position.START)) {
                while (it.hasNext()) {
                    WindowBatch b = it.next();
                    windows += b.size();
                    checksum += b.regression()[0];
                }
            }
            double read = (System.nanoTime() - t1) / 1e9;
            System.out.printf("open+verify %d windows: %.1f s; epoch: %.1f s, %.0f windows/s (batch %d, prefetch %d, checksum %.3f)%n",
                    ds.size(), open, read, windows / read, batch, prefetch, checksum);
        }
    }
}
