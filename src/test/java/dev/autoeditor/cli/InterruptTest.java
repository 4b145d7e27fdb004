package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.train.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) during training (issue 18, item 8): a full run in its own JVM gets SIGINT once its
 * first epoch's checkpoint is on disk, exits 130 and says, in one line, what was saved and the
 * command that resumes.
 */
@DisabledOnOs(OS.WINDOWS)
class InterruptTest {
    @TempDir
    Path tmp;

    @Test
    void sigintDuringTrainingSaysWhatWasSavedAndHowToResume() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Path notes = Files.writeString(run.resolve("my-notes.txt"), "the user's own file");
        Map<Path, String> before = FileHashes.of(notes);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", FullRunKillResumeTest.testClassPath(), Main.class.getName(),
                "full-run", "--run-dir", run.toString(), "--profile", "tiny", "-q", "--set", "train.epochs=20"));
        Path log = tmp.resolve("run.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path epoch1 = run.resolve(RunLayout.PRETRAIN).resolve("epoch-0001.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(epoch1)) {
                if (!process.isAlive()) fail("the run ended (exit " + process.exitValue() + ") before its first epoch:\n" + Files.readString(log));
                if (System.nanoTime() > deadline) fail("no first epoch within 120 s:\n" + Files.readString(log));
                Thread.sleep(20);
            }
            // As the terminal sends it on Ctrl-C; started without a shell.
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits after SIGINT");
        } finally {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);

        assertEquals(ExitCodes.INTERRUPTED, process.exitValue(), output);
        List<String> lines = output.lines().filter(l -> l.startsWith("interrupted")).toList();
        assertEquals(1, lines.size(), "one line: " + output);
        String line = lines.get(0);
        assertTrue(line.contains("phase pretrain"), line);
        assertTrue(Pattern.compile("phases [^;]*convert, [^;]*window are done").matcher(line).find(), line);
        assertTrue(line.contains("resume with: auto-editor full-run --run-dir " + run), line);
        Matcher saved = Pattern.compile("newest checkpoint (\\S+\\.json) \\(epoch (\\d+) done, step (\\d+)\\)").matcher(line);
        assertTrue(saved.find(), line);
        // The checkpoint it names is intact, and is the one the run will resume from.
        Path checkpoint = Path.of(saved.group(1));
        assertTrue(checkpoint.startsWith(run.resolve(RunLayout.PRETRAIN)), line);
        assertEquals(Long.parseLong(saved.group(3)), CheckpointStore.read(checkpoint).step());
        assertEquals(PhaseRecord.RUNNING, Manifest.load(run.resolve(RunLayout.MANIFEST)).get("pretrain").status);
        assertEquals(Map.of(), FileHashes.changed(before));
    }
}
