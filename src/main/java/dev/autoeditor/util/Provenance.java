package dev.autoeditor.util;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an output came from, in one shape for every file the project writes (checkpoints, the
 * normaliser, splits, windows, the convert sidecar, evaluation reports): the program and platform,
 * the phase, the seed, the settings it read, the inputs it consumed, and the time. Tribuo's
 * {@code ModelProvenance} is the model: one typed record rather than a map each writer fills its own way.
 *
 * @param tool         always "auto-editor"
 * @param version      the program's version
 * @param dl4j         the DL4J/ND4J version the program was built with
 * @param java         the Java runtime's version
 * @param os           operating system name and version
 * @param arch         processor architecture
 * @param nd4j         ND4J backend and native build (backend, native_build, threads...), or null for a phase that
 *                     never touches ND4J (convert, preprocess, window: loading the natives costs seconds)
 * @param phase        the phase or command that wrote the output
 * @param seed         the master seed, or null for a phase that makes no random choice (convert)
 * @param config       the settings the output depends on, key to value, in the order given
 * @param configSha256 SHA-256 of those settings ({@link #hashOf}; the same value as {@code Config.hashOf} of their keys)
 * @param inputs       what was read: a name per input, each a hash or a small map (path, sha256, ...)
 * @param notes        facts particular to the phase (a derived seed, a count), never needed to rebuild it
 * @param time         when the output was made, UTC, to the second
 */
public record Provenance(String tool, String version, String dl4j, String java, String os, String arch,
                         Map<String, Object> nd4j, String phase, Long seed, Map<String, Object> config,
                         String configSha256, Map<String, Object> inputs, Map<String, Object> notes, String time) {
    public static final String TOOL = "auto-editor";

    /**
     * The provenance of an output of {@code phase} made now with master seed {@code seed} from
     * {@code settings} (key to value, see {@code Config.select}) and {@code inputs}.
     */
    public static Provenance of(String phase, Long seed, Map<String, Object> settings, Map<String, Object> inputs) {
        return new Provenance(TOOL, Version.version(), Version.dl4j(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                null, phase, seed, new LinkedHashMap<>(settings), hashOf(settings), new LinkedHashMap<>(inputs),
                new LinkedHashMap<>(), OutputTime.now());
    }

    /** SHA-256 of settings, independent of their order: what a phase's input hash covers. */
    public static String hashOf(Map<String, ?> settings) {
        return Hashing.sha256(new TreeMap<>(settings).toString());
    }

    /** A copy that also names the ND4J backend it ran on. */
    public Provenance withNd4j(Map<String, Object> backend) {
        return new Provenance(tool, version, dl4j, java, os, arch, new LinkedHashMap<>(backend), phase, seed, config,
                configSha256, inputs, notes, time);
    }

    /** A copy with one more input. */
    public Provenance withInput(String name, Object value) {
        Map<String, Object> in = new LinkedHashMap<>(inputs);
        in.put(name, value);
        return new Provenance(tool, version, dl4j, java, os, arch, nd4j, phase, seed, config, configSha256, in, notes, time);
    }

    /** A copy with one more note. */
    public Provenance withNote(String name, Object value) {
        Map<String, Object> n = new LinkedHashMap<>(notes);
        n.put(name, value);
        return new Provenance(tool, version, dl4j, java, os, arch, nd4j, phase, seed, config, configSha256, inputs, n, time);
    }

    /** The JSON form, keys in a fixed order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", tool);
        m.put("version", version);
        m.put("dl4j", dl4j);
        m.put("java", java);
        m.put("os", os);
        m.put("arch", arch);
        m.put("nd4j", nd4j);
        m.put("phase", phase);
        m.put("seed", seed);
        m.put("time", time);
        m.put("config_sha256", configSha256);
        m.put("config", config);
        m.put("inputs", inputs);
        m.put("notes", notes);
        return m;
    }

    /** Reads the JSON form back (missing entries become empty). */
    @SuppressWarnings("unchecked")
    public static Provenance fromMap(Map<String, ?> m) {
        Object seed = m.get("seed");
        return new Provenance(text(m, "tool"), text(m, "version"), text(m, "dl4j"), text(m, "java"), text(m, "os"), text(m, "arch"),
                m.get("nd4j") instanceof Map<?, ?> b ? new LinkedHashMap<>((Map<String, Object>) b) : null, text(m, "phase"),
                seed instanceof Number n ? Long.valueOf(n.longValue()) : null, map(m.get("config")), text(m, "config_sha256"), map(m.get("inputs")),
                map(m.get("notes")), text(m, "time"));
    }

    private static String text(Map<String, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> x ? new LinkedHashMap<>((Map<String, Object>) x) : new LinkedHashMap<>();
    }
}
