package dev.autoeditor.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.OrderedMaps;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.json} of one split's window shards: shape, dtype, layout, count, per-shard SHA-256, the
 * sequences the windows came from, source hashes and provenance.
 */
public record ShardIndex(String split, WindowLayout layout, long count, List<ShardInfo> shards,
                         List<SequenceEntry> sequences, Map<String, Object> source) {
    public static final String NAME = "index.json";
    public static final String FORMAT = "auto-editor-windows/1";

    /** A kept sequence: where its windows came from. */
    public record SequenceEntry(int id, String project, String sequence, long rows, long firstWindow, int windows) {}

    void write(Path dir, int droppedShort, Map<String, Object> provenance) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("split", split);
        doc.put("count", count);
        doc.put("shape", OrderedMaps.of("windows", count, "length", layout.length(), "tracks", WindowLayout.TRACKS,
                "regressions", WindowLayout.REGRESSIONS));
        doc.put("dtype", OrderedMaps.of("active", "uint8", "asset", "int8", "valid", "uint8", "regression", "float32"));
        doc.put("asset_classes", layout.assetClasses());
        doc.put("layout", layout.describe());
        List<Map<String, Object>> shardList = new ArrayList<>();
        for (ShardInfo s : shards) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", s.file());
            m.put("windows", s.windows());
            m.put("bytes", s.bytes());
            m.put("sha256", s.sha256());
            shardList.add(m);
        }
        doc.put("shards", shardList);
        doc.put("dropped_short_sequences", droppedShort);
        List<Map<String, Object>> seqs = new ArrayList<>();
        for (SequenceEntry e : sequences) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("project", e.project());
            m.put("sequence", e.sequence());
            m.put("rows", e.rows());
            m.put("first_window", e.firstWindow());
            m.put("windows", e.windows());
            seqs.add(m);
        }
        doc.put("sequences", seqs);
        doc.put("source", source);
        doc.put("provenance", provenance);
        AtomicFiles.writeString(dir.resolve(NAME), SplitsFile.JSON.writeValueAsString(doc) + "\n");
    }

    /** Reads {@code dir/index.json}. */
    public static ShardIndex load(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + " not found; run `auto-editor window` to write the window shards");
        }
        try {
            JsonNode doc = SplitsFile.JSON.readTree(file.toFile());
            if (!FORMAT.equals(doc.path("format").asText())) {
                throw new UserException(file + ": format is '" + doc.path("format").asText() + "', expected " + FORMAT
                        + "; re-run `auto-editor window`");
            }
            WindowLayout layout = new WindowLayout(doc.path("shape").path("length").asInt(), doc.path("asset_classes").asInt());
            if (doc.path("layout").path("record_bytes").asInt() != layout.recordBytes()) {
                throw new UserException(file + ": record_bytes " + doc.path("layout").path("record_bytes").asInt()
                        + " does not match this version's layout (" + layout.recordBytes() + "); re-run `auto-editor window`");
            }
            List<ShardInfo> shards = new ArrayList<>();
            for (JsonNode s : doc.path("shards")) {
                shards.add(new ShardInfo(s.path("file").asText(), s.path("windows").asInt(), s.path("bytes").asLong(),
                        s.path("sha256").asText()));
            }
            List<SequenceEntry> sequences = new ArrayList<>();
            for (JsonNode s : doc.path("sequences")) {
                sequences.add(new SequenceEntry(s.path("id").asInt(), s.path("project").asText(), s.path("sequence").asText(),
                        s.path("rows").asLong(), s.path("first_window").asLong(), s.path("windows").asInt()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> source = SplitsFile.JSON.convertValue(doc.path("source"), Map.class);
            return new ShardIndex(doc.path("split").asText(), layout, doc.path("count").asLong(), shards, sequences, source);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(file + " is unreadable (" + e.getMessage() + "); re-run `auto-editor window`", e);
        }
    }
}
