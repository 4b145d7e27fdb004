package dev.autoeditor.config;

import dev.autoeditor.util.Hashing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The resolved settings of a run: flat dotted keys ({@code window.length}) to values whose types
 * were checked against the built-in defaults. Immutable; build one with {@link ConfigLoader}.
 */
public final class Config {
    private final Map<String, Object> values;
    /** Told the key of every value read through this view; a no-op except in {@link #recording}. */
    private final Consumer<String> onRead;

    Config(Map<String, Object> values) {
        this(values, key -> {});
    }

    private Config(Map<String, Object> values, Consumer<String> onRead) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.onRead = onRead;
    }

    private Config(Config base, Consumer<String> onRead) {
        this.values = base.values;
        this.onRead = onRead;
    }

    /**
     * The same settings, telling {@code onRead} the key of every {@link #get} (and so every typed
     * getter and {@link #hashOf}) and {@link #has}. A test runs a phase with it to check the phase
     * reads only the keys it declares. {@link #asMap()} is a snapshot for provenance and is not
     * reported, nor are key names listed by {@link #keysUnder}.
     */
    public Config recording(Consumer<String> onRead) {
        return new Config(this, onRead);
    }

    /** A config holding exactly these flat values (tests and checkpoints). */
    public static Config of(Map<String, Object> flatValues) {
        return new Config(flatValues);
    }

    public boolean has(String key) {
        onRead.accept(key);
        return values.containsKey(key);
    }

    public Object get(String key) {
        onRead.accept(key);
        Object v = values.get(key);
        if (v == null && !values.containsKey(key)) {
            throw new ConfigException("unknown config key '" + key + "'" + ConfigLoader.suggestion(key, values.keySet()));
        }
        return v;
    }

    public int getInt(String key) {
        long v = getLong(key);
        // Narrowing silently would turn 4294967297 into 1, which a range check then accepts.
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigException("config key '" + key + "' is " + v + "; it must lie between "
                    + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    public long getLong(String key) {
        Object v = get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        throw wrongType(key, v, "an integer");
    }

    public double getDouble(String key) {
        Object v = get(key);
        if (v instanceof Number n) return n.doubleValue();
        throw wrongType(key, v, "a number");
    }

    public boolean getBoolean(String key) {
        Object v = get(key);
        if (v instanceof Boolean b) return b;
        throw wrongType(key, v, "true or false");
    }

    public String getString(String key) {
        Object v = get(key);
        return v == null ? "" : v.toString();
    }

    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) {
        Object v = get(key);
        if (v == null) return List.of();
        if (v instanceof List<?> l) return (List<Object>) l;
        throw wrongType(key, v, "a list");
    }

    /** A string setting that must be one of {@code allowed}. */
    public String getChoice(String key, String... allowed) {
        String v = getString(key);
        for (String a : allowed) if (a.equals(v)) return v;
        throw new ConfigException("config key '" + key + "' is '" + v + "'; allowed values: " + String.join(", ", allowed));
    }

    /** A number setting that must lie in [min, max]. */
    public double getDouble(String key, double min, double max) {
        double v = getDouble(key);
        if (v < min || v > max) {
            throw new ConfigException("config key '" + key + "' is " + v + "; it must lie between " + min + " and " + max);
        }
        return v;
    }

    public int getInt(String key, int min, int max) {
        int v = getInt(key);
        if (v < min || v > max) {
            throw new ConfigException("config key '" + key + "' is " + v + "; it must lie between " + min + " and " + max);
        }
        return v;
    }

    /** All flat keys and values in their file order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The keys under {@code prefix.} (with the prefix), sorted. */
    public List<String> keysUnder(String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) if (k.startsWith(prefix + ".") || k.equals(prefix)) out.add(k);
        Collections.sort(out);
        return out;
    }

    /**
     * A copy with some values replaced; keys must already exist and types must match. A copy of a
     * {@link #recording} view keeps recording, except the replaced keys: their values came from the
     * code that replaced them, not from the settings.
     */
    public Config with(Map<String, Object> overrides) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        for (var e : overrides.entrySet()) {
            copy.put(e.getKey(), ConfigLoader.checkType(e.getKey(), values, e.getValue(), "override"));
        }
        Set<String> replaced = Set.copyOf(overrides.keySet());
        Consumer<String> parent = onRead;
        return new Config(copy, key -> {
            if (!replaced.contains(key)) parent.accept(key);
        });
    }

    /**
     * The settings named by {@code keysOrSections}, key to value in the order named: each entry is a
     * key, or a section whose keys are taken in sorted order (what provenance records).
     */
    public Map<String, Object> select(Collection<String> keysOrSections) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keysOrSections) {
            List<String> under = keysUnder(k);
            for (String u : under.isEmpty() ? List.of(k) : under) out.putIfAbsent(u, get(u));
        }
        return out;
    }

    /** SHA-256 of the given keys and their values: what a phase's inputs hash covers. */
    public String hashOf(Collection<String> keys) {
        Map<String, Object> sub = new TreeMap<>();
        for (String k : keys) sub.put(k, get(k));
        return Hashing.sha256(sub.toString());
    }

    /** SHA-256 of every key under the given prefixes. */
    public String hashOfSections(String... prefixes) {
        List<String> keys = new ArrayList<>();
        for (String p : prefixes) keys.addAll(keysUnder(p));
        return hashOf(keys);
    }

    /** The resolved config as nested YAML, for run folders and checkpoints. */
    public String toYaml() {
        return ConfigLoader.toYaml(values);
    }

    private static ConfigException wrongType(String key, Object v, String expected) {
        return new ConfigException("config key '" + key + "' is " + describe(v) + "; expected " + expected);
    }

    static String describe(Object v) {
        if (v == null) return "empty";
        if (v instanceof String s) return "'" + s + "' (text)";
        return v + " (" + v.getClass().getSimpleName().toLowerCase() + ")";
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
