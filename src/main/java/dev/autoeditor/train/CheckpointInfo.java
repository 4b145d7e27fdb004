package dev.autoeditor.train;

import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.model.ModelConfig;
import java.util.Map;

/**
 * The JSON beside a checkpoint's weights: where training stood and where everything came from.
 *
 * @param name              last, best or epoch-NNNN
 * @param weightsFile       the weights file's name in the same folder (graph, weights and Adam state)
 * @param weightsSha256     its SHA-256, checked on load
 * @param epochsDone        completed epochs
 * @param step              optimisation steps done
 * @param position          the data iterator's position of the next batch
 * @param model             the architecture
 * @param bestValLoss       the best validation loss so far
 * @param epochsWithoutImprovement early-stopping counter
 * @param valLoss           validation loss at this checkpoint (NaN mid-epoch)
 * @param rng               the seeds that, with the step and epoch, fix every random draw to come
 * @param config            the resolved config of the run (flat keys)
 * @param normaliser        the normaliser the windows were made with (path, SHA-256)
 * @param provenance        seed, input hashes, program version and time
 */
public record CheckpointInfo(String name, String weightsFile, String weightsSha256, int epochsDone, long step,
                             BatchIterator.Position position, ModelConfig model, double bestValLoss,
                             int epochsWithoutImprovement, double valLoss, Map<String, Object> rng,
                             Map<String, Object> config, Map<String, Object> normaliser, Map<String, Object> provenance) {
    public static final String FORMAT = "auto-editor-checkpoint/1";
}
