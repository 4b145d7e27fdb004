package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact bytes of the worked continuation ({@link ContinuationBuilderTest#workedExample()}): the cut
 * NTSC prompt with linked stereo audio, then generated clips with keyframes, audio and links. To
 * regenerate after a deliberate change, run with {@code -Dautoeditor.updateGolden=true} and review the diff.
 */
class ContinuationGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/xmeml/golden/continuation.xml");

    @Test
    void theWrittenEditMatchesTheGoldenFile(@TempDir Path dir) throws IOException {
        Project edit = ContinuationBuilderTest.workedExample().buildProject();
        Path written = dir.resolve("edit.xml");
        new XmemlWriter().write(edit, written);
        byte[] bytes = Files.readAllBytes(written);
        if (Boolean.getBoolean("autoeditor.updateGolden")) Files.write(GOLDEN, bytes);
        assertArrayEquals(Files.readAllBytes(GOLDEN), bytes, () -> new String(bytes, StandardCharsets.UTF_8));
        Project back = new XmemlReader().read(GOLDEN);
        assertEquals(List.of(), back.warnings());
        assertEquals(edit.sequences(), back.sequences());
    }
}
