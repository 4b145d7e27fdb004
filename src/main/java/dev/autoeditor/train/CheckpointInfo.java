package dev.autoeditor.train;

import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.util.Provenance;
import java.util.Map;

/**
 * The JSON beside a checkpoint's weights (format 2, docs/checkpoints.md): what the network is, what it
 * needs to be used on its own, where training stood, and where everything came from. A model is
 * self-contained: its two files are all that evaluation, generation, a teacher or a warm start read.
 *
 * @param name          last, best or epoch-NNNN
 * @param kind          the network kind (frame-transformer, reward-model, policy), which builds its graph
 * @param weightsFile   the weights file's name in the same folder (an .npz of parameters and optimizer moments)
 * @param weightsSha256 its SHA-256, checked on load
 * @param model         the architecture the graph is built from
 * @param data          how exports become its input: sample rate, windows, asset classes, normaliser
 * @param phase         the phase that trained it (pretrain, distill, finetune, ...)
 * @param objective     the objective it was trained with (supervised, ...)
 * @param state         where training stood: step, data position, validation losses, listener state
 * @param calibration   cut thresholds and cut rates tuned when training ended; null mid-training
 * @param rng           the seeds that, with the step and epoch, fix every random draw to come
 * @param config        the resolved config of the run (flat keys)
 * @param provenance    program, platform, ND4J backend, seed, settings, inputs and time
 */
public record CheckpointInfo(String name, String kind, String weightsFile, String weightsSha256, ModelConfig model, DataSpec data,
                             String phase, String objective, TrainingState state, Calibration calibration,
                             Map<String, Object> rng, Map<String, Object> config, Provenance provenance) {
    public static final String FORMAT = "auto-editor-checkpoint/2";

    public long step() {
        return state.step();
    }

    public int epochsDone() {
        return state.epochsDone();
    }

    public BatchIterator.Position position() {
        return state.position();
    }

    public double bestValLoss() {
        return state.bestValLoss();
    }

    public double valLoss() {
        return state.valLoss();
    }

    /** A copy naming its weights file (set when it is saved). */
    CheckpointInfo withWeights(String file, String sha256) {
        return new CheckpointInfo(name, kind, file, sha256, model, data, phase, objective, state, calibration, rng, config, provenance);
    }

    /** A copy with the calibration tuned when training ended. */
    CheckpointInfo withCalibration(Calibration c) {
        return new CheckpointInfo(name, kind, weightsFile, weightsSha256, model, data, phase, objective, state, c, rng, config, provenance);
    }
}
