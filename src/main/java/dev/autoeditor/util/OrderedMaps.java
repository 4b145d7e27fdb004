package dev.autoeditor.util;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps that keep the order their keys were given in, for everything that ends up in a JSON file.
 * {@code Map.of} and {@code Map.copyOf} iterate in an order salted afresh in every JVM, so a document
 * built from them comes out with its keys in another order from one run to the next; these do not.
 * (OrderedMapsTest keeps {@code Map.of(...)} and {@code Map.copyOf} out of the main code.)
 */
public final class OrderedMaps {
    private OrderedMaps() {}

    /** An unmodifiable map of the given keys and values, in that order: {@code of("epoch", 3, "batch", 7)}. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up, got " + keysAndValues.length + " arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("key " + (i / 2) + " is not a string: " + keysAndValues[i]);
            }
            if (m.put(key, keysAndValues[i + 1]) != null || m.size() != i / 2 + 1) {
                throw new IllegalArgumentException("duplicate key '" + key + "'");
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** An unmodifiable copy that iterates in {@code map}'s own order (nulls kept, unlike {@code Map.copyOf}). */
    public static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
