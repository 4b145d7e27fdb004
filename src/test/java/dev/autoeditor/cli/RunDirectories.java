package dev.autoeditor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Compares the data of two run directories: data files byte for byte, JSON sidecars without times and paths. */
final class RunDirectories {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that legitimately differ between two runs: wall-clock times, and hashes of files holding them. */
    // weights_sha256: a model a resumed run trained agrees with the uninterrupted run's to 1e-6, which the
    // kill-and-resume tests assert on the weights themselves; the hash of its bytes need not agree.
    private static final Set<String> VOLATILE = Set.of("time", "created", "splits_sha256", "normaliser_sha256", "weights_sha256");

    private RunDirectories() {}

    /** Copies run directory {@code from} to {@code to} (files and folders, as they are); returns {@code to}. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** Differences between the files under {@code sub} of two run directories (empty when equal). */
    static List<String> differences(Path a, Path b, String sub) throws IOException {
        List<String> diffs = new ArrayList<>();
        List<String> filesA = relativeFiles(a.resolve(sub));
        List<String> filesB = relativeFiles(b.resolve(sub));
        if (!filesA.equals(filesB)) diffs.add(sub + ": file lists differ: " + filesA + " vs " + filesB);
        for (String f : filesA) {
            Path fa = a.resolve(sub).resolve(f);
            Path fb = b.resolve(sub).resolve(f);
            if (!Files.exists(fb)) continue;
            if (f.endsWith(".json")) {
                // Compared as text, not as trees: tree equality would not see keys written in another order.
                String ja = JSON.writeValueAsString(normalised(fa, a));
                String jb = JSON.writeValueAsString(normalised(fb, b));
                if (!ja.equals(jb)) diffs.add(sub + "/" + f + " differs beyond times and paths (or in key order)");
            } else if (Files.mismatch(fa, fb) != -1) {
                diffs.add(sub + "/" + f + " differs at byte " + Files.mismatch(fa, fb));
            }
        }
        return diffs;
    }

    private static JsonNode normalised(Path file, Path root) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        scrub(node, root.toAbsolutePath().toString());
        return node;
    }

    private static void scrub(JsonNode node, String root) {
        if (node instanceof ObjectNode obj) {
            // The hash of a JSON sidecar covers its times, so it differs as they do.
            String named = obj.path("file").asText(obj.path("path").asText(""));
            if (named.endsWith(".json")) obj.remove("sha256");
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (VOLATILE.contains(e.getKey())) {
                    it.remove();
                } else if (e.getValue().isTextual() && e.getValue().asText().startsWith(root)) {
                    e.setValue(new TextNode("RUN" + e.getValue().asText().substring(root.length())));
                } else {
                    scrub(e.getValue(), root);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) scrub(child, root);
        }
    }
}
