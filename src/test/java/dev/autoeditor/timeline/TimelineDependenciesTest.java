package dev.autoeditor.timeline;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timeline packages know nothing of ND4J, DL4J or the layers above them (model, train, data,
 * pipeline, cli): the generator's timeline side is usable, and testable, without a model.
 */
class TimelineDependenciesTest {
    private static final List<String> FORBIDDEN = List.of("org.nd4j", "org.deeplearning4j", "dev.autoeditor.model",
            "dev.autoeditor.train", "dev.autoeditor.data", "dev.autoeditor.pipeline", "dev.autoeditor.cli", "dev.autoeditor.fetch");

    @Test
    void timelineImportsNoModelCode() throws IOException {
        Path root = Path.of("src/main/java/dev/autoeditor/timeline");
        List<String> offending = new ArrayList<>();
        int files;
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> sources = s.filter(p -> p.toString().endsWith(".java")).toList();
            files = sources.size();
            for (Path p : sources) {
                for (String line : Files.readAllLines(p)) {
                    String t = line.trim();
                    if (t.contains("org.nd4j") || t.contains("org.deeplearning4j")) offending.add(root.relativize(p) + ": " + t);
                    if (!t.startsWith("import ")) continue;
                    String name = t.substring(7).replace("static ", "");
                    for (String f : FORBIDDEN) if (name.startsWith(f + ".")) offending.add(root.relativize(p) + ": " + t);
                }
            }
        }
        assertTrue(files > 50, "found the timeline sources (" + files + ")");
        assertTrue(offending.isEmpty(), String.join("\n", offending));
    }
}
