package dev.autoeditor.data;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.OrderedMaps;
import dev.autoeditor.util.Seeds;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The batches of one epoch of a {@link WindowDataset}, from a saved {@link Position} on.
 *
 * <p>Order: with shuffling, epoch e visits the windows in the permutation {@link #permutation} draws
 * from the seed and e alone (Fisher-Yates with a SplittableRandom seeded from both), so it is the same
 * in every run, resumed or not; without shuffling, in index order. Batches are consecutive slices of
 * that order; the last, smaller one is kept unless {@code dropLast}.
 *
 * <p>Resume: {@link #position()} is the (epoch, batch) of the next batch {@link #next()} will return.
 * Save it with a checkpoint; an iterator opened at that position yields exactly the batches the
 * uninterrupted run would have yielded next. Iterate epochs by opening one iterator per epoch:
 * {@code new BatchIterator(data, options, new Position(e, 0))}.
 *
 * <p>Prefetch: with {@code prefetch > 0} a daemon thread assembles up to that many batches ahead;
 * {@link #close()} stops it and waits for it. Each returned batch is a fresh object the caller owns.
 */
public final class BatchIterator implements Iterator<WindowBatch>, AutoCloseable {
    /** Where an iteration stands: the epoch and the index of the next batch in it. */
    public record Position(int epoch, int batch) {
        public static final Position START = new Position(0, 0);

        public Position {
            if (epoch < 0 || batch < 0) throw new IllegalArgumentException("position must not be negative: " + epoch + ", " + batch);
        }

        /** For a checkpoint's JSON. */
        public Map<String, Object> toMap() {
            return OrderedMaps.of("epoch", epoch, "batch", batch);
        }

        public static Position fromMap(Map<String, ?> map) {
            return new Position(((Number) map.get("epoch")).intValue(), ((Number) map.get("batch")).intValue());
        }
    }

    /**
     * @param batchSize windows per batch
     * @param dropLast  drop the epoch's last batch when it is smaller than batchSize
     * @param shuffle   permute the windows each epoch (train) or keep index order (val, test)
     * @param seed      the master seed
     * @param prefetch  batches prepared ahead by a background thread; 0 = none (read on demand)
     */
    public record Options(int batchSize, boolean dropLast, boolean shuffle, long seed, int prefetch) {
        public Options {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive");
            if (prefetch < 0) throw new IllegalArgumentException("prefetch must not be negative");
        }

        /** Training options from the settings: train.batch_size, train.drop_last_batch, seed, train.prefetch. */
        public static Options training(Config cfg) {
            return new Options(cfg.getInt("train.batch_size", 1, 1 << 20), cfg.getBoolean("train.drop_last_batch"), true,
                    cfg.getLong("seed"), cfg.getInt("train.prefetch", 0, 1024));
        }

        /** Evaluation options: the same batch size, index order, every window kept. */
        public static Options evaluation(Config cfg) {
            return new Options(cfg.getInt("train.batch_size", 1, 1 << 20), false, false, cfg.getLong("seed"),
                    cfg.getInt("train.prefetch", 0, 1024));
        }
    }

    private static final Object END = new Object();

    private final WindowDataset data;
    private final Options options;
    private final int epoch;
    private final int[] order;
    private final int batches;
    private int nextBatch;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile boolean closed;

    public BatchIterator(WindowDataset data, Options options, Position start) {
        this.data = data;
        this.options = options;
        this.epoch = start.epoch();
        this.order = options.shuffle() ? permutation(data.size(), options.seed(), epoch) : identity(data.size());
        this.batches = batchesPerEpoch(data.size(), options.batchSize(), options.dropLast());
        if (start.batch() > batches) {
            throw new IllegalArgumentException("position " + start + " lies past the " + batches + " batches of an epoch");
        }
        this.nextBatch = start.batch();
        if (options.prefetch() > 0 && nextBatch < batches) {
            this.queue = new ArrayBlockingQueue<>(options.prefetch());
            this.worker = new Thread(this::produce, "batch-prefetch");
            this.worker.setDaemon(true);
            this.worker.start();
        } else {
            this.queue = null;
            this.worker = null;
        }
    }

    /** Batches in one epoch. */
    public static int batchesPerEpoch(int windows, int batchSize, boolean dropLast) {
        return dropLast ? windows / batchSize : (windows + batchSize - 1) / batchSize;
    }

    public int batchesPerEpoch() {
        return batches;
    }

    /** The order epoch {@code epoch} visits {@code size} windows in: a function of seed and epoch only. */
    public static int[] permutation(int size, long seed, int epoch) {
        int[] p = identity(size);
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, "data.shuffle", epoch));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] identity(int size) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) p[i] = i;
        return p;
    }

    /** The position of the next batch; after the last batch of the epoch, (epoch, batchesPerEpoch). */
    public Position position() {
        return new Position(epoch, nextBatch);
    }

    /** The position to resume from after this epoch's batches are done: the start of the next epoch. */
    public Position resumePosition() {
        return nextBatch >= batches ? new Position(epoch + 1, 0) : position();
    }

    @Override
    public boolean hasNext() {
        return !closed && nextBatch < batches;
    }

    @Override
    public WindowBatch next() {
        if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
        WindowBatch batch;
        if (queue == null) {
            batch = assemble(nextBatch);
        } else {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
            if (item instanceof RuntimeException e) throw e;
            if (item instanceof Error e) throw e;
            if (item == END) throw new IllegalStateException("batch prefetch ended early");
            batch = (WindowBatch) item;
        }
        nextBatch++;
        return batch;
    }

    private WindowBatch assemble(int b) {
        int from = b * options.batchSize();
        int n = Math.min(options.batchSize(), order.length - from);
        WindowBatch batch = WindowBatch.allocate(n, data.length());
        for (int r = 0; r < n; r++) data.read(order[from + r], batch, r);
        return batch;
    }

    private void produce() {
        try {
            for (int b = nextBatch; b < batches && !closed; b++) queue.put(assemble(b));
            if (!closed) queue.put(END);
        } catch (InterruptedException e) {
            // close() interrupts a worker blocked on a full queue: stop quietly
        } catch (RuntimeException | Error e) {
            try {
                if (!closed) queue.put(e); // the consumer takes it after the batches before it
            } catch (InterruptedException stop) {
                // closed meanwhile: nobody is waiting
            }
        }
    }

    /** Stops the prefetch thread and waits for it to end. */
    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.clear();
        }
    }
}
