package dev.autoeditor.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OrderedMapsTest {
    @Test
    void keysComeOutInTheOrderGiven() {
        List<String> keys = List.of("zeta", "alpha", "mu", "beta", "omega", "gamma", "delta", "epsilon", "eta", "theta");
        Object[] kv = new Object[keys.size() * 2];
        for (int i = 0; i < keys.size(); i++) {
            kv[2 * i] = keys.get(i);
            kv[2 * i + 1] = i;
        }
        assertEquals(keys, List.copyOf(OrderedMaps.of(kv).keySet()));

        Map<String, Object> source = new LinkedHashMap<>();
        for (String k : keys) source.put(k, null);
        Map<String, Object> copy = OrderedMaps.copyOf(source);
        assertEquals(keys, List.copyOf(copy.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OrderedMaps.of("a", 1, "b"));
        assertThrows(IllegalArgumentException.class, () -> OrderedMaps.of("a", 1, "a", 2));
        assertThrows(IllegalArgumentException.class, () -> OrderedMaps.of("a", null, "a", null));
        assertThrows(IllegalArgumentException.class, () -> OrderedMaps.of(1, "a"));
    }

    /**
     * Map.of(k, v, ...) and Map.copyOf iterate in an order salted per JVM: a JSON document built from one
     * has its keys in another order on the next run. The main code uses OrderedMaps (or a LinkedHashMap,
     * an EnumMap, a TreeMap) instead; this keeps it so. (An empty Map.of() has no order and is fine.)
     */
    @Test
    void mainCodeBuildsNoMapWithAPerJvmOrder() throws IOException {
        Pattern unordered = Pattern.compile("\\bMap\\.of\\(\\s*[^)\\s]|\\bMap\\.copyOf\\(");
        List<String> found = new ArrayList<>();
        Path main = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(main), "run from the project folder: " + main.toAbsolutePath());
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).trim();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) continue;
                    if (unordered.matcher(code).find()) found.add(f + ":" + (i + 1) + ": " + code);
                }
            }
        }
        assertEquals(List.of(), found, "use OrderedMaps.of / OrderedMaps.copyOf (fixed key order) instead");
    }
}
