package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.testing.RealExports;
import dev.autoeditor.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local folder of real Premiere exports as the data source, end to end on the tiny profile. */
class RealExportsRunTest {
    @TempDir
    Path tmp;

    @Test
    void localFolderOfRealExportsRunsEndToEnd() throws Exception {
        Path exports = RealExports.require();
        Path run = tmp.resolve("real");
        // One sample per second and two training steps keep the real run small enough for a test.
        CliRunner.Result r = CliRunner.run("full-run", "--run-dir", run.toString(), "--profile", "tiny", "-q",
                "--set", "convert.sample_fps=1", "--set", "train.max_steps=2", "--set", "distill.max_steps=2", "--set", "finetune.max_steps=2",
                "--set", "download.data=[{name: real, path: '" + exports + "'}]");
        assertEquals(0, r.code(), r.toString());

        Manifest m = Manifest.load(run.resolve(RunLayout.MANIFEST));
        for (String phase : StandardPhases.names()) {
            assertEquals(PhaseRecord.Status.DONE, m.get(phase).status, phase);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dataset = ((List<Map<String, Object>>) m.get("download-data").notes.get("datasets")).get(0);
        assertEquals(Hashing.sha256Tree(exports), dataset.get("sha256"));
        assertTrue(((Number) m.get("convert").notes.get("files_converted")).intValue() > 10, m.get("convert").notes.toString());
        assertTrue(Files.size(run.resolve(RunLayout.KEYFRAMES)) > 0);
        assertTrue(Files.isDirectory(run.resolve(RunLayout.WINDOWS).resolve("train")));
    }
}
