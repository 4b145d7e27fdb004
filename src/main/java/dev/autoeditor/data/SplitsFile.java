package dev.autoeditor.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code splits.json}: the source CSV (path and SHA-256), the projects of each split, the groups and the
 * dropped duplicates. Written by preprocess, read by window, evaluate and generate.
 *
 * @param csv        the source CSV as recorded (absolute)
 * @param csvSha256  its SHA-256 when preprocess read it
 * @param csvBytes   its size then
 * @param csvRows    its data rows then
 * @param splitOf    kept project to split
 * @param duplicates dropped project to the kept project it duplicates
 * @param normaliserSha256 SHA-256 of the normaliser.json written beside it
 * @param sampleFps  the CSV's sample rate as convert recorded it ("5", "native"), or null when unknown
 */
public record SplitsFile(Path csv, String csvSha256, long csvBytes, long csvRows, Map<String, Split> splitOf,
                         Map<String, String> duplicates, String normaliserSha256, String sampleFps) {
    public static final String NAME = "splits.json";
    public static final String FORMAT = "auto-editor-splits/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the document; {@code extra} (counts, groups, provenance) is appended as given. */
    static void write(Path file, Path csv, String sha256, long bytes, long rows, String sampleFps, SplitPlan plan,
                      Map<String, Object> extra) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        Map<String, Object> source = new LinkedHashMap<>();
        Path absolute = csv.toAbsolutePath().normalize();
        source.put("path", absolute.toString());
        Path dir = file.toAbsolutePath().normalize().getParent();
        source.put("relative_path", dir.relativize(absolute).toString().replace('\\', '/'));
        source.put("sha256", sha256);
        source.put("bytes", bytes);
        source.put("rows", rows);
        source.put("sample_fps", sampleFps);
        doc.put("source", source);
        Map<String, Object> projects = new LinkedHashMap<>();
        for (Split s : Split.values()) projects.put(s.id(), plan.projects(s));
        doc.put("projects", projects);
        doc.putAll(extra);
        AtomicFiles.writeString(file, JSON.writeValueAsString(doc) + "\n");
    }

    /** Reads {@code dir/splits.json}; errors name the file and say to re-run preprocess. */
    public static SplitsFile load(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + " not found; run `auto-editor preprocess --output " + dir + "` first");
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            if (!FORMAT.equals(doc.path("format").asText())) {
                throw new UserException(file + ": format is '" + doc.path("format").asText() + "', expected " + FORMAT
                        + "; re-run `auto-editor preprocess`");
            }
            JsonNode src = doc.path("source");
            Path csv = Path.of(src.path("path").asText());
            if (!Files.exists(csv) && src.hasNonNull("relative_path")) {
                Path rel = file.toAbsolutePath().getParent().resolve(src.get("relative_path").asText()).normalize();
                if (Files.exists(rel)) csv = rel;
            }
            Map<String, Split> splitOf = new LinkedHashMap<>();
            for (Split s : Split.values()) {
                for (JsonNode p : doc.path("projects").path(s.id())) {
                    Split before = splitOf.put(p.asText(), s);
                    if (before != null) {
                        throw new UserException(file + ": project '" + p.asText() + "' is listed in both " + before.id() + " and "
                                + s.id() + "; the file was edited by hand: re-run `auto-editor preprocess`");
                    }
                }
            }
            Map<String, String> duplicates = new LinkedHashMap<>();
            for (JsonNode d : doc.path("duplicates").path("projects")) {
                duplicates.put(d.path("project").asText(), d.path("duplicate_of").asText());
            }
            return new SplitsFile(csv, src.path("sha256").asText(), src.path("bytes").asLong(), src.path("rows").asLong(),
                    splitOf, duplicates, doc.path("normaliser").path("sha256").asText(),
                    src.path("sample_fps").isTextual() ? src.path("sample_fps").asText() : null);
        } catch (IOException e) {
            throw new UserException(file + " is unreadable (" + e.getMessage() + "); re-run `auto-editor preprocess`", e);
        }
    }

    /** The kept projects of one split, in name order. */
    public List<String> projects(Split split) {
        return splitOf.entrySet().stream().filter(e -> e.getValue() == split).map(Map.Entry::getKey).sorted().toList();
    }
}
