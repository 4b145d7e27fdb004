package dev.autoeditor.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where preprocess gets its normaliser: fitted on the training split ({@code preprocess.normaliser:
 * fit}), or read from a trained model's checkpoint ({@code from_model}, with
 * {@code preprocess.normaliser_model} naming the checkpoint's .json). Only the checkpoint's JSON is
 * read: a format-2 checkpoint holds its normaliser by value.
 *
 * @param checkpoint the checkpoint JSON (from_model), or null (fit)
 * @param normaliser the model's normaliser (from_model), or null (fit)
 * @param weightsSha256 the checkpoint's weights_sha256 (from_model): it names the model; a hash of the JSON
 *                      would not, as the JSON also holds when and how long the training ran
 */
record NormaliserSource(Path checkpoint, Normaliser normaliser, String weightsSha256) {
    /** The checkpoint format that carries a normaliser (train.CheckpointInfo.FORMAT; data cannot depend on train). */
    static final String CHECKPOINT_FORMAT = "auto-editor-checkpoint/2";

    static NormaliserSource from(Config cfg) {
        if (!fromModel(cfg)) return new NormaliserSource(null, null, null);
        Path json = Path.of(cfg.getString("preprocess.normaliser_model"));
        if (Files.isDirectory(json)) json = json.resolve(Files.isRegularFile(json.resolve("best.json")) ? "best.json" : "last.json");
        return read(json);
    }

    /**
     * Whether the settings ask for a model's normaliser (from_model) rather than a fitted one, after
     * checking them; reads no file.
     */
    static boolean fromModel(Config cfg) {
        String mode = cfg.getString("preprocess.normaliser");
        if (mode.equals("standard") || mode.equals("robust")) {
            throw new ConfigException("config key 'preprocess.normaliser' is '" + mode + "'; it now says where the normaliser comes "
                    + "from (fit or from_model) and the fitting method moved to 'preprocess.normaliser_method': set "
                    + "preprocess.normaliser=fit and preprocess.normaliser_method=" + mode);
        }
        if (cfg.getChoice("preprocess.normaliser", "fit", "from_model").equals("fit")) return false;
        if (cfg.getString("preprocess.normaliser_model").isBlank()) {
            throw new ConfigException("config key 'preprocess.normaliser' is from_model but 'preprocess.normaliser_model' is empty; "
                    + "set it to a trained model's checkpoint .json (e.g. checkpoints/pretrain/best.json)");
        }
        return true;
    }

    /** Reads the normaliser held by checkpoint {@code json}. */
    static NormaliserSource read(Path json) {
        if (!Files.isRegularFile(json)) {
            throw new UserException("preprocess.normaliser_model: checkpoint " + json + " not found; set it to a trained model's .json");
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new UserException("preprocess.normaliser_model: checkpoint " + json + " is unreadable (" + e.getMessage()
                    + "); set it to another checkpoint", e);
        }
        String format = doc.path("format").asText();
        if (!CHECKPOINT_FORMAT.equals(format)) {
            throw new UserException("preprocess.normaliser_model: checkpoint " + json + " is format '" + format + "', which does not "
                    + "carry its normaliser; retrain it with this version (`auto-editor pretrain` or `auto-editor full-run`)");
        }
        return new NormaliserSource(json, Normaliser.fromDocument(doc.get("normaliser"), "checkpoint " + json), doc.path("weights_sha256").asText());
    }

    boolean fromModel() {
        return checkpoint != null;
    }

    /** The checkpoint named, for provenance and splits.json. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint", checkpoint.toAbsolutePath().normalize().toString());
        m.put("weights_sha256", weightsSha256);
        return m;
    }
}
