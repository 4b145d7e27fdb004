package dev.autoeditor.train.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.Preprocessor;
import dev.autoeditor.data.Windower;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the normaliser the windows were made with, to report regression errors in original units.
 * In order: the file given by the user; the path the checkpoint recorded; {@code preprocessed/}
 * beside the windows folder (the layout `full-run` writes). The file's SHA-256 must match the one
 * the windows recorded (windows.json), so errors are never denormalised with the wrong statistics.
 */
public final class NormaliserLookup {
    private NormaliserLookup() {}

    /** The normaliser and a description of it (file, SHA-256, method) for the report. */
    public record Found(Normaliser normaliser, Map<String, Object> info) {}

    /**
     * @param given          --normaliser, or null
     * @param fromCheckpoint the checkpoint's normaliser reference (may be empty)
     */
    public static Found find(Path given, Map<String, Object> fromCheckpoint, Path windowsDir) {
        String expected = windowsNormaliserSha(windowsDir);
        Path file;
        if (given != null) {
            file = given;
            if (!Files.isRegularFile(file)) {
                throw new UserException("normaliser " + file + " not found; pass --normaliser with the normaliser.json `preprocess` wrote");
            }
        } else {
            List<Path> candidates = new ArrayList<>();
            Object recorded = fromCheckpoint == null ? null : fromCheckpoint.get("path");
            if (recorded != null) candidates.add(Path.of(recorded.toString()));
            candidates.add(windowsDir.toAbsolutePath().normalize().resolveSibling("preprocessed").resolve(Preprocessor.NORMALISER));
            file = candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new UserException(
                    "cannot find the normaliser of " + windowsDir + " (looked at " + candidates + "); pass --normaliser with the "
                            + "normaliser.json `preprocess` wrote for these windows"));
        }
        String sha = Hashing.sha256Unchecked(file);
        if (expected != null && !expected.equals(sha)) {
            throw new UserException("normaliser " + file + " is not the one " + windowsDir + " was made with (SHA-256 " + abbreviate(sha)
                    + ", windows.json says " + abbreviate(expected) + "); pass --normaliser with the right normaliser.json");
        }
        Normaliser normaliser = Normaliser.load(file);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("file", file.toAbsolutePath().normalize().toString());
        info.put("sha256", sha);
        info.put("method", normaliser.method());
        info.put("matches_windows", expected != null);
        return new Found(normaliser, info);
    }

    /** The normaliser SHA-256 recorded in windows.json, or null when the folder has none. */
    static String windowsNormaliserSha(Path windowsDir) {
        Path summary = windowsDir.resolve(Windower.SUMMARY);
        if (!Files.isRegularFile(summary)) return null;
        try {
            JsonNode sha = new ObjectMapper().readTree(summary.toFile()).path("source").path("normaliser_sha256");
            return sha.isTextual() ? sha.asText() : null;
        } catch (IOException e) {
            throw new UserException(summary + " is unreadable (" + e.getMessage() + "); re-run `auto-editor window --force`", e);
        }
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
    }
}
