package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.pipeline.StandardPhases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real run directory for the report's and generation's tests, made once per test JVM: the tiny
 * profile's full run (download, convert, preprocess, window, pretrain, distill, the fine-tuning data
 * and finetune, rlhf, evaluate and samples), every phase real. Tests that damage files do so in a
 * {@link #copy}.
 */
public final class TinyRun {
    /** The phases of the pipeline, in order, as the report lists them. */
    public static final List<String> PHASES = StandardPhases.names();

    private static Path built;

    private TinyRun() {}

    /** The shared real run (do not modify: copy it with {@link #copy}). */
    public static synchronized Path get() throws Exception {
        if (built != null) return built;
        Path dir = Files.createTempDirectory("ae-report-tiny-run");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        Path run = dir.resolve("run");
        CliRunner.Result r = CliRunner.run("full-run", "--run-dir", run.toString(), "--profile", "tiny", "-q",
                // The tests write their own pages; the run's evaluate phase writes eval/ as full-run does.
                "--set", "report.enabled=false");
        assertEquals(0, r.code(), r.toString());
        built = run;
        return built;
    }

    /** A copy of the shared run in {@code target}. */
    public static Path copy(Path target) throws Exception {
        Path source = get();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        return target;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a test run over
        }
    }
}
