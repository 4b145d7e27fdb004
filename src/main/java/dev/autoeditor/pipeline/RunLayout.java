package dev.autoeditor.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The standard places inside a run directory. Every phase reads and writes here, so that a run
 * directory alone says what was done: data under data/ (the main {@link DataTree}; the fine-tuning
 * data under data/finetune/), models under checkpoints/, the resolved config and the manifest at the top.
 */
public record RunLayout(Path root) {
    public static final String RAW = DataTree.MAIN.raw();
    public static final String KEYFRAMES = DataTree.MAIN.keyframes();
    public static final String PREPROCESSED = DataTree.MAIN.preprocessed();
    public static final String WINDOWS = DataTree.MAIN.windows();
    public static final String PRETRAINED = "checkpoints/pretrained";
    public static final String PRETRAIN = "checkpoints/pretrain";
    public static final String MANIFEST = "manifest.json";
    public static final String RESOLVED_CONFIG = "config.resolved.yaml";
    /** The checkpoint files a model folder is read by, in order of preference. */
    public static final List<String> MODEL_FILES = List.of("best.json", "last.json");

    public RunLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** The run directory named on the command line, or the current directory. */
    public static RunLayout of(Path runDir) {
        return new RunLayout(runDir == null ? Path.of("") : runDir);
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    public Path raw() {
        return resolve(RAW);
    }

    public Path keyframes() {
        return resolve(KEYFRAMES);
    }

    public Path preprocessed() {
        return resolve(PREPROCESSED);
    }

    public Path windows() {
        return resolve(WINDOWS);
    }

    public Path pretrained() {
        return resolve(PRETRAINED);
    }

    public Path pretrain() {
        return resolve(PRETRAIN);
    }

    /** The checkpoint a model folder stands for: its best.json (best by validation loss), else its last.json. */
    public Optional<Path> checkpointIn(String modelFolder) {
        for (String name : MODEL_FILES) {
            Path p = resolve(modelFolder).resolve(name);
            if (Files.isRegularFile(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * The model a run ends with, for commands given {@code --run-dir} instead of a checkpoint: walking
     * {@link StandardPhases} backwards, the first phase with a model output that holds a checkpoint
     * ({@link #checkpointIn}) and that the manifest does not record as disabled.
     */
    public Optional<Path> finalModel() {
        return finalModel(StandardPhases.all());
    }

    /** {@link #finalModel()} over the given phases, in pipeline order. */
    public Optional<Path> finalModel(List<Phase> phases) {
        return finalModelOf(phases).map(ModelSource::checkpoint);
    }

    /** The final model over the given phases (in pipeline order), with the phase that made it. */
    public Optional<ModelSource> finalModelOf(List<Phase> phases) {
        Manifest manifest = Files.exists(manifest()) ? Manifest.load(manifest()) : new Manifest();
        for (int i = phases.size() - 1; i >= 0; i--) {
            Phase phase = phases.get(i);
            if (phase.modelOutput().isEmpty()) continue;
            PhaseRecord rec = manifest.get(phase.name());
            // Checkpoints left by a phase since switched off are not the run's result.
            if (rec != null && rec.status == PhaseRecord.Status.DISABLED) continue;
            Optional<Path> checkpoint = checkpointIn(phase.modelOutput().get());
            if (checkpoint.isPresent()) return Optional.of(new ModelSource(phase.name(), checkpoint.get()));
        }
        return Optional.empty();
    }

    public Path manifest() {
        return resolve(MANIFEST);
    }

    public Path resolvedConfig() {
        return resolve(RESOLVED_CONFIG);
    }
}
