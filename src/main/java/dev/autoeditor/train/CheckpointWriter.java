package dev.autoeditor.train;

import dev.autoeditor.data.DataSpec;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.Network;
import dev.autoeditor.util.Provenance;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which checkpoints to write and fills in what every one carries beside the training state:
 * the network's kind and architecture, its data spec (normaliser included), the phase and objective,
 * the seeds, the resolved config and provenance. End of every epoch: last; best when validation
 * improved; epoch-NNNN every {@code train.checkpoint_every} epochs, keeping {@code train.keep_last}.
 */
public final class CheckpointWriter {
    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);

    /**
     * What every checkpoint of a run says besides its training state.
     *
     * @param kind       the network kind
     * @param model      its architecture
     * @param data       how its input was made
     * @param phase      the phase training it
     * @param objective  the objective's name
     * @param rng        the seeds of the random draws to come
     * @param config     the resolved config
     * @param provenance where the run came from
     */
    public record Header(String kind, ModelConfig model, DataSpec data, String phase, String objective, Map<String, Object> rng,
                         Map<String, Object> config, Provenance provenance) {}

    private final CheckpointStore store;
    private final Optimizer optimizer;
    private final Header header;
    private final int checkpointEvery;
    private final int keepLast;

    /** @param optimizer whose moments every checkpoint stores, for an exact resume */
    public CheckpointWriter(CheckpointStore store, Optimizer optimizer, Header header, int checkpointEvery, int keepLast) {
        this.store = store;
        this.optimizer = optimizer;
        this.header = header;
        this.checkpointEvery = checkpointEvery;
        this.keepLast = keepLast;
    }

    public CheckpointStore store() {
        return store;
    }

    /** Writes checkpoint {@code name} of {@code model} in training state {@code state}. */
    public void save(Network model, String name, TrainingState state) {
        store.save(model, optimizer, new CheckpointInfo(name, header.kind(), null, null, header.model(), header.data(), header.phase(),
                header.objective(), state, null, header.rng(), header.config(), header.provenance()));
        log.debug("checkpoint {} written at step {}", name, state.step());
    }

    /** Checkpoints after an epoch has finished ({@code state.position()} is the next epoch's start). */
    public void endOfEpoch(Network model, TrainingState state, boolean improved) {
        save(model, CheckpointStore.LAST, state);
        if (improved) save(model, CheckpointStore.BEST, state);
        if (state.epochsDone() % checkpointEvery == 0) {
            save(model, String.format("epoch-%04d", state.epochsDone()), state);
            store.prunePeriodic(keepLast);
        }
    }
}
