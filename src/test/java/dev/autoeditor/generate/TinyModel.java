package dev.autoeditor.generate;

import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.report.TinyRun;
import dev.autoeditor.train.ModelArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trained tiny model the generation tests continue prompts with: the shared tiny run's pretrained
 * model ({@link TinyRun}, made once per test JVM and shared with the report's tests), and its
 * synthetic exports as prompts.
 */
final class TinyModel {
    private static ModelArtifact artifact;

    private TinyModel() {}

    static Path run() throws Exception {
        return TinyRun.get();
    }

    static Path checkpoint() throws Exception {
        return run().resolve("checkpoints/pretrain/best.json");
    }

    /** The run's final model (rlhf's policy in the default pipeline): what {@code --run-dir} uses. */
    static Path finalModel() throws Exception {
        return new dev.autoeditor.pipeline.RunLayout(run()).finalModel().orElseThrow();
    }

    static synchronized ModelArtifact artifact() throws Exception {
        if (artifact == null) artifact = ModelArtifact.load(checkpoint());
        return artifact;
    }

    /** The tiny run's synthetic exports, sorted. */
    static List<Path> exports() throws Exception {
        try (Stream<Path> s = Files.walk(run().resolve("data/raw"))) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    /** A generator of the tiny model with the default generate.* settings and the given temperature. */
    static EditGenerator generator(double temperature) throws Exception {
        GenerateSettings defaults = GenerateSettings.from(ConfigLoader.defaults());
        return new EditGenerator(artifact(), defaults.withTemperature(temperature));
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
