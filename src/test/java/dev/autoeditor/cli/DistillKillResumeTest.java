package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.pipeline.DistillPhase;
import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.Selection;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.pipeline.TrainingOrchestrator;
import dev.autoeditor.train.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distill phase in a separate JVM, killed hard (destroyForcibly) once inside the student's training
 * and once inside the control's, then resumed in-process, ends with the weights, Adam state aside, and
 * summary of an uninterrupted run from the same pretrained teacher.
 */
class DistillKillResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tiny, with three epochs so each run has checkpoints to resume from and steps left after them. */
    private static final List<String> SETTINGS = List.of("--profile", "tiny", "--set", "distill.epochs=3", "--set", "distill.speed_runs=1");
    /** The summary's timings and the time it was written: the keys not expected to repeat. */
    private static final List<String> TIMING = List.of("windows_per_s", "frames_per_s_batch1", "time");

    @TempDir
    Path tmp;

    @Test
    void aKilledDistillationResumesToTheUninterruptedWeightsAndSummary() throws Exception {
        // The phases before distill once, through the orchestrator; then two copies.
        Path reference = tmp.resolve("reference");
        Config config = ConfigLoader.load("tiny", null, List.of("distill.epochs=3", "distill.speed_runs=1"));
        List<String> names = StandardPhases.names();
        new TrainingOrchestrator(new RunLayout(reference), config, StandardPhases.all().subList(0, names.indexOf(DistillPhase.NAME)), "test")
                .run(Selection.all());
        Path killed = tmp.resolve("killed");
        copy(reference, killed);

        CliRunner.Result straight = CliRunner.run(args("distill", "--run-dir", reference.toString()));
        assertEquals(0, straight.code(), straight.toString());

        Path student = killed.resolve(DistillPhase.OUTPUT);
        runAndKillWhen(killed, "student", m -> running(m) && Files.exists(student.resolve("epoch-0001.json")));
        assertTrue(!Files.exists(student.resolve("scratch/last.json")), "killed inside the student's training");
        runAndKillWhen(killed, "control", m -> running(m) && Files.exists(student.resolve("scratch/epoch-0001.json")));
        assertEquals(PhaseRecord.RUNNING, Manifest.load(killed.resolve(RunLayout.MANIFEST)).get(DistillPhase.NAME).status);
        assertTrue(!Files.exists(student.resolve("summary.json")), "killed before the summary");

        CliRunner.Result resumed = CliRunner.run(args("distill", "--run-dir", killed.toString()));
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().lines().anyMatch(l -> l.contains("distill") && l.contains("resumed")), resumed.out());
        Path expected = reference.resolve(DistillPhase.OUTPUT);
        for (String checkpoint : List.of("last.json", "best.json", "scratch/last.json", "scratch/best.json")) {
            assertEquals(CheckpointStore.read(expected.resolve(checkpoint)).step(), CheckpointStore.read(student.resolve(checkpoint)).step(), checkpoint);
            Checkpoints.assertSameWeights(expected.resolve(checkpoint), student.resolve(checkpoint), 1e-6);
        }
        Map<?, ?> a = withoutTimings(JSON.readValue(expected.resolve("summary.json").toFile(), Map.class));
        Map<?, ?> b = withoutTimings(JSON.readValue(student.resolve("summary.json").toFile(), Map.class));
        // Paths name each run's own folder.
        assertEquals(a.toString().replace(reference.toString(), "RUN"), b.toString().replace(killed.toString(), "RUN"));
    }

    private static String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(SETTINGS);
        return all.toArray(String[]::new);
    }

    private static boolean running(Manifest m) {
        PhaseRecord r = m.get(DistillPhase.NAME);
        return r != null && PhaseRecord.RUNNING.equals(r.status);
    }

    /** The summary less its timings, recursively. */
    @SuppressWarnings("unchecked")
    private static Map<?, ?> withoutTimings(Map<?, ?> doc) {
        Map<Object, Object> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : doc.entrySet()) {
            if (TIMING.contains(String.valueOf(e.getKey()))) continue;
            out.put(e.getKey(), e.getValue() instanceof Map<?, ?> m ? withoutTimings(m) : e.getValue());
        }
        return out;
    }

    /** {@code auto-editor distill --run-dir RUN} in a new JVM (no shell), killed the moment the manifest and files show {@code condition}. */
    private static void runAndKillWhen(Path run, String label, java.util.function.Predicate<Manifest> condition) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", FullRunKillResumeTest.testClassPath(), Main.class.getName()));
        command.addAll(List.of(args("distill", "--run-dir", run.toString(), "-q")));
        Path log = run.resolveSibling(run.getFileName() + "-" + label + ".log");
        // The child inherits this JVM's OMP_NUM_THREADS: another thread count sums in another order.
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path manifest = run.resolve(RunLayout.MANIFEST);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        try {
            while (System.nanoTime() < deadline) {
                if (condition.test(Manifest.load(manifest))) {
                    process.destroyForcibly().waitFor();
                    return;
                }
                if (!process.isAlive()) fail("distill ended (exit " + process.exitValue() + ") before the " + label + " was seen:\n" + Files.readString(log));
                Thread.sleep(5);
            }
            fail("timed out waiting for the " + label + ":\n" + Files.readString(log));
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
