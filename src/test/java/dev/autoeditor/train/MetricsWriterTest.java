package dev.autoeditor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.util.UserException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming reopens the metrics files a killed run left behind, whatever state their last line is in. */
class MetricsWriterTest {

    private static void writeSteps(Path dir, String jsonlTail, String csvTail) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("steps.jsonl"),
                "{\"step\":1,\"loss\":0.9}\n{\"step\":2,\"loss\":0.8}\n{\"step\":3,\"loss\":0.7}\n" + jsonlTail, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("steps.csv"), "step,loss\n1,0.9\n2,0.8\n3,0.7\n" + csvTail, StandardCharsets.UTF_8);
    }

    @Test
    void aLineTornByAKillIsDroppedOnResume(@TempDir Path dir) throws Exception {
        // The kill came while step 4's row was being written: its JSON and CSV lines are cut short.
        writeSteps(dir, "{\"step\":4,\"lo", "4,0.");
        try (MetricsWriter ignored = new MetricsWriter(dir, 2)) {
            // reopening is the behaviour under test
        }
        assertEquals(List.of("{\"step\":1,\"loss\":0.9}", "{\"step\":2,\"loss\":0.8}"),
                Files.readAllLines(dir.resolve("steps.jsonl"), StandardCharsets.UTF_8));
        assertEquals(List.of("step,loss", "1,0.9", "2,0.8"), Files.readAllLines(dir.resolve("steps.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void aDamagedLineBeforeTheEndIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("steps.jsonl"), "{\"step\":1}\nnot json\n{\"step\":3}\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("steps.csv"), "step\n1\n2\n3\n", StandardCharsets.UTF_8);
        UserException e = assertThrows(UserException.class, () -> new MetricsWriter(dir, 3).close());
        assertTrue(e.getMessage().contains("steps.jsonl") && e.getMessage().contains("line 2") && e.getMessage().contains("--force"),
                e.getMessage());
        // Nothing is rewritten when the file cannot be read.
        assertEquals(3, Files.readAllLines(dir.resolve("steps.jsonl")).size());
    }
}
