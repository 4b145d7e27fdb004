package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machine and backend a run used, as its files recorded them: the {@code machine} object that the
 * evaluate phase writes into eval/test.json, and the {@code backend} or {@code machine} objects in a
 * checkpoint's provenance. When no file records them, the page says so and shows the machine the
 * report itself was written on, labelled as such.
 */
final class Machine {
    private Machine() {}

    static String describe(RunFiles files) {
        Html h = new Html();
        List<String> ignored = new ArrayList<>();
        boolean found = false;
        if (files.exists("eval/test.json")) {
            JsonNode eval = files.json("eval/test.json", ignored).orElse(null);
            if (eval != null && eval.path("machine").isObject()) {
                h.p("Recorded by the evaluate phase (eval/test.json):");
                h.raw(keyValues(eval.path("machine")));
                found = true;
            }
        }
        for (Path ckpt : checkpointJsons(files.resolve("checkpoints"))) {
            JsonNode doc = files.json(ckpt, ignored).orElse(null);
            if (doc == null) continue;
            JsonNode prov = doc.path("provenance");
            for (String key : List.of("machine", "backend")) {
                if (prov.path(key).isObject()) {
                    h.p("Recorded in " + files.name(ckpt) + " (provenance." + key + "):");
                    h.raw(keyValues(prov.path(key)));
                    found = true;
                }
            }
            if (found) break;
        }
        if (!found) {
            h.note("No file of this run records its machine or backend (eval/test.json has no \"machine\" and no checkpoint's provenance "
                    + "has \"backend\"). The machine this report was written on:");
            h.raw(keyValues(current()));
        }
        return h.toString();
    }

    /** The JVM's view of this machine. */
    static Map<String, Object> current() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }

    private static String keyValues(JsonNode obj) {
        List<List<String>> rows = new ArrayList<>();
        Json.flatten(obj).forEach((k, v) -> rows.add(List.of(k, Json.cell(v))));
        return new Html().table(List.of("key", "value"), rows).toString();
    }

    private static String keyValues(Map<String, Object> map) {
        List<List<String>> rows = new ArrayList<>();
        map.forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        return new Html().table(List.of("key", "value"), rows).toString();
    }

    /** last.json of every checkpoint folder, newest phase last in name order; empty without checkpoints. */
    private static List<Path> checkpointJsons(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.resolve("last.json")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
