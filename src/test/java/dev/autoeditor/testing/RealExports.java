package dev.autoeditor.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the tests find the real Premiere/FCP7 exports: {@code ../shared/data/real-xml} beside the
 * project, or the folder named by {@code -Dautoeditor.realxml=DIR}. They are never part of the project,
 * so a fresh clone has none and every test that needs them must skip, not fail.
 *
 * <p>Call {@link #require()} at the top of a test (or in {@code @BeforeAll}), never inside
 * {@code assertThrows} or another lambda: the skip is an exception, and {@code assertThrows} would
 * catch it and report a failure. {@code .ci/run} runs the suite once more from a copy of the project
 * with nothing beside it, which is how that mistake is caught.
 */
public final class RealExports {
    /** System property naming another folder of exports. */
    public static final String PROPERTY = "autoeditor.realxml";

    private RealExports() {}

    /** The folder as configured, absolute, whether or not it exists. */
    public static Path configured() {
        String property = System.getProperty(PROPERTY);
        Path dir = property != null && !property.isBlank() ? Path.of(property) : Path.of("..", "shared", "data", "real-xml");
        return dir.toAbsolutePath().normalize();
    }

    /** The folder of real exports, or empty when it is out of reach. */
    public static Optional<Path> folder() {
        Path dir = configured();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** The folder; skips the calling test when it is out of reach. */
    public static Path require() {
        Optional<Path> dir = folder();
        assumeTrue(dir.isPresent(), "real xmeml exports not present at " + configured());
        return dir.get();
    }

    /** One export by file name; skips the calling test when the folder or the file is absent. */
    public static Path require(String fileName) {
        Path file = require().resolve(fileName);
        assumeTrue(Files.isRegularFile(file), "real export missing: " + file);
        return file;
    }
}
