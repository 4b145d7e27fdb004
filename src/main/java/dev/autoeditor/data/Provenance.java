package dev.autoeditor.data;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.OutputTime;
import dev.autoeditor.util.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a data file came from: program version, time, seed and the settings that shaped it. */
final class Provenance {
    private Provenance() {}

    /**
     * @param phase the command that wrote the file
     * @param keys  the config keys the output depends on: the settings record's own list
     *              ({@code PreprocessSettings.KEYS}, {@code WindowSettings.KEYS}), the one the phase's input hash covers
     */
    static Map<String, Object> of(String phase, Config cfg, List<String> keys) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String k : keys) settings.put(k, cfg.get(k));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tool", "auto-editor");
        p.put("version", Version.version());
        p.put("phase", phase);
        p.put("time", OutputTime.now());
        p.put("seed", cfg.getLong("seed"));
        p.put("config_sha256", cfg.hashOf(settings.keySet()));
        p.put("config", settings);
        return p;
    }
}
