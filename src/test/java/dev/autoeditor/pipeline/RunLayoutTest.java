package dev.autoeditor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLayoutTest {
    @TempDir
    Path dir;

    private void touch(String relative) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "{}");
    }

    @Test
    void finalModelIsTheLastRlhfElseTheBestOfTheLastSupervisedPhase() throws Exception {
        RunLayout layout = new RunLayout(dir);
        assertEquals(Optional.empty(), layout.finalModel());
        touch("checkpoints/pretrain/last.json");
        assertEquals(dir.resolve("checkpoints/pretrain/last.json"), layout.finalModel().orElseThrow());
        touch("checkpoints/pretrain/best.json");
        assertEquals(dir.resolve("checkpoints/pretrain/best.json"), layout.finalModel().orElseThrow());
        touch("checkpoints/finetune/best.json");
        assertEquals(dir.resolve("checkpoints/finetune/best.json"), layout.finalModel().orElseThrow());
        touch("checkpoints/rlhf/last.json");
        assertEquals(dir.resolve("checkpoints/rlhf/last.json"), layout.finalModel().orElseThrow());
    }
}
