package dev.autoeditor.train;

import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.model.TransformerModel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which checkpoints to write and fills in what every one carries: the resolved config, the
 * seeds, the normaliser reference and provenance. End of every epoch: last; best when validation
 * improved; epoch-NNNN every {@code train.checkpoint_every} epochs, keeping {@code train.keep_last}.
 */
public final class CheckpointWriter {
    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);
    private final CheckpointStore store;
    private final TrainSettings settings;
    private final Map<String, Object> config;
    private final Map<String, Object> normaliser;
    private final Map<String, Object> provenance;
    private final int batchesPerEpoch;

    public CheckpointWriter(CheckpointStore store, TrainSettings settings, Map<String, Object> config,
                            Map<String, Object> normaliser, Map<String, Object> provenance, int batchesPerEpoch) {
        this.store = store;
        this.settings = settings;
        this.config = config;
        this.normaliser = normaliser;
        this.provenance = provenance;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    public CheckpointStore store() {
        return store;
    }

    /** Writes one checkpoint at {@code position} (the next batch to train on). */
    public void save(TransformerModel model, String name, int epoch, long step, BatchIterator.Position position,
                     double best, int epochsWithoutImprovement, double valLoss) {
        int epochsDone = position.batch() == 0 ? position.epoch() : epoch;
        store.save(model, new CheckpointInfo(name, null, null, epochsDone, step, position, model.config(), best,
                epochsWithoutImprovement, valLoss, rng(), config, normaliser, provenance));
        log.debug("checkpoint {} written at step {}", name, step);
    }

    /** Checkpoints after epoch {@code epoch} (0-based) has finished. */
    public void endOfEpoch(TransformerModel model, int epoch, long step, double best, int epochsWithoutImprovement,
                           double valLoss, boolean improved) {
        var next = new BatchIterator.Position(epoch + 1, 0);
        save(model, CheckpointStore.LAST, epoch, step, next, best, epochsWithoutImprovement, valLoss);
        if (improved) save(model, CheckpointStore.BEST, epoch, step, next, best, epochsWithoutImprovement, valLoss);
        if ((epoch + 1) % settings.checkpointEvery() == 0) {
            save(model, String.format("epoch-%04d", epoch + 1), epoch, step, next, best, epochsWithoutImprovement, valLoss);
            store.prunePeriodic(settings.keepLast());
        }
    }

    /** The seeds every remaining random draw derives from (with the step for dropout, the epoch for shuffling). */
    private Map<String, Object> rng() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", settings.seed());
        m.put("dropout_seed", settings.seedFor("dropout"));
        m.put("dropout_stream", "SplittableRandom(Seeds.indexed(dropout_seed, step))");
        m.put("shuffle", "BatchIterator.permutation(size, seed, epoch)");
        m.put("batches_per_epoch", batchesPerEpoch);
        return m;
    }
}
