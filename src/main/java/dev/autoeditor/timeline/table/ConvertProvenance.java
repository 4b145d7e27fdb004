package dev.autoeditor.timeline.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.OutputTime;
import dev.autoeditor.util.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/** The sidecar beside a keyframe CSV saying where it came from: inputs and their hashes, settings, version, time. */
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
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "auto-editor convert");
        root.put("version", Version.version());
        root.put("created", OutputTime.now());
        root.put("output", result.output().getFileName().toString());
        root.put("output_sha256", Hashing.sha256(result.output()));
        root.put("sample_fps", result.sampling().toString());
        root.put("sequences", result.sequences());
        root.put("rows", result.rows());
        ObjectNode settings = root.putObject("config");
        for (Map.Entry<String, Object> e : new TreeMap<>(options.settings()).entrySet()) {
            settings.putPOJO(e.getKey(), e.getValue());
        }
        // Inputs in absolute-path order, converted or not, as InputFiles and so the CSV order them.
        Map<Path, ObjectNode> byPath = new TreeMap<>(Comparator.comparing((Path p) -> p.toAbsolutePath().normalize()));
        for (ConvertResult.FileReport r : result.converted()) {
            ObjectNode n = input(byPath, r.path(), r.sha256(), r.bytes(), "converted");
            n.put("project", r.project());
            n.put("sequences", r.sequences());
            n.put("rows", r.rows());
        }
        for (ConvertResult.FileFailure f : result.failures()) {
            input(byPath, f.path(), f.sha256(), f.bytes(), "failed").put("error", f.message());
        }
        ArrayNode inputs = root.putArray("inputs");
        byPath.values().forEach(inputs::add);
        AtomicFiles.writeString(result.provenance(), JSON.writeValueAsString(root) + "\n");
    }
}
