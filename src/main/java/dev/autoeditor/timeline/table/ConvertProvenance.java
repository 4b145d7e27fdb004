package dev.autoeditor.timeline.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.util.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sidecar beside a keyframe CSV saying where it came from: the typed {@link Provenance} (settings,
 * inputs and their hashes, version, time), the output's hash, the sample rate, and every input with its
 * status. Later phases read the sample rate from it, so a model knows the rate it was trained at.
 */
public final class ConvertProvenance {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConvertProvenance() {}

    public static Path sidecarFor(Path csv) {
        return csv.resolveSibling(csv.getFileName() + ".provenance.json");
    }

    private static ObjectNode input(Map<Path, ObjectNode> byPath, Path path, String sha256, long bytes, String status) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", path.toString());
        n.put("sha256", sha256);
        n.put("bytes", bytes);
        n.put("status", status);
        byPath.put(path, n);
        return n;
    }

    static void write(ConvertResult result, ConvertOptions options) throws IOException {
        // Inputs in absolute-path order, converted or not, as InputFiles and so the CSV order them.
        Map<Path, ObjectNode> byPath = new TreeMap<>(Comparator.comparing((Path p) -> p.toAbsolutePath().normalize()));
        for (ConvertResult.FileReport r : result.converted()) {
            ObjectNode n = input(byPath, r.path(), r.sha256(), r.bytes(), "converted");
            n.put("project", r.project());
            n.put("sequences", r.sequences());
            n.put("rows", r.rows());
        }
        for (ConvertResult.FileFailure f : result.failures()) {
            input(byPath, f.path(), f.sha256(), f.bytes(), f.noVideo() ? "skipped" : "failed").put("error", f.message());
        }
        // The inputs one by one, with paths, are listed below; the provenance names them by content only.
        StringBuilder all = new StringBuilder();
        byPath.values().forEach(n -> all.append(n.path("sha256").asText()).append('\n'));
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("files", byPath.size());
        read.put("sha256_of_file_hashes", Hashing.sha256(all.toString()));
        Provenance provenance = Provenance.of("convert", null, new TreeMap<>(options.settings()), read);

        ObjectNode root = JSON.createObjectNode();
        root.set("provenance", JSON.valueToTree(provenance.toMap()));
        root.put("output", result.output().getFileName().toString());
        root.put("output_sha256", Hashing.sha256(result.output()));
        root.put("sample_fps", result.sampling().toString());
        root.put("sequences", result.sequences());
        root.put("rows", result.rows());
        ArrayNode inputs = root.putArray("inputs");
        byPath.values().forEach(inputs::add);
        AtomicFiles.writeString(result.provenance(), JSON.writeValueAsString(root) + "\n");
    }

    /**
     * The sample rate ("5", "30000/1001", "native") recorded beside {@code csv}, when its sidecar exists
     * and describes this very file (its output_sha256 equals {@code csvSha256}); empty otherwise.
     */
    public static Optional<String> sampleFps(Path csv, String csvSha256) {
        Path sidecar = sidecarFor(csv);
        if (!Files.isRegularFile(sidecar)) return Optional.empty();
        try {
            JsonNode doc = JSON.readTree(sidecar.toFile());
            if (!doc.path("output_sha256").asText().equals(csvSha256) || !doc.path("sample_fps").isTextual()) return Optional.empty();
            return Optional.of(doc.path("sample_fps").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
