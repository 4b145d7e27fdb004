package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A phase's summary.json as tables, without knowing its keys in advance: objects that share keys
 * (distill's teacher, student and scratch; finetune's before, after and scratch) become the columns
 * of one comparison table, every other object a table of its own, and top-level values one more.
 * {@code format} is shown as a note and {@code provenance} folded away.
 */
final class SummaryTables {
    private SummaryTables() {}

    static String render(JsonNode summary) {
        Html h = new Html();
        if (!summary.isObject()) {
            return h.problem("the summary is a JSON " + summary.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                    + ", not an object of results").toString();
        }
        Map<String, Map<String, JsonNode>> groups = new LinkedHashMap<>();
        List<List<String>> scalars = new ArrayList<>();
        summary.fields().forEachRemaining(e -> {
            String k = e.getKey();
            if (k.equals("format") || k.equals("provenance")) return;
            if (e.getValue().isObject()) groups.put(k, Json.flatten(e.getValue()));
            else scalars.add(List.of(k.replace('_', ' '), Json.cell(e.getValue())));
        });
        // Objects sharing at least one key with another are compared side by side.
        List<String> compared = new ArrayList<>();
        for (String a : groups.keySet()) {
            for (String b : groups.keySet()) {
                if (!a.equals(b) && shares(groups.get(a).keySet(), groups.get(b).keySet())) {
                    compared.add(a);
                    break;
                }
            }
        }
        if (!compared.isEmpty()) {
            Set<String> keys = new LinkedHashSet<>();
            for (String g : compared) keys.addAll(groups.get(g).keySet());
            List<List<String>> rows = new ArrayList<>();
            for (String key : keys) {
                int better = EvaluationSection.direction(key);
                double best = EvaluationSection.best(compared.stream().mapToDouble(g -> Json.number(groups.get(g).get(key))).toArray(), better);
                List<String> row = new ArrayList<>();
                row.add(key.replace('_', ' '));
                for (String g : compared) {
                    JsonNode v = groups.get(g).get(key);
                    String text = Json.cell(v);
                    row.add(better != 0 && Double.isFinite(best) && Json.number(v) == best ? Html.cell("<strong>" + Html.esc(text) + "</strong>") : text);
                }
                rows.add(row);
            }
            List<String> header = new ArrayList<>();
            header.add("");
            header.addAll(compared);
            h.table(header, rows);
        }
        for (var e : groups.entrySet()) {
            if (compared.contains(e.getKey())) continue;
            List<List<String>> rows = new ArrayList<>();
            e.getValue().forEach((k, v) -> rows.add(List.of(k.replace('_', ' '), Json.cell(v))));
            h.table(List.of(e.getKey(), ""), rows);
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

    private static boolean shares(Set<String> a, Set<String> b) {
        for (String k : a) if (b.contains(k)) return true;
        return false;
    }
}
