package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autoeditor.util.OutputTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tiny full runs with the same seed, each in its own JVM (Map.of and Set.of iterate in an order
 * salted afresh per JVM, so only separate JVMs show an unfixed key order), then an evaluation of
 * each: every JSON file of the two runs is the same, key for key in the same order and value for value
 * as written, once the run log's times and durations are left out. Both runs set SOURCE_DATE_EPOCH, so
 * the files' own "created"/"time" agree, and both run in the same folder (one after the other, the
 * first moved aside), so the paths files record agree: then the hashes of files that hold a time or a
 * path, which other files record, must agree as well.
 */
class ReproducibleRunTest {
    @TempDir
    Path tmp;

    /** What still differs between two runs: when the run log's events happened and how long they took. */
    static final Set<String> LEFT_OUT = Set.of(
            "startedAt", "finishedAt", "updatedAt",   // manifest.json: when each phase ran
            "seconds", "windows_per_s",               // manifest.json and the training metrics: durations and speeds
            "checkpoints/pretrain",                   // manifest.json: hash of the pretrain folder, whose metrics hold those durations
            "upstream:pretrain",                      // manifest.json: the same hash, as an input of the phases after pretrain
            "checkpoints/rlhf",                       // manifest.json: hash of the rlhf folder, whose metrics hold durations too
            "upstream:rlhf",                          // manifest.json: the same hash, as an input of evaluate
            "inputHash",                              // manifest.json: the hash over those inputs (every other part is compared)
            "report",                                 // manifest.json: hash of the report page, which shows every phase's duration
            "frames_per_s_batch1",                    // checkpoints/distill/summary.json: a speed, as windows_per_s
            "checkpoints/distill",                    // manifest.json: hash of the distill folder, whose summary and metrics hold speeds
            "upstream:distill",                       // manifest.json: the same hash, as an input of the phases after distill
            "checkpoints/finetune",                   // manifest.json: hash of the finetune folder, whose metrics hold durations
            "upstream:finetune");                     // manifest.json: the same hash, as an input of rlhf and the phases after it

    /** JSON files every complete run writes (the comparison must have seen them, or it proves little). */
    static final List<String> EXPECTED = List.of("manifest.json", "evaluation.json", "data/keyframes.csv.provenance.json",
            "data/raw/synth/synth-manifest.json", "data/preprocessed/splits.json", "data/preprocessed/normaliser.json",
            "data/windows/windows.json", "data/windows/train/index.json", "data/windows/val/index.json",
            "data/windows/test/index.json", "checkpoints/pretrain/last.json", "checkpoints/pretrain/best.json",
            "checkpoints/distill/best.json", "checkpoints/distill/scratch/best.json", "checkpoints/distill/summary.json",
            "checkpoints/finetune/summary.json", "checkpoints/rlhf/summary.json", "samples/index.json",
            "checkpoints/pretrain/metrics/steps.jsonl", "checkpoints/pretrain/metrics/epochs.jsonl");

    @Test
    void twoRunsInTwoJvmsWriteTheSameJson() throws Exception {
        Path work = tmp.resolve("run");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        runIn(work, a);
        runIn(work, b);

        List<String> files = JsonFiles.list(a);
        assertTrue(files.containsAll(EXPECTED), "missing from the run: " + EXPECTED.stream().filter(f -> !files.contains(f)).toList());
        assertEquals(List.of(), JsonFiles.differences(a, b, LEFT_OUT));
        // The times were pinned, not left out: they are there, and equal.
        assertTrue(Files.readString(a.resolve("data/keyframes.csv.provenance.json")).contains("\"time\" : \"2023-11-14T22:13:20Z\""));
    }

    /** Runs in {@code work} in a new JVM, then moves the run directory to {@code keep}. */
    private static void runIn(Path work, Path keep) throws Exception {
        await(start(work), work);
        Files.move(work, keep);
    }

    /** full-run on the tiny profile (one epoch of big batches: a few steps), then evaluate --json, in a new JVM. */
    private static Process start(Path run) throws Exception {
        Files.createDirectories(run);
        String dir = run.toString();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", FullRunKillResumeTest.testClassPath(), CommandSequence.class.getName(),
                "full-run", "--run-dir", dir, "--profile", "tiny", "-q", "--set", "train.epochs=1", "--set", "train.batch_size=16",
                CommandSequence.THEN,
                "evaluate", "--run-dir", dir, "--profile", "tiny", "-q", "--json", run.resolve("evaluation.json").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(run.resolveSibling(run.getFileName() + ".log").toFile());
        pb.environment().put(OutputTime.ENV, "1700000000");
        // The child inherits this JVM's OMP_NUM_THREADS: the same thread count sums in the same order.
        return pb.start();
    }

    private static void await(Process process, Path run) throws Exception {
        Path log = run.resolveSibling(run.getFileName() + ".log");
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            fail("the run in " + run + " took over 10 minutes:\n" + Files.readString(log));
        }
        assertEquals(0, process.exitValue(), () -> "run in " + run + " failed:\n" + readQuietly(log));
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
