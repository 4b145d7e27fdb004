package dev.autoeditor.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How raw keyframes become a model's input, carried from convert through preprocess and window into
 * every checkpoint, so that a model alone can turn new exports into windows it understands: the sample
 * rate, the window length and stride, the shortest sequence kept, the asset-class scheme, and the fitted
 * normaliser.
 *
 * @param sampleFps         samples per second of timeline as convert wrote it ("5", "30000/1001"), "native", or
 *                          null when the keyframe CSV had no provenance sidecar
 * @param windowLength      frames per window
 * @param windowStride      frames between window starts
 * @param minSequenceFrames shorter sequences are dropped
 * @param assetClasses      relabelled asset classes per window (the last is "other")
 * @param normaliser        the normaliser the windows were made with
 */
public record DataSpec(String sampleFps, int windowLength, int windowStride, int minSequenceFrames, int assetClasses,
                       Normaliser normaliser) {
    /** How asset ids become classes ({@link AssetRelabeller}). */
    public static final String ASSET_SCHEME = "first-appearance";
    private static final String ASSET_RULE = "per window, in order of first appearance (frames in time order, tracks from V1 up); "
            + "class C-1 is every asset after the first C-1 (other)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The "data" document of windows.json and of checkpoints (the normaliser is written beside it). */
    public ObjectNode toDocument() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("sample_fps", sampleFps);
        ObjectNode window = doc.putObject("window");
        window.put("length", windowLength);
        window.put("stride", windowStride);
        window.put("min_sequence_frames", minSequenceFrames);
        ObjectNode assets = doc.putObject("asset_classes");
        assets.put("classes", assetClasses);
        assets.put("scheme", ASSET_SCHEME);
        assets.put("rule", ASSET_RULE);
        return doc;
    }

    /** Reads a "data" document and the normaliser document beside it; {@code where} names their file in errors. */
    public static DataSpec fromDocument(JsonNode data, JsonNode normaliser, String where) {
        if (data == null || !data.isObject()) {
            throw new UserException(where + " does not say how its data was made (no \"data\" section); it was written by an older "
                    + "version: re-run `auto-editor window --force` (windows) or retrain (checkpoints)");
        }
        String scheme = data.path("asset_classes").path("scheme").asText();
        if (!ASSET_SCHEME.equals(scheme)) {
            throw new UserException(where + ": asset-class scheme '" + scheme + "' is unknown to this version (expected " + ASSET_SCHEME + ")");
        }
        JsonNode window = data.path("window");
        int length = window.path("length").asInt();
        int stride = window.path("stride").asInt();
        int minFrames = window.path("min_sequence_frames").asInt();
        int classes = data.path("asset_classes").path("classes").asInt();
        // What window writes always passes; anything else was edited by hand or damaged, and would fail deep inside.
        String wrong = length < 1 ? "window.length " + length + " is below 1"
                : stride < 1 || stride > length ? "window.stride " + stride + " is not between 1 and window.length " + length
                : minFrames < 1 ? "window.min_sequence_frames " + minFrames + " is below 1"
                : classes < 2 || classes > 127 ? "asset_classes.classes " + classes + " is not between 2 and 127" : null;
        if (wrong != null) {
            throw new UserException(where + " has data settings no windows can have: " + wrong + " (edited by hand?); restore the file "
                    + "from a backup, or make it again (`auto-editor window --force` for windows, retraining for a checkpoint)");
        }
        return new DataSpec(data.path("sample_fps").isTextual() ? data.path("sample_fps").asText() : null,
                length, stride, minFrames, classes, Normaliser.fromDocument(normaliser, where));
    }

    /** The spec recorded in {@code windowsDir/windows.json} by {@code window}. */
    public static DataSpec load(Path windowsDir) {
        Path summary = windowsDir.resolve(Windower.SUMMARY);
        if (!Files.isRegularFile(summary)) {
            throw new UserException(summary + " not found; run `auto-editor window` to make the windows (or re-run it with --force)");
        }
        try {
            JsonNode doc = JSON.readTree(summary.toFile());
            return fromDocument(doc.get("data"), doc.get("normaliser"), summary.toString());
        } catch (IOException e) {
            throw new UserException(summary + " is unreadable (" + e.getMessage() + "); re-run `auto-editor window --force`", e);
        }
    }

    /** Windows made at a fixed, known sample rate, which new exports can be converted at; {@code what} names the model. */
    public String requireFixedRate(String what) {
        if (sampleFps == null) {
            throw new UserException(what + " does not record the sample rate it was trained at (its keyframe CSV had no provenance "
                    + "sidecar); retrain it on a CSV made by `auto-editor convert`");
        }
        if (sampleFps.equalsIgnoreCase("native")) {
            throw new UserException(what + " was trained at the native frame rate (convert.sample_fps: native), which differs from "
                    + "export to export; retrain it at a fixed rate such as --set convert.sample_fps=5");
        }
        return sampleFps;
    }
}
