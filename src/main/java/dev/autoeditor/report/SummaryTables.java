package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A phase's summary.json as tables. A phase the report knows names its comparison: the objects of the
 * summary shown side by side, in order (distill's teacher, student and scratch; finetune's before,
 * after and scratch; rlhf's policy and reference). An object holding those same names (finetune's
 * {@code models}) is compared the same way; every other object (distill's {@code speed}, rlhf's
 * {@code pairs} and {@code reward_model}) is a table of its own, and top-level values one more.
 * Without a named comparison (a phase the report does not know), objects that share keys are
 * compared. {@code format} is shown as a note and {@code provenance} folded away.
 */
final class SummaryTables {
    /** The summary's objects compared side by side, as columns in this order. */
    record Comparison(List<String> columns) {
        static final Comparison DISTILL = new Comparison(List.of("teacher", "student", "scratch"));
        static final Comparison FINETUNE = new Comparison(List.of("before", "after", "scratch"));
        static final Comparison RLHF = new Comparison(List.of("policy", "reference"));
    }

    private SummaryTables() {}

    /** The summary with its phase's named comparison, or ({@code comparison} null) the shared-keys rule. */
    static String render(JsonNode summary, Comparison comparison) {
        Html h = new Html();
        if (!summary.isObject()) {
            return h.problem("the summary is a JSON " + summary.getNodeType().toString().toLowerCase(Locale.ROOT)
                    + ", not an object of results").toString();
        }
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        List<List<String>> scalars = new ArrayList<>();
        summary.fields().forEachRemaining(e -> {
            String k = e.getKey();
            if (k.equals("format") || k.equals("provenance")) return;
            if (e.getValue().isObject()) objects.put(k, e.getValue());
            else scalars.add(List.of(label(k), cell(k, e.getValue())));
        });
        List<String> columns = comparison != null ? comparison.columns().stream().filter(c -> objects.containsKey(c)).toList()
                : sharingKeys(objects);
        if (comparison != null && columns.size() < comparison.columns().size()) {
            List<String> missing = comparison.columns().stream().filter(c -> !columns.contains(c)).toList();
            h.note("This summary has no " + String.join(", ", missing) + " (expected " + String.join(", ", comparison.columns()) + ").");
        }
        if (!columns.isEmpty()) {
            Map<String, Map<String, JsonNode>> groups = new LinkedHashMap<>();
            for (String c : columns) groups.put(c, flatten(objects.get(c)));
            compare(h, "", groups);
        }
        for (var e : objects.entrySet()) {
            if (columns.contains(e.getKey())) continue;
            // An object holding the compared names (finetune's models.before, .after, .scratch) is compared alike.
            Map<String, Map<String, JsonNode>> nested = new LinkedHashMap<>();
            if (comparison != null) {
                for (String c : columns) if (e.getValue().path(c).isObject()) nested.put(c, flatten(e.getValue().get(c)));
            }
            if (nested.size() >= 2) {
                compare(h, e.getKey(), nested);
                Map<String, JsonNode> rest = new LinkedHashMap<>();
                flatten(e.getValue()).forEach((k, v) -> {
                    if (!nested.containsKey(k.split("\\.", 2)[0])) rest.put(k, v);
                });
                if (!rest.isEmpty()) single(h, e.getKey(), rest);
            } else {
                single(h, e.getKey(), flatten(e.getValue()));
            }
        }
        if (!scalars.isEmpty()) h.table(List.of("", "value"), scalars);
        if (summary.has("format")) h.note("format " + summary.path("format").asText());
        if (summary.path("provenance").isObject()) {
            List<List<String>> rows = new ArrayList<>();
            Json.flatten(summary.path("provenance")).forEach((k, v) -> rows.add(List.of(k, Json.cell(v))));
            h.details("Provenance", new Html().table(List.of("key", "value"), rows).toString());
        }
        return h.toString();
    }

    /**
     * One table, a column per group: rows every group has come first (the figures that compare), then
     * rows only some have. The best value of a row is bold where the key says which way is better.
     */
    private static void compare(Html h, String title, Map<String, Map<String, JsonNode>> groups) {
        Set<String> all = new LinkedHashSet<>();
        for (Map<String, JsonNode> g : groups.values()) all.addAll(g.keySet());
        List<String> keys = new ArrayList<>();
        for (String k : all) if (groups.values().stream().allMatch(g -> g.containsKey(k))) keys.add(k);
        for (String k : all) if (!keys.contains(k)) keys.add(k);
        List<List<String>> rows = new ArrayList<>();
        for (String key : keys) {
            int better = EvaluationSection.direction(key);
            double best = EvaluationSection.best(groups.values().stream().mapToDouble(g -> Json.number(g.get(key))).toArray(), better);
            List<String> row = new ArrayList<>();
            row.add(label(key));
            for (Map<String, JsonNode> g : groups.values()) {
                JsonNode v = g.get(key);
                String text = cell(key, v);
                row.add(better != 0 && Double.isFinite(best) && Json.number(v) == best ? Html.cell("<strong>" + Html.esc(text) + "</strong>") : text);
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>();
        header.add(title);
        header.addAll(groups.keySet());
        h.table(header, rows);
    }

    private static void single(Html h, String title, Map<String, JsonNode> values) {
        List<List<String>> rows = new ArrayList<>();
        values.forEach((k, v) -> rows.add(List.of(label(k), cell(k, v))));
        h.table(List.of(title.replace('_', ' '), ""), rows);
    }

    /** Objects sharing at least one key with another: the rule for summaries of phases the report does not know. */
    private static List<String> sharingKeys(Map<String, JsonNode> objects) {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        objects.forEach((k, v) -> keys.put(k, flatten(v).keySet()));
        List<String> out = new ArrayList<>();
        for (String a : keys.keySet()) {
            for (String b : keys.keySet()) {
                if (!a.equals(b) && keys.get(a).stream().anyMatch(keys.get(b)::contains)) {
                    out.add(a);
                    break;
                }
            }
        }
        return out;
    }

    /** Leaf values as dotted keys; an array of objects (rlhf's pairs.files) as one group of rows per element. */
    static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray() && node.size() > 0 && allObjects(node)) {
            for (int i = 0; i < node.size(); i++) flatten(prefix + "[" + (i + 1) + "]", node.get(i), out);
        } else {
            out.put(prefix, node);
        }
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode n : array) if (!n.isObject()) return false;
        return true;
    }

    private static String label(String key) {
        return key.replace('_', ' ');
    }

    /** A cell; null as n/a; a SHA-256 shown by its first 12 digits (the full hashes are in the provenance and the manifest). */
    private static String cell(String key, JsonNode v) {
        // A null in the file is a figure that could not be measured (rlhf's held-out accuracy without held-out pairs).
        if (v != null && v.isNull()) return "n/a";
        String text = Json.cell(v);
        if (key.endsWith("sha256") && text.matches("[0-9a-f]{64}")) return text.substring(0, 12) + "\u2026";
        return text;
    }
}
