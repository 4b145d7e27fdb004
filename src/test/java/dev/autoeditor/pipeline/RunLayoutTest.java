package dev.autoeditor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void finalModelIsTheBestElseLastCheckpointOfTheLastModelPhaseThatHasOne() throws Exception {
        RunLayout layout = new RunLayout(dir);
        assertEquals(Optional.empty(), layout.finalModel());
        touch("checkpoints/pretrain/last.json");
        assertEquals(dir.resolve("checkpoints/pretrain/last.json"), layout.finalModel().orElseThrow());
        touch("checkpoints/pretrain/best.json");
        assertEquals(dir.resolve("checkpoints/pretrain/best.json"), layout.finalModel().orElseThrow());
        // A folder no registered phase writes is not a model of this run.
        touch("checkpoints/elsewhere/best.json");
        assertEquals(dir.resolve("checkpoints/pretrain/best.json"), layout.finalModel().orElseThrow());

        List<Phase> withLater = List.of(new PretrainPhase(), new FakeModelPhase("tuned", "pretrain"), new FakeModelPhase("rl", "tuned"));
        touch("checkpoints/rl/last.json");
        assertEquals(dir.resolve("checkpoints/rl/last.json"), layout.finalModel(withLater).orElseThrow());
        Files.delete(dir.resolve("checkpoints/rl/last.json"));
        touch("checkpoints/tuned/last.json");
        assertEquals(dir.resolve("checkpoints/tuned/last.json"), layout.finalModel(withLater).orElseThrow());
    }
}
