package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full run in a separate JVM, killed hard (destroyForcibly, no shutdown hooks) inside several
 * phases and started again, ends with the same data as an uninterrupted run with the same seed.
 */
class FullRunKillResumeTest {
    @TempDir
    Path tmp;

    /** Tiny, with larger batches so that the two epochs take few (slow) steps. */
    static final String[] RUN_ARGS = {"--profile", "tiny", "-q", "--set", "train.batch_size=16"};

    @Test
    void killedInsideSeveralPhasesThenResumedEqualsAnUninterruptedRun() throws Exception {
        Path reference = tmp.resolve("reference");
        CliRunner.Result straight = CliRunner.run(args(reference));
        assertEquals(0, straight.code(), straight.toString());

        Path run = tmp.resolve("killed");
        List<String> killedIn = new ArrayList<>();
        for (String phase : killPoints()) {
            killedIn.add(runAndKillWhen(run, phase, m -> running(m, phase)));
            Manifest after = Manifest.load(run.resolve(RunLayout.MANIFEST));
            assertEquals(PhaseRecord.RUNNING, after.get(phase).status, "killed inside " + phase + ", before it committed");
        }
        // Inside training, once the first epoch's checkpoint is on disk.
        Path lastCheckpoint = run.resolve(RunLayout.PRETRAIN).resolve("epoch-0001.json");
        killedIn.add(runAndKillWhen(run, "pretrain", m -> running(m, "pretrain") && Files.exists(lastCheckpoint)));
        assertEquals(PhaseRecord.RUNNING, Manifest.load(run.resolve(RunLayout.MANIFEST)).get("pretrain").status);
        CliRunner.Result status = CliRunner.run("status", "--run-dir", run.toString());
        assertTrue(status.out().contains("interrupted") || status.out().contains("stale") || status.out().contains("pending"), status.out());

        CliRunner.Result resumed = CliRunner.run(args(run));
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(List.of(), RunDirectories.differences(reference, run, "data"), "killed in " + killedIn);
        assertTrue(resumed.out().contains("pretrain") && FullRunCommandTest.outcomes(resumed).get("pretrain").equals("resumed"), resumed.out());
        Checkpoints.assertSameWeights(reference.resolve(RunLayout.PRETRAIN).resolve("last.json"),
                run.resolve(RunLayout.PRETRAIN).resolve("last.json"), 1e-6);
        Manifest done = Manifest.load(run.resolve(RunLayout.MANIFEST));
        for (String phase : StandardPhases.names()) {
            assertEquals(PhaseRecord.Status.DONE, done.get(phase).status, phase);
        }
        assertTrue(done.get(killPoints().get(0)).attempts >= 2, "the first killed phase ran again");
    }

    /** Phases to kill the run in, in pipeline order (each a separate JVM start). */
    static List<String> killPoints() {
        return List.of("convert", "window");
    }

    private static String[] args(Path run) {
        List<String> a = new ArrayList<>(List.of("full-run", "--run-dir", run.toString()));
        a.addAll(List.of(RUN_ARGS));
        return a.toArray(String[]::new);
    }

    private static boolean running(Manifest m, String phase) {
        PhaseRecord r = m.get(phase);
        return r != null && PhaseRecord.RUNNING.equals(r.status);
    }

    /**
     * Starts {@code auto-editor full-run} in a new JVM (no shell) and kills it the moment the run
     * directory's manifest shows {@code condition}; returns what the manifest said at the kill.
     */
    static String runAndKillWhen(Path run, String label, Predicate<Manifest> condition) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", testClassPath(), Main.class.getName()));
        command.addAll(List.of(args(run)));
        Path log = run.resolveSibling(run.getFileName() + "-" + label + ".log");
        Files.createDirectories(run);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The child inherits this JVM's OMP_NUM_THREADS: another thread count sums in another order.
        Process process = pb.start();
        Path manifest = run.resolve(RunLayout.MANIFEST);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(manifest)) {
                    Manifest m;
                    try {
                        m = Manifest.load(manifest);
                    } catch (UserException e) {
                        throw new AssertionError("manifest unreadable while the run was live: " + e.getMessage(), e);
                    }
                    if (condition.test(m)) {
                        process.destroyForcibly().waitFor();
                        return label;
                    }
                }
                if (!process.isAlive()) {
                    fail("the run ended (exit " + process.exitValue() + ") before " + label + " was seen running:\n" + Files.readString(log));
                }
                Thread.sleep(5);
            }
            fail("timed out waiting for " + label + ":\n" + Files.readString(log));
            return label;
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /** The classpath of this test JVM (surefire's manifest-only jar names every entry, so it works as -cp). */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
