package dev.autoeditor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Layered settings with strict keys: the built-in {@code config/default.yaml}, then a profile, then
 * {@code --config FILE}, then each {@code --set key=value}. A key that the defaults do not have, or a
 * value whose type differs from the default's, is an error naming the key and where it came from.
 */
public final class ConfigLoader {
    public static final String DEFAULTS = "/config/default.yaml";
    public static final String PROFILE_DIR = "/config/profiles/";
    public static final String DEFAULT_PROFILE = "default";

    private ConfigLoader() {}

    /** The defaults alone. */
    public static Config defaults() {
        return new Config(readDefaults());
    }

    /**
     * Resolves the layers.
     *
     * @param profile a profile name under config/profiles ({@code default} for none)
     * @param configFile a YAML file of overrides, or null
     * @param sets {@code key=value} strings; the value is read as a YAML scalar or flow list
     */
    public static Config load(String profile, Path configFile, List<String> sets) {
        Map<String, Object> values = readDefaults();
        if (profile != null && !profile.isBlank() && !profile.equals(DEFAULT_PROFILE)) {
            try (InputStream in = ConfigLoader.class.getResourceAsStream(PROFILE_DIR + profile + ".yaml")) {
                if (in == null) {
                    throw new ConfigException("unknown profile '" + profile + "'; available: " + String.join(", ", profiles()));
                }
                overlay(values, parse(in, "profile " + profile), "profile " + profile);
            } catch (IOException e) {
                throw new ConfigException("cannot read profile '" + profile + "': " + e.getMessage());
            }
        }
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException("config file " + configFile + " does not exist; check the --config path");
            }
            try (InputStream in = Files.newInputStream(configFile)) {
                overlay(values, parse(in, configFile.toString()), configFile.toString());
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + configFile + ": " + e.getMessage());
            }
        }
        for (String set : sets == null ? List.<String>of() : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set '" + set + "' is not key=value; for example --set window.length=200");
            }
            String key = set.substring(0, eq).trim();
            String raw = set.substring(eq + 1);
            Object value = parseScalar(raw, key);
            if (!values.containsKey(key)) throw unknownKey(key, value, "--set", values);
            values.put(key, checkType(key, values, value, "--set"));
        }
        return new Config(values);
    }

    /** Names of the built-in profiles. */
    public static List<String> profiles() {
        return List.of(DEFAULT_PROFILE, "tiny", "full", "rlhf");
    }

    private static Map<String, Object> readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) throw new IllegalStateException("built-in " + DEFAULTS + " is missing from the jar");
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", parse(in, "defaults"), flat);
            return flat;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in defaults", e);
        }
    }

    private static Map<String, Object> parse(InputStream in, String source) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            Object root = yaml.load(r);
            if (root == null) return Map.of();
            if (!(root instanceof Map<?, ?> m)) {
                throw new ConfigException(source + " must be a YAML mapping of settings, found " + root.getClass().getSimpleName());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        } catch (YAMLException e) {
            throw new ConfigException(source + " is not valid YAML: " + e.getMessage().replace('\n', ' '));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static Object parseScalar(String raw, String key) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(raw);
        } catch (YAMLException e) {
            throw new ConfigException("--set " + key + ": value '" + raw + "' is not valid YAML");
        }
    }

    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        for (var e : map.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                @SuppressWarnings("unchecked")
                Map<String, Object> c = (Map<String, Object>) child;
                flatten(key, c, out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }

    private static void overlay(Map<String, Object> values, Map<String, Object> layer, String source) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", layer, flat);
        for (var e : flat.entrySet()) {
            if (!values.containsKey(e.getKey())) throw unknownKey(e.getKey(), e.getValue(), source, values);
            values.put(e.getKey(), checkType(e.getKey(), values, e.getValue(), source));
        }
    }

    /** Checks {@code value} against the type of the current value of {@code key}; returns it, widened. */
    static Object checkType(String key, Map<String, Object> values, Object value, String source) {
        Object current = values.get(key);
        if (current == null || value == null) return value;
        if (current instanceof Boolean) {
            if (value instanceof Boolean) return value;
        } else if (current instanceof Integer || current instanceof Long) {
            if (value instanceof Integer || value instanceof Long) return value;
        } else if (current instanceof Number) {
            if (value instanceof Number n) return n.doubleValue();
        } else if (current instanceof String) {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) return value.toString();
        } else if (current instanceof List) {
            if (value instanceof List) return value;
        } else {
            return value;
        }
        throw new ConfigException("config key '" + key + "' in " + source + " is " + Config.describe(value)
                + "; expected " + typeName(current) + " like the default " + current);
    }

    private static String typeName(Object v) {
        if (v instanceof Boolean) return "true or false";
        if (v instanceof Integer || v instanceof Long) return "an integer";
        if (v instanceof Number) return "a number";
        if (v instanceof List) return "a list";
        return "text";
    }

    /**
     * The error for a key the defaults do not have: a value given to a whole section ({@code window: 5}),
     * a section given where the defaults have one value ({@code window.length: {frames: 5}}), or a key
     * that does not exist (with the nearest one and its section's keys).
     */
    static ConfigException unknownKey(String key, Object value, String source, Map<String, Object> values) {
        List<String> inside = new ArrayList<>();
        for (String k : values.keySet()) if (k.startsWith(key + ".")) inside.add(k.substring(key.length() + 1));
        if (!inside.isEmpty()) {
            String first = key + "." + inside.get(0);
            return new ConfigException("config key '" + key + "' in " + source + " is " + Config.describe(value) + ", but '" + key
                    + "' is a section of settings (" + String.join(", ", inside) + "), not a single value; set one of them instead, e.g. "
                    + first + " (in YAML indented under '" + key + ":', on the command line --set " + first + "=VALUE)");
        }
        for (int dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
            String parent = key.substring(0, dot);
            if (values.containsKey(parent)) {
                return new ConfigException("config key '" + parent + "' in " + source + " is a single value (default " + values.get(parent)
                        + "), not a section, but it was given '" + key.substring(dot + 1) + "' inside it; "
                        + (source.equals("--set") ? "use --set " + parent + "=VALUE" : "write " + parent + ": VALUE"));
            }
        }
        return new ConfigException("unknown config key '" + key + "' in " + source + suggestion(key, values.keySet()));
    }

    /** "; did you mean 'x'? keys in section: ..." for an unknown key. */
    static String suggestion(String key, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = levenshtein(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        StringBuilder sb = new StringBuilder();
        if (best != null && bestDistance <= Math.max(2, key.length() / 4)) sb.append("; did you mean '").append(best).append("'?");
        String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
        List<String> siblings = new ArrayList<>();
        for (String k : known) if (!section.isEmpty() && k.startsWith(section + ".")) siblings.add(k.substring(section.length() + 1));
        if (!siblings.isEmpty()) sb.append(" Keys in ").append(section).append(": ").append(String.join(", ", siblings));
        else if (sb.length() == 0) sb.append("; see config/default.yaml for every key");
        return sb.toString();
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Nested YAML of flat dotted keys. */
    static String toYaml(Map<String, Object> flat) {
        Map<String, Object> nested = new LinkedHashMap<>();
        for (var e : flat.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            Map<String, Object> node = nested;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                node = next;
            }
            node.put(parts[parts.length - 1], e.getValue());
        }
        DumperOptions opts = new DumperOptions();
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        opts.setSplitLines(false);
        return new Yaml(opts).dump(nested);
    }

    /** Reads a YAML file written by {@link Config#toYaml()} back as a flat config (no defaults layered). */
    public static Config fromYaml(String yamlText) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", parse(new java.io.ByteArrayInputStream(yamlText.getBytes(StandardCharsets.UTF_8)), "saved config"), flat);
        return new Config(flat);
    }

    /**
     * The settings a run saved (config.resolved.yaml) over today's defaults: keys added since the run
     * take their default, and keys since removed or renamed are dropped, so an older run directory
     * still reads. Values keep the types the defaults check.
     */
    public static Config fromSaved(String yamlText) {
        Map<String, Object> values = readDefaults();
        for (var e : fromYaml(yamlText).asMap().entrySet()) {
            if (values.containsKey(e.getKey())) values.put(e.getKey(), checkType(e.getKey(), values, e.getValue(), "saved config"));
        }
        return new Config(values);
    }
}
