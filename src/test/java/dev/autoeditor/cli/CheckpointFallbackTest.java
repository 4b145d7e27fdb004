package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.data.KeyframeCsvFixture;
import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.train.CheckpointStore;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Resuming when the newest checkpoint is damaged or gone (issue 18, item 5): training falls back to
 * the newest intact checkpoint, says which, drops the metrics rows after it, and continues exactly as
 * an uninterrupted run. In a run directory a changed setting stops an interrupted phase, naming it, and
 * `--force` moves its checkpoints aside (item 6).
 */
class CheckpointFallbackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The windows, and a reference run of three epochs straight, shared by the tests (they only read them). */
    @TempDir
    static Path shared;

    static String win;
    static Path reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() throws Exception {
        Path csv = shared.resolve("keyframes.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(31, 9, 2, 8, 100));
        String pre = shared.resolve("preprocessed").toString();
        win = shared.resolve("windows").toString();
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", csv.toString(), "--output", pre).code());
        assertEquals(0, CliRunner.run("window", "--profile", "tiny", "-q", "--input", pre, "--output", win).code());
        reference = shared.resolve("reference");
        assertEquals(0, pretrain(reference, 3).code());
    }

    private static CliRunner.Result pretrain(Path out, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("pretrain", "--profile", "tiny", "-q", "--set", "train.epochs=" + epochs,
                "--set", "train.patience=10", "--data", win, "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** Runs {@code command} and returns its result with the warnings logged meanwhile, one string each. */
    static Logged withWarnings(java.util.function.Supplier<CliRunner.Result> command) {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.autoeditor");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            CliRunner.Result r = command.get();
            return new Logged(r, log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList());
        } finally {
            logger.detachAppender(log);
        }
    }

    record Logged(CliRunner.Result result, List<String> warnings) {}

    private static long step(Path json) throws Exception {
        return JSON.readTree(json.toFile()).path("training").path("step").asLong();
    }

    private static Path weightsOf(Path json) throws Exception {
        return json.resolveSibling(JSON.readTree(json.toFile()).path("weights").asText());
    }

    /** Flips one byte in the middle of a file. */
    private static void damage(Path file) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xFF);
        }
    }

    /** The steps of a metrics file, in order. */
    private static List<Long> steps(Path jsonl) throws Exception {
        List<Long> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) if (!line.isBlank()) out.add(JSON.readTree(line).path("step").asLong());
        return out;
    }

    @Test
    void aDamagedLastCheckpointFallsBackToTheNewestIntactOneAndResumesExactly() throws Exception {
        // The same run stopped one step into its third epoch (the schedule depends on train.epochs, not on where it stops).
        Path out = dir.resolve("ckpt");
        assertEquals(0, pretrain(out, 3, "--set", "train.max_steps=" + (step(reference.resolve("epoch-0002.json")) + 1)).code());
        Path epoch1 = out.resolve("epoch-0001.json");
        long step1 = step(epoch1);
        assertTrue(step(out.resolve("epoch-0002.json")) > step1, "epochs of several steps each");
        // The newest checkpoints are damaged: last's and best's weights, epoch 2's JSON cut short.
        damage(weightsOf(out.resolve("last.json")));
        damage(weightsOf(out.resolve("best.json")));
        Path epoch2 = out.resolve("epoch-0002.json");
        Files.writeString(epoch2, Files.readString(epoch2).substring(0, 200));
        Map<Path, String> before = FileHashes.of(Path.of(win), epoch1, weightsOf(epoch1));

        Logged resumed = withWarnings(() -> pretrain(out, 3, "--resume", "--set", "train.max_steps=0"));

        assertEquals(0, resumed.result().code(), resumed.result().toString());
        String said = String.join("\n", resumed.warnings());
        assertTrue(said.contains("resuming from " + epoch1 + " (step " + step1 + ")") && said.contains("the newest intact checkpoint"), said);
        assertTrue(said.contains("last.json") && said.contains("corrupt"), "says what was passed over: " + said);
        assertEquals(Map.of(), FileHashes.changed(before));
        // Exactly the uninterrupted run: same weights, and each step's metrics row once (those after step1 were dropped first).
        Checkpoints.assertSameWeights(reference.resolve("last.json"), out.resolve("last.json"), 1e-6);
        List<Long> logged = steps(out.resolve("metrics/steps.jsonl"));
        assertEquals(steps(reference.resolve("metrics/steps.jsonl")), logged);
        assertEquals(new HashSet<>(logged).size(), logged.size(), "no step twice: " + logged);
        assertEquals(3, steps(out.resolve("metrics/epochs.jsonl")).size());
    }

    @Test
    void aDeletedLastJsonResumesFromTheNewestIntactCheckpointInsteadOfStartingOver() throws Exception {
        Path out = dir.resolve("ckpt");
        long step2 = step(reference.resolve("epoch-0002.json"));
        assertEquals(0, pretrain(out, 3, "--set", "train.max_steps=" + (step2 + 1)).code());
        assertEquals(step2 + 1, step(out.resolve("last.json")));
        Files.delete(out.resolve("last.json"));
        Map<Path, String> before = FileHashes.of(Path.of(win), out.resolve("epoch-0001.json"));

        // Without --resume the folder still counts as holding checkpoints: nothing is overwritten.
        CliRunner.Result fresh = pretrain(out, 3, "--set", "train.max_steps=0");
        assertEquals(ExitCodes.FAILURE, fresh.code(), fresh.toString());
        assertTrue(SettingsUpFrontTest.error(fresh).contains("already holds checkpoints"), fresh.toString());

        Logged resumed = withWarnings(() -> pretrain(out, 3, "--resume", "--set", "train.max_steps=0"));

        assertEquals(0, resumed.result().code(), resumed.result().toString());
        String said = String.join("\n", resumed.warnings());
        assertTrue(said.contains("no last.json") && said.contains("(step " + step2 + ")"), said);
        assertEquals(Map.of(), FileHashes.changed(before), "the older checkpoints were not pruned by a restart");
        Checkpoints.assertSameWeights(reference.resolve("last.json"), out.resolve("last.json"), 1e-6);
    }

    @Test
    void inARunDirectoryADamagedLastNoLongerBlocksAndAChangedSettingStopsUntilForced() throws Exception {
        Path run = dir.resolve("run");
        // Larger batches (fewer steps) and no report page: this test is about the training phase.
        String[] tiny = {"--run-dir", run.toString(), "--profile", "tiny", "-q", "--set", "train.epochs=2", "--set", "train.patience=10",
            "--set", "train.batch_size=16", "--set", "report.enabled=false", "--set", "distill.enabled=false",
            "--set", "finetune.enabled=false", "--set", "samples.enabled=false"};
        CliRunner.Result first = CliRunner.run(concat(new String[] {"full-run"}, tiny));
        assertEquals(0, first.code(), first.toString());
        Path checkpoints = run.resolve(RunLayout.PRETRAIN);

        // As a kill during the second epoch's end leaves it: pretrain running, its checkpoints on disk.
        interrupt(run);
        Map<Path, String> saved = FileHashes.of(checkpoints);
        Path manifest = run.resolve(RunLayout.MANIFEST);
        Map<Path, String> manifestBefore = FileHashes.of(manifest);
        CliRunner.Result changed = CliRunner.run(concat(new String[] {"full-run", "--set", "model.layers=2"}, tiny));
        assertEquals(ExitCodes.USAGE, changed.code(), changed.toString());
        String line = SettingsUpFrontTest.error(changed);
        assertTrue(line.contains("phase pretrain was interrupted") && line.contains("model.layers 1 -> 2"), line);
        assertTrue(line.contains("--from pretrain --force") && line.contains("checkpoints/pretrain.discarded-<time>/"), line);
        assertEquals(Map.of(), FileHashes.changed(saved), "not a checkpoint deleted");
        assertEquals(Map.of(), FileHashes.changed(manifestBefore), "nothing ran");

        // A damaged last checkpoint used to block this for good.
        damage(weightsOf(checkpoints.resolve("last.json")));
        Logged resumed = withWarnings(() -> CliRunner.run(concat(new String[] {"full-run"}, tiny)));
        assertEquals(0, resumed.result().code(), resumed.result().toString());
        assertEquals("resumed", FullRunCommandTest.outcomes(resumed.result()).get("pretrain"), resumed.result().out());
        assertTrue(String.join("\n", resumed.warnings()).contains("the newest intact checkpoint"), resumed.warnings().toString());

        // Interrupted again, then forced to start over with the new setting: the old checkpoints are moved aside.
        interrupt(run);
        Map<Path, String> old = FileHashes.of(checkpoints);
        CliRunner.Result forced = CliRunner.run(concat(new String[] {"full-run", "--set", "model.layers=2", "--only", "pretrain", "--force"}, tiny));
        assertEquals(0, forced.code(), forced.toString());
        List<Path> aside;
        try (Stream<Path> s = Files.list(checkpoints.getParent())) {
            aside = s.filter(p -> p.getFileName().toString().startsWith("pretrain.discarded-")).toList();
        }
        assertEquals(1, aside.size(), aside.toString());
        Set<String> movedHashes = new HashSet<>(FileHashes.of(aside.get(0)).values());
        assertTrue(movedHashes.containsAll(old.values()), "every old file is kept, unchanged");
        assertEquals(2, CheckpointStore.read(checkpoints.resolve("last.json")).model().layers());
    }

    private static void interrupt(Path run) throws Exception {
        Path file = run.resolve(RunLayout.MANIFEST);
        Manifest m = Manifest.load(file);
        m.get("pretrain").status = PhaseRecord.RUNNING;
        m.get("pretrain").finishedAt = null;
        m.save(file);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @SuppressWarnings("unused")
    private static JsonNode read(Path p) throws Exception {
        return JSON.readTree(p.toFile());
    }
}
