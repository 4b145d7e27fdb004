package dev.autoeditor.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The standard places inside a run directory. Every phase reads and writes here, so that a run
 * directory alone says what was done: data under data/, models under checkpoints/, the resolved
 * config and the manifest at the top.
 */
public record RunLayout(Path root) {
    public static final String RAW = "data/raw";
    public static final String KEYFRAMES = "data/keyframes.csv";
    public static final String PREPROCESSED = "data/preprocessed";
    public static final String WINDOWS = "data/windows";
    public static final String PRETRAINED = "checkpoints/pretrained";
    public static final String PRETRAIN = "checkpoints/pretrain";
    public static final String MANIFEST = "manifest.json";
    public static final String RESOLVED_CONFIG = "config.resolved.yaml";

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

    /**
     * The model a run ends with, for commands given {@code --run-dir} instead of a checkpoint: the
     * last RLHF checkpoint once rlhf has run, else the best checkpoint (by validation loss) of the
     * last supervised phase that has one (finetune, distill, pretrain), else its last checkpoint.
     */
    public Optional<Path> finalModel() {
        Path rlhf = resolve("checkpoints/rlhf/last.json");
        if (Files.isRegularFile(rlhf)) return Optional.of(rlhf);
        for (String phase : List.of("checkpoints/finetune", "checkpoints/distill", PRETRAIN)) {
            for (String name : List.of("best.json", "last.json")) {
                Path p = resolve(phase).resolve(name);
                if (Files.isRegularFile(p)) return Optional.of(p);
            }
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
