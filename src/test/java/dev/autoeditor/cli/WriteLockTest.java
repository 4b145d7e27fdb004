package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.data.KeyframeCsvFixture;
import dev.autoeditor.pipeline.DistillPhase;
import dev.autoeditor.pipeline.FinetunePhase;
import dev.autoeditor.pipeline.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes into a folder takes the lock run directories take (issue 18, item 2): two
 * standalone `pretrain --out DIR` on one folder used to both exit 0 with their checkpoints interleaved.
 * The other writer is a child JVM ({@link LockHolder}) holding the folder's lock as a running command does.
 */
class WriteLockTest {
    @TempDir
    Path dir;

    Path csv;
    String pre;
    String win;

    @BeforeEach
    void data() throws Exception {
        csv = dir.resolve("keyframes.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(31, 9, 2, 8, 100));
        pre = dir.resolve("preprocessed").toString();
        win = dir.resolve("windows").toString();
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", csv.toString(), "--output", pre).code());
        assertEquals(0, CliRunner.run("window", "--profile", "tiny", "-q", "--input", pre, "--output", win).code());
    }

    private static void assertRefused(CliRunner.Result r, Path busy, String... fix) {
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        String line = SettingsUpFrontTest.error(r);
        assertTrue(line.contains("another auto-editor"), line);
        assertTrue(line.contains(busy.toAbsolutePath().normalize() + "/.auto-editor.lock"), "names the lock: " + line);
        assertTrue(line.contains("wait for it to finish"), line);
        for (String f : fix) assertTrue(line.contains(f), "'" + f + "' missing from: " + line);
    }

    @Test
    void aSecondPretrainIntoTheSameFolderIsRefusedAndTouchesNothing() throws Exception {
        Path out = dir.resolve("ckpt");
        CliRunner.Result first = CliRunner.run("pretrain", "--profile", "tiny", "-q", "--set", "train.max_steps=1", "--data", win,
                "--out", out.toString());
        assertEquals(0, first.code(), first.toString());

        CliRunner.Result second;
        Map<Path, String> before;
        try (LockHolder other = LockHolder.hold(out)) {
            before = FileHashes.of(dir);
            second = CliRunner.run("pretrain", "--profile", "tiny", "-q", "--set", "train.max_steps=2", "--data", win,
                    "--out", out.toString(), "--resume");
        }

        assertRefused(second, out, "--out");
        assertEquals(Map.of(), FileHashes.changed(before), "no checkpoint or metrics row was written");
        // Once the other one is done, the same command runs.
        CliRunner.Result after = CliRunner.run("pretrain", "--profile", "tiny", "-q", "--set", "train.max_steps=2", "--data", win,
                "--out", out.toString(), "--resume");
        assertEquals(0, after.code(), after.toString());
        assertFalse(Files.exists(out.resolve(".auto-editor.lock")), "the lock file goes with the lock");
    }

    @Test
    void distillAndFinetuneRefuseAFolderAnotherCommandWritesInAndWriteNothing() throws Exception {
        Path teacher = dir.resolve("teacher");
        CliRunner.Result trained = CliRunner.run("pretrain", "--profile", "tiny", "-q", "--set", "train.max_steps=1", "--data", win,
                "--out", teacher.toString());
        assertEquals(0, trained.code(), trained.toString());

        Path student = dir.resolve("student");
        try (LockHolder other = LockHolder.hold(student)) {
            Map<Path, String> before = FileHashes.of(dir);
            for (String mode : List.of("--force", "--resume")) {
                assertRefused(CliRunner.run("distill", "--profile", "tiny", "--data", win, "--teacher", teacher.toString(),
                        "--out", student.toString(), mode), student, "--out");
            }
            assertEquals(before, FileHashes.of(dir), "no checkpoint, metrics row or summary was written, and nothing changed");
        }

        // A fine-tune another command is writing is named as busy, not taken for a finished one ("already holds a fine-tune").
        Path tuned = Files.createDirectories(dir.resolve("tuned"));
        Files.writeString(tuned.resolve("summary.json"), "{}");
        try (LockHolder other = LockHolder.hold(tuned)) {
            Map<Path, String> before = FileHashes.of(dir);
            assertRefused(CliRunner.run("finetune", "--profile", "tiny", "--model", teacher.toString(), "--data", win,
                    "--out", tuned.toString()), tuned, "--out");
            assertRefused(CliRunner.run("finetune", "--profile", "tiny", "--model", teacher.toString(), "--data", win,
                    "--out", tuned.toString(), "--resume"), tuned, "--out");
            assertEquals(before, FileHashes.of(dir));
        }

        // Inside a run directory a full run holds: refused too.
        Path run = Files.createDirectories(dir.resolve("run"));
        try (LockHolder fullRun = LockHolder.hold(run)) {
            Map<Path, String> before = FileHashes.of(dir);
            assertRefused(CliRunner.run("distill", "--profile", "tiny", "--data", win, "--teacher", teacher.toString(),
                    "--out", run.resolve(DistillPhase.OUTPUT).toString()), run, "--out");
            assertRefused(CliRunner.run("finetune", "--profile", "tiny", "--model", teacher.toString(), "--data", win,
                    "--out", run.resolve(FinetunePhase.OUTPUT).toString()), run, "--out");
            assertEquals(before, FileHashes.of(dir));
        }
        assertFalse(Files.exists(run.resolve(DistillPhase.OUTPUT)), "the folders made for the lock are gone with it");
    }

    @Test
    void generateEvaluateGenerationAndTheBenchesRefuseAFolderAnotherCommandWritesIn() throws Exception {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("edit.xml"), "the other command's edit");
        String model = dir.resolve("no-model-needed-to-be-refused.json").toString();
        try (LockHolder other = LockHolder.hold(busy)) {
            Map<Path, String> before = FileHashes.of(dir);
            // The refusal comes first, before the model, the prompt or the data is read.
            assertRefused(CliRunner.run("generate", "--model", model, "--prompt", dir.resolve("p.xml").toString(), "--seconds", "5",
                    "--out", busy.resolve("edit.xml").toString(), "--force"), busy, "--out");
            assertRefused(CliRunner.run("generate", "--model", model, "--prompt", dir.resolve("p.xml").toString(), "--seconds", "5",
                    "--out", dir.resolve("free/edit.xml").toString(), "--frames-csv", busy.resolve("frames.csv").toString()), busy, "--frames-csv");
            assertFalse(Files.exists(dir.resolve("free")), "the folder made for the lock is gone with it");
            assertRefused(CliRunner.run("evaluate-generation", "--model", model, "--json", busy.resolve("g.json").toString()), busy, "--json");
            assertRefused(CliRunner.run("bench", "train-step", "--json", busy.resolve("step.json").toString()), busy, "--json");
            assertRefused(CliRunner.run("bench", "train-step", "--op-profile", busy.toString()), busy, "--op-profile");
            assertRefused(CliRunner.run("bench", "twin-export", "--out", busy.toString()), busy, "--out");
            assertRefused(CliRunner.run("bench", "generate", "--json", busy.resolve("gen.json").toString()), busy, "--json");
            assertRefused(CliRunner.run("bench", "distill", "--data", win, "--model", model, "--json", busy.resolve("d.jsonl").toString()),
                    busy, "--json");
            assertEquals(before, FileHashes.of(dir), "nothing was written");
        }
    }

    @Test
    void windowPreprocessAndConvertRefuseAFolderAnotherCommandWritesIn() throws Exception {
        Map<Path, String> before = FileHashes.of(dir);
        try (LockHolder other = LockHolder.hold(Path.of(win))) {
            assertRefused(CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", win, "--force"), Path.of(win), "--output");
        }
        try (LockHolder other = LockHolder.hold(Path.of(pre))) {
            assertRefused(CliRunner.run("preprocess", "--profile", "tiny", "--input", csv.toString(), "--output", pre, "--force"),
                    Path.of(pre), "--output");
        }
        Path xml = Files.writeString(dir.resolve("e.xml"), ConvertHardeningTest.xmeml("25",
                List.of(List.of(ConvertHardeningTest.ClipXml.of("A", 0, 50, 0, 50)))));
        Path tables = Files.createDirectories(dir.resolve("tables"));
        Files.writeString(tables.resolve("old.csv"), "the user's table");
        before = FileHashes.of(dir);
        try (LockHolder other = LockHolder.hold(tables)) {
            assertRefused(CliRunner.run("convert", "--input", xml.toString(), "--output", tables.resolve("new.csv").toString()), tables,
                    "--output");
        }
        assertEquals(Map.of(), FileHashes.changed(before));
        assertFalse(Files.exists(tables.resolve("new.csv")));
    }

    @Test
    void aCommandWritingInsideARunDirectoryInUseIsRefusedAndTheOtherWayRound() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path checkpoints = run.resolve(RunLayout.PRETRAIN);
        try (LockHolder fullRun = LockHolder.hold(run)) {
            assertRefused(CliRunner.run("pretrain", "--profile", "tiny", "--set", "train.max_steps=1", "--data", win,
                    "--out", checkpoints.toString()), run, "--out");
        }
        assertFalse(Files.exists(checkpoints.resolve("last.json")));

        try (LockHolder pretrain = LockHolder.hold(checkpoints)) {
            CliRunner.Result r = CliRunner.run("full-run", "--run-dir", run.toString(), "--profile", "tiny");
            assertRefused(r, checkpoints, "--run-dir");
        }
        assertFalse(Files.exists(run.resolve(RunLayout.MANIFEST)), "the full run did not start");
    }
}
