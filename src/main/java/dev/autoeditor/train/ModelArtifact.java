package dev.autoeditor.train;

import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.model.FrameModel;
import dev.autoeditor.model.ModelKinds;
import dev.autoeditor.model.Network;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A trained model loaded from its two files and nothing else: the network built in code from the
 * checkpoint's kind and architecture with its parameters loaded by name (no optimizer state, no
 * loss), and what it needs to be used on new exports (its {@link DataSpec}: sample rate, windows,
 * asset classes, normaliser; its {@link Calibration}). The one loader of evaluate, a distillation
 * teacher, generate and warm starts (Tribuo's TransformedModel: the model carries its transform).
 *
 * @param json the checkpoint's JSON
 * @param info what it says
 * @param network the network, ready to predict
 */
public record ModelArtifact(Path json, CheckpointInfo info, Network network) {
    /**
     * Loads and checks (SHA-256) the model at {@code path}: a checkpoint's .json, or a folder (its
     * best.json, else last.json).
     */
    public static ModelArtifact load(Path path) {
        if (!Files.exists(path)) {
            throw new UserException("checkpoint " + path + " not found; name a checkpoint's .json or a folder written by a training phase");
        }
        Path json = CheckpointStore.resolve(path, true);
        CheckpointInfo info = CheckpointStore.read(json);
        Network network = ModelKinds.build(info.kind(), info.model(), 0L);
        CheckpointStore.weights(json, info).loadInto(network);
        return new ModelArtifact(json, info, network);
    }

    /**
     * The network as a frame transformer (a policy's frame heads, its value head ignored); fails naming
     * both kinds when it is another kind.
     */
    public TransformerModel frameTransformer() {
        if (network instanceof FrameModel f) return f.frameTransformer();
        throw new UserException("checkpoint " + json + " holds a " + info.kind() + ", not a " + TransformerModel.KIND
                + "; name a checkpoint of a frame-predicting phase (pretrain, distill, finetune, rlhf)");
    }

    public DataSpec data() {
        return info.data();
    }

    public Normaliser normaliser() {
        return info.data().normaliser();
    }

    /** The thresholds and cut rates tuned when training ended; empty for a checkpoint written mid-training. */
    public Optional<Calibration> calibration() {
        return Optional.ofNullable(info.calibration());
    }

    /** Checkpoint file, kind, phase, weights' SHA-256, step, epochs, validation loss and architecture, for reports. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint", json.toAbsolutePath().normalize().toString());
        m.put("name", info.name());
        m.put("kind", info.kind());
        m.put("phase", info.phase());
        m.put("weights_sha256", info.weightsSha256());
        m.put("step", info.step());
        m.put("epochs_done", info.epochsDone());
        m.put("val_loss", Double.isFinite(info.valLoss()) ? info.valLoss() : null);
        m.put("parameters", network.parameterCount());
        m.put("architecture", info.model().toMap());
        return m;
    }
}
