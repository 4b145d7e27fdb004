package dev.autoeditor.timeline.table;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.OrderedMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a conversion runs: the sampling, parallel files (0 = one per core), whether an existing output
 * may be replaced, the settings recorded in the provenance sidecar, and the longest sequence, in hours
 * of timeline, that a file may hold (a longer one fails that file: its table would be that long).
 */
public record ConvertOptions(SamplingRate sampling, int threads, boolean force, Map<String, Object> settings,
                             double maxSequenceHours) {
    /** The config keys that shape the CSV. */
    public static final List<String> KEYS = List.of("convert.sample_fps", "convert.max_sequence_hours");
    /** Config keys {@link #fromConfig} also reads that change only how fast it runs. */
    public static final List<String> RUNTIME_KEYS = List.of("convert.threads");
    /** The default of {@code convert.max_sequence_hours}. */
    public static final double DEFAULT_MAX_SEQUENCE_HOURS = 24;
    /** The setting named when a sequence is refused for its length. */
    public static final String MAX_SEQUENCE_HOURS_KEY = "convert.max_sequence_hours";

    public ConvertOptions {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        if (!(maxSequenceHours > 0)) throw new IllegalArgumentException("maxSequenceHours must be positive, got " + maxSequenceHours);
        settings = OrderedMaps.copyOf(settings);
    }

    /** With the default sequence-length limit. */
    public ConvertOptions(SamplingRate sampling, int threads, boolean force, Map<String, Object> settings) {
        this(sampling, threads, force, settings, DEFAULT_MAX_SEQUENCE_HOURS);
    }

    /**
     * From the {@code convert.*} settings; {@code fpsOverride} (the --fps option) wins over
     * {@code convert.sample_fps} when given.
     */
    public static ConvertOptions fromConfig(Config config, String fpsOverride, boolean force) {
        String fpsText = fpsOverride != null ? fpsOverride : config.getString("convert.sample_fps");
        String where = fpsOverride != null ? "--fps" : "config key 'convert.sample_fps'";
        SamplingRate sampling;
        try {
            sampling = SamplingRate.parse(fpsText, where);
        } catch (dev.autoeditor.util.UserException e) {
            // An option or setting, not data: a bad command line (exit 2).
            throw new dev.autoeditor.config.ConfigException(e.getMessage());
        }
        int threads = config.getInt("convert.threads", 0, 4096);
        // A year of timeline: beyond any edit, and its table would not fit a disk anyway.
        double maxHours = config.getDouble(MAX_SEQUENCE_HOURS_KEY, 1e-6, 24 * 366);
        // The config keys as resolved (an --fps option is recorded beside them, not in their place).
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("convert.sample_fps", config.getString("convert.sample_fps"));
        settings.put("convert.threads", threads);
        settings.put(MAX_SEQUENCE_HOURS_KEY, maxHours);
        if (fpsOverride != null) settings.put("--fps", fpsOverride);
        return new ConvertOptions(sampling, threads, force, settings, maxHours);
    }

    /** Worker threads actually used. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
