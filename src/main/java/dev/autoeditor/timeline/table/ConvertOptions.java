package dev.autoeditor.timeline.table;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.OrderedMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a conversion runs: the sampling, parallel files (0 = one per core), whether an existing output
 * may be replaced, and the settings recorded in the provenance sidecar.
 */
public record ConvertOptions(SamplingRate sampling, int threads, boolean force, Map<String, Object> settings) {
    /** The config keys that shape the CSV. */
    public static final List<String> KEYS = List.of("convert.sample_fps");
    /** Config keys {@link #fromConfig} also reads that change only how fast it runs. */
    public static final List<String> RUNTIME_KEYS = List.of("convert.threads");

    public ConvertOptions {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        settings = OrderedMaps.copyOf(settings);
    }

    /**
     * From the {@code convert.*} settings; {@code fpsOverride} (the --fps option) wins over
     * {@code convert.sample_fps} when given.
     */
    public static ConvertOptions fromConfig(Config config, String fpsOverride, boolean force) {
        String fpsText = fpsOverride != null ? fpsOverride : config.getString("convert.sample_fps");
        String where = fpsOverride != null ? "--fps" : "config key 'convert.sample_fps'";
        SamplingRate sampling = SamplingRate.parse(fpsText, where);
        int threads = config.getInt("convert.threads", 0, 4096);
        // The config keys as resolved (an --fps option is recorded beside them, not in their place).
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("convert.sample_fps", config.getString("convert.sample_fps"));
        settings.put("convert.threads", threads);
        if (fpsOverride != null) settings.put("--fps", fpsOverride);
        return new ConvertOptions(sampling, threads, force, settings);
    }

    /** Worker threads actually used. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
