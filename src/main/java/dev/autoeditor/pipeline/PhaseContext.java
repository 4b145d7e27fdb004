package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a phase gets when it runs: the settings, the run directory, whether to resume, a place for
 * notes, and (when run by the orchestrator) its upstream phases' notes and the model it starts from.
 */
public final class PhaseContext {
    private final Config config;
    /** The settings the pipeline runs with, for questions about other phases (never a test's recording view). */
    private final Config pipelineConfig;
    private final RunLayout layout;
    private final boolean resume;
    private final Phase phase;
    private final PhaseRegistry registry;
    private final Manifest manifest;
    private final Map<String, Object> notes;

    /** A context for a phase run on its own, outside a pipeline: no upstream notes, no source model. */
    public PhaseContext(Config config, RunLayout layout, boolean resume) {
        this(config, config, layout, resume, null, null, null, new TreeMap<>());
    }

    PhaseContext(Config config, RunLayout layout, boolean resume, Phase phase, PhaseRegistry registry, Manifest manifest) {
        this(config, config, layout, resume, phase, registry, manifest, new TreeMap<>());
    }

    private PhaseContext(Config config, Config pipelineConfig, RunLayout layout, boolean resume, Phase phase, PhaseRegistry registry,
                         Manifest manifest, Map<String, Object> notes) {
        this.config = config;
        this.pipelineConfig = pipelineConfig;
        this.layout = layout;
        this.resume = resume;
        this.phase = phase;
        this.registry = registry;
        this.manifest = manifest;
        this.notes = notes;
    }

    /** The same context reading its settings through {@code other} (tests use a recording view); notes are shared. */
    PhaseContext withConfig(Config other) {
        return new PhaseContext(other, pipelineConfig, layout, resume, phase, registry, manifest, notes);
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

    /**
     * The notes an upstream phase recorded when it finished (for example pretrain's
     * {@code best_checkpoint}). Only phases this one reads under the current settings may be asked
     * (its {@link PhaseRegistry#effectiveUpstream}), so everything it learns is covered by its input hash.
     */
    public Map<String, Object> upstreamNotes(String upstream) {
        List<String> readable = pipeline().effectiveUpstream(phase, pipelineConfig);
        if (!readable.contains(upstream)) {
            throw new IllegalArgumentException("phase " + phase.name() + " asked for the notes of " + upstream
                    + ", which is not among the upstream phases it reads " + readable + "; declare it in upstream()");
        }
        PhaseRecord rec = manifest.get(upstream);
        return rec == null || rec.notes == null ? Map.of() : Collections.unmodifiableMap(rec.notes);
    }

    /**
     * The model this phase starts from: the checkpoint of the last enabled model phase before it, so
     * finetune starts from distill, or from pretrain when distill is disabled. That phase must be
     * among the upstream phases this one reads (declaring the nominal source, here distill, is
     * enough: the orchestrator substitutes the enabled one).
     */
    public ModelSource sourceModel() {
        PhaseRegistry pipeline = pipeline();
        Phase source = pipeline.lastEnabledModelPhaseBefore(phase.name(), pipelineConfig).orElseThrow(() -> new UserException(
                "phase " + phase.name() + " starts from a trained model, but no model phase before it is enabled; enable one (for example pretrain)"));
        if (!pipeline.effectiveUpstream(phase, pipelineConfig).contains(source.name())) {
            throw new IllegalStateException("phase " + phase.name() + " starts from the model of " + source.name()
                    + " but does not read it: declare that phase (or the model phase it stands in for) in upstream()");
        }
        String folder = source.modelOutput().orElseThrow();
        Path checkpoint = layout.checkpointIn(folder).orElseThrow(() -> new UserException("phase " + phase.name() + " starts from the model of "
                + source.name() + ", but " + layout.resolve(folder) + " holds neither best.json nor last.json; run: auto-editor full-run --run-dir "
                + layout.root() + " --from " + source.name()));
        return new ModelSource(source.name(), checkpoint);
    }

    private PhaseRegistry pipeline() {
        if (registry == null) {
            throw new IllegalStateException("this context runs a phase outside a pipeline: it has no upstream phases");
        }
        return registry;
    }
}
