package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading values out of the run's JSON documents for display. */
final class Json {
    private Json() {}

    /** The value as text for a table cell: numbers formatted, text as is, arrays and objects compact. */
    static String cell(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return "";
        if (v.isNumber()) return Html.number(v.asDouble());
        if (v.isTextual()) return v.asText();
        if (v.isBoolean()) return v.asText();
        String s = v.toString();
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }

    static double number(JsonNode v) {
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** Leaf values of an object as dotted keys, in document order; arrays are leaves. */
    static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else {
            out.put(prefix, node);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null) node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
