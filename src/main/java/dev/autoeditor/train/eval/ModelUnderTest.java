package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.CheckpointInfo;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model loaded from a checkpoint for evaluation, with what the report says about it. A
 * folder means its best checkpoint (best.json), or its last one when no best was written. After each
 * batch it asks the Java GC to run, which is what frees ND4J's off-heap arrays of that forward pass
 * (they would otherwise pile up over a long evaluation, see docs/dl4j-notes.md).
 */
public final class ModelUnderTest implements FramePredictor {
    private final TransformerModel model;
    private final CheckpointInfo info;
    private final Path json;

    private ModelUnderTest(TransformerModel model, CheckpointInfo info, Path json) {
        this.model = model;
        this.info = info;
        this.json = json;
    }

    /** Loads and checks (SHA-256) the checkpoint at {@code path}: a checkpoint's .json or a checkpoint folder. */
    public static ModelUnderTest load(Path path) {
        Path json = path;
        if (Files.isDirectory(path)) {
            json = path.resolve(CheckpointStore.BEST + ".json");
            if (!Files.isRegularFile(json)) json = path.resolve(CheckpointStore.LAST + ".json");
        } else if (!Files.exists(path)) {
            throw new UserException("checkpoint " + path + " not found; pass --model with a checkpoint's .json or a folder "
                    + "written by `auto-editor pretrain`");
        }
        CheckpointInfo info = CheckpointStore.read(json);
        return new ModelUnderTest(CheckpointStore.loadModel(json, info), info, json);
    }

    @Override
    public Predictions predict(WindowBatch batch) {
        Predictions p = model.predict(batch);
        System.gc();
        return p;
    }

    @Override
    public String name() {
        return "model";
    }

    public CheckpointInfo info() {
        return info;
    }

    /** Checkpoint file, its weights' SHA-256, step, epochs, validation loss and architecture, for the report. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint", json.toAbsolutePath().normalize().toString());
        m.put("name", info.name());
        m.put("weights_sha256", info.weightsSha256());
        m.put("step", info.step());
        m.put("epochs_done", info.epochsDone());
        m.put("val_loss", Double.isFinite(info.valLoss()) ? info.valLoss() : null);
        m.put("parameters", model.parameterCount());
        m.put("architecture", info.model().toMap());
        return m;
    }
}
