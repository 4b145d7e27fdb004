package dev.autoeditor.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the files of a run directory for the report. Nothing here throws on a damaged file: a file
 * that cannot be used becomes a problem that names it (relative to the run directory) and says what
 * is wrong, and the section that needed it shows that instead of its content.
 */
final class RunFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    RunFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }

    boolean exists(String relative) {
        return Files.exists(resolve(relative));
    }

    /** The file's name as the page shows it: relative to the run directory when inside it. */
    String name(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    /** A JSON document, or empty with a problem added when it is missing, empty or not JSON. */
    Optional<JsonNode> json(String relative, List<String> problems) {
        return json(resolve(relative), problems);
    }

    Optional<JsonNode> json(Path file, List<String> problems) {
        String name = name(file);
        if (!Files.isRegularFile(file)) {
            problems.add(name + " is missing");
            return Optional.empty();
        }
        try {
            if (Files.size(file) == 0) {
                problems.add(name + " is empty (0 bytes): the phase that writes it was probably stopped while writing; run it again");
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                problems.add(name + " holds no JSON document");
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            problems.add(name + " is not valid JSON" + where + " (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "); the phase that writes it must be run again");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(name + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A short form of a SHA-256 for tables; the full value sits in the title attribute. */
    static String shortHash(String sha) {
        return sha == null ? "" : sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
