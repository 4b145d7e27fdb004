package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What a phase gets when it runs: the settings, the run directory, whether to resume, and a place for notes. */
public final class PhaseContext {
    private final Config config;
    private final RunLayout layout;
    private final boolean resume;
    private final Map<String, Object> notes = new TreeMap<>();

    public PhaseContext(Config config, RunLayout layout, boolean resume) {
        this.config = config;
        this.layout = layout;
        this.resume = resume;
    }

    public Config config() {
        return config;
    }

    public RunLayout layout() {
        return layout;
    }

    public Path path(String relative) {
        return layout.resolve(relative);
    }

    /** True when an earlier attempt with the same inputs was interrupted and its checkpoints are kept. */
    public boolean resume() {
        return resume;
    }

    /** Records a fact in the manifest beside the phase (for example the hashes of downloaded files). */
    public void note(String key, Object value) {
        notes.put(key, value);
    }

    Map<String, Object> notes() {
        return notes;
    }
}
