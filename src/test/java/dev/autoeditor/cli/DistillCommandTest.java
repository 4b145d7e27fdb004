package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.pipeline.DistillPhase;
import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.eval.ModelSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distill phase in the real pipeline (tiny profile, in-process): it runs after pretrain and writes
 * the student, the control and the summary; status lists it; a distill setting reruns distill and the
 * phases after it, nothing before; a teacher made for other windows is refused naming both; the
 * standalone command warm-starts a student from a teacher; a teacher can be a download.models entry.
 */
class DistillCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The run's settings; every later command on the run repeats them. */
    private static final List<String> SETTINGS = List.of("--profile", "tiny", "-q");

    @TempDir
    static Path shared;

    static Path run;
    static CliRunner.Result first;

    @TempDir
    Path tmp;

    static String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(SETTINGS);
        return all.toArray(String[]::new);
    }

    @BeforeAll
    static void tinyRun() {
        run = shared.resolve("run");
        first = CliRunner.run(args("full-run", "--run-dir", run.toString()));
        assertEquals(0, first.code(), first.toString());
    }

    @Test
    void distillRunsAfterPretrainAndFinetuneStartsFromItsStudent() throws IOException {
        Map<String, String> outcomes = FullRunCommandTest.outcomes(first);
        assertEquals("ran", outcomes.get("distill"), first.out());
        List<String> order = new ArrayList<>(outcomes.keySet());
        assertEquals(order.indexOf("pretrain") + 1, order.indexOf("distill"), first.out());

        CliRunner.Result status = CliRunner.run("status", "--run-dir", run.toString());
        assertTrue(status.out().lines().anyMatch(l -> l.trim().startsWith("distill") && l.contains("done")), status.out());
        // With fine-tuning and rlhf on (the default), the final model is rlhf's policy, which starts from distill's student via finetune.
        assertTrue(status.out().contains("final model: " + run.toAbsolutePath().resolve("checkpoints/rlhf/")), status.out());
        assertEquals("distill", Manifest.load(run.resolve(RunLayout.MANIFEST)).get("finetune").notes.get("starts_from"));

        Map<?, ?> summary = JSON.readValue(run.resolve("checkpoints/distill/summary.json").toFile(), Map.class);
        List<String> contract = new ArrayList<>(List.of("parameters", "windows_per_s", "frames_per_s_batch1"));
        contract.addAll(ModelSummary.KEYS);
        for (String model : List.of("teacher", "student", "scratch")) {
            Map<?, ?> m = (Map<?, ?>) summary.get(model);
            assertEquals(contract, new ArrayList<>(m.keySet()).subList(0, contract.size()), model);
            assertTrue(((Number) m.get("windows_per_s")).doubleValue() > 0 && ((Number) m.get("frames_per_s_batch1")).doubleValue() > 0, m.toString());
            double f1 = ((Number) m.get("cut_f1")).doubleValue();
            assertTrue(f1 >= 0 && f1 <= 1, m.toString());
        }
        // frames_per_s_batch1 is generation at batch 1 through generate's loop, not a stand-in.
        String how = (String) ((Map<?, ?>) summary.get("speed")).get("frames_per_s_batch1");
        assertTrue(how.contains("generate's loop") && how.contains("batch 1"), how);
        long teacher = ((Number) ((Map<?, ?>) summary.get("teacher")).get("parameters")).longValue();
        long student = ((Number) ((Map<?, ?>) summary.get("student")).get("parameters")).longValue();
        assertTrue(student * 4 <= teacher, "the tiny student is at most a quarter of the teacher: " + student + " vs " + teacher);
        assertEquals(student, ((Number) ((Map<?, ?>) summary.get("scratch")).get("parameters")).longValue());
        // The control took exactly the student's optimiser steps.
        Path distill = run.resolve(DistillPhase.OUTPUT);
        assertEquals(CheckpointStore.read(distill.resolve("last.json")).step(), CheckpointStore.read(distill.resolve("scratch/last.json")).step());
        assertEquals("distillation", CheckpointStore.read(distill.resolve("best.json")).objective());
        assertEquals("supervised", CheckpointStore.read(distill.resolve("scratch/best.json")).objective());
        String header = Files.readAllLines(distill.resolve("metrics/steps.csv")).get(0);
        assertTrue(header.contains("loss_gt") && header.contains("loss_kd") && header.contains("loss_kd_regression"), header);
        Manifest manifest = Manifest.load(run.resolve(RunLayout.MANIFEST));
        assertEquals("pretrain", manifest.get("distill").notes.get("teacher"));
        assertEquals("checkpoints/pretrain/best.json", manifest.get("distill").notes.get("teacher_checkpoint"));
    }

    @Test
    void aDistillSettingRerunsDistillAndThePhasesAfterItOnly() throws IOException {
        Path copy = copyOfRun();
        CliRunner.Result status = CliRunner.run(args("status", "--run-dir", copy.toString(), "--set", "distill.temperature=3"));
        assertTrue(status.out().contains("settings changed: distill.temperature"), status.out());
        assertTrue(status.out().contains("next: distill,"), status.out());

        CliRunner.Result changed = CliRunner.run(args("full-run", "--run-dir", copy.toString(), "--set", "distill.temperature=3"));
        assertEquals(0, changed.code(), changed.toString());
        Map<String, String> outcomes = FullRunCommandTest.outcomes(changed);
        List<String> names = StandardPhases.names();
        int distill = names.indexOf("distill");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            // Fine-tuning's data phases before preprocess do not read the model; from preprocess on they do (its normaliser).
            boolean before = i < distill || name.equals("finetune-download-data") || name.equals("finetune-convert");
            String expected = before ? "skipped" : "ran";
            assertEquals(expected, outcomes.get(name), name + "\n" + changed.out());
        }
        assertNotEquals(Files.readString(run.resolve("checkpoints/distill/last.json")), Files.readString(copy.resolve("checkpoints/distill/last.json")));
    }

    @Test
    void aTeacherMadeForOtherWindowsIsRefusedNamingBoth() {
        Path windows = tmp.resolve("windows-24");
        CliRunner.Result made = CliRunner.run(args("window", "--input", run.resolve("data/preprocessed").toString(), "--output", windows.toString(),
                "--set", "window.length=24"));
        assertEquals(0, made.code(), made.toString());
        CliRunner.Result refused = CliRunner.run(args("distill", "--data", windows.toString(), "--teacher", run.resolve("checkpoints/pretrain").toString(),
                "--out", tmp.resolve("student").toString()));
        assertNotEquals(0, refused.code(), refused.toString());
        assertTrue(refused.err().contains("window length 32 vs 24") && refused.err().contains("teacher vs windows")
                && refused.err().contains("distill.teacher"), refused.err());
        assertTrue(!Files.exists(tmp.resolve("student/last.json")), "nothing trained");
    }

    @Test
    void theStandaloneCommandStartsAStudentFromItsTeacherWhereShapesMatch() throws IOException {
        Path out = tmp.resolve("student");
        String[] command = args("distill", "--data", run.resolve("data/windows").toString(), "--teacher", run.resolve("checkpoints/pretrain").toString(),
                "--out", out.toString(), "--set", "distill.init_from_teacher=true", "--set", "distill.model.d_model=16", "--set", "distill.model.heads=2",
                "--set", "distill.model.ff=16", "--set", "distill.model.asset_embedding=4", "--set", "distill.max_steps=1", "--set", "distill.speed_runs=1");
        CliRunner.Result r = CliRunner.run(command);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("teacher") && r.out().contains("student") && r.out().contains("scratch") && r.out().contains("cut_ap"), r.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> init = (Map<String, Object>) CheckpointStore.read(out.resolve("last.json")).provenance().inputs().get("init");
        assertEquals("warm_start", init.get("mode"));
        assertTrue(((List<?>) init.get("copied")).containsAll(List.of("input_w", "block0_q_w", "head_asset_w")), init.toString());
        assertTrue(((List<?>) init.get("initialised")).containsAll(List.of("block0_ff1_w", "block0_ff2_w")), init.toString());
        // The control starts from the seed, not from the teacher.
        @SuppressWarnings("unchecked")
        Map<String, Object> scratchInit = (Map<String, Object>) CheckpointStore.read(out.resolve("scratch/last.json")).provenance().inputs().get("init");
        assertEquals("scratch", scratchInit.get("mode"));
        assertTrue(!Files.exists(out.resolve(".auto-editor.lock")), "the folder's lock goes when the command ends");
        // A second run into the same folder needs --resume or --force.
        CliRunner.Result again = CliRunner.run(command);
        assertNotEquals(0, again.code());
        assertTrue(again.err().contains("--force"), again.err());
    }

    @Test
    void aTeacherCanBeADownloadedModel() throws IOException {
        Path copy = copyOfRun();
        String source = "download.models=[{name: house, path: '" + run.resolve("checkpoints/pretrain") + "'}]";
        CliRunner.Result r = CliRunner.run(args("full-run", "--run-dir", copy.toString(), "--set", source, "--set", "distill.teacher=house"));
        assertEquals(0, r.code(), r.toString());
        Map<String, String> outcomes = FullRunCommandTest.outcomes(r);
        assertEquals("skipped", outcomes.get("pretrain"), r.out());
        assertEquals("ran", outcomes.get("distill"), r.out());
        Manifest manifest = Manifest.load(copy.resolve(RunLayout.MANIFEST));
        assertEquals("checkpoints/pretrained/house/best.json", manifest.get("distill").notes.get("teacher_checkpoint"));
        Map<?, ?> summary = JSON.readValue(copy.resolve("checkpoints/distill/summary.json").toFile(), Map.class);
        assertEquals("house", ((Map<?, ?>) summary.get("teacher")).get("checkpoint"));
    }

    @Test
    void theBenchCommandScoresTheModelsAndAppendsTheTargets() throws IOException {
        Path results = tmp.resolve("results/distill.jsonl");
        Path distill = run.resolve(DistillPhase.OUTPUT);
        for (int i = 0; i < 2; i++) {
            CliRunner.Result r = CliRunner.run(args("bench", "distill", "--data", run.resolve("data/windows").toString(),
                    "--teacher", run.resolve("checkpoints/pretrain").toString(), "--student", distill.toString(),
                    "--scratch", distill.resolve("scratch").toString(), "--bootstrap", "200", "--label", "test", "--json", results.toString(),
                    "--set", "distill.speed_runs=1"));
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("student_cut_f1_ratio_95ci") && r.out().contains("distilled_beats_scratch"), r.out());
        }
        List<String> lines = Files.readAllLines(results);
        assertEquals(2, lines.size(), "each run appends one line");
        Map<?, ?> doc = JSON.readValue(lines.get(0), Map.class);
        assertEquals("test", doc.get("label"));
        List<?> models = (List<?>) doc.get("models");
        assertEquals(List.of("teacher", "student", "scratch"), models.stream().map(m -> ((Map<?, ?>) m).get("role")).toList());
        Map<?, ?> comparison = (Map<?, ?>) doc.get("comparison");
        Map<?, ?> teacher = (Map<?, ?>) models.get(0);
        Map<?, ?> student = (Map<?, ?>) models.get(1);
        assertEquals(((Number) student.get("cut_f1")).doubleValue() / ((Number) teacher.get("cut_f1")).doubleValue(),
                ((Number) comparison.get("student_cut_f1_ratio")).doubleValue(), 1e-12);
        List<?> interval = (List<?>) comparison.get("student_cut_f1_ratio_95ci");
        assertTrue(((Number) interval.get(0)).doubleValue() <= ((Number) interval.get(1)).doubleValue(), interval.toString());
        // The same checkpoints score the same as in the phase's own summary (thresholds tuned the same way).
        Map<?, ?> summary = JSON.readValue(distill.resolve("summary.json").toFile(), Map.class);
        assertEquals(((Map<?, ?>) summary.get("student")).get("cut_f1"), student.get("cut_f1"));
        assertEquals(((Map<?, ?>) summary.get("teacher")).get("cut_ap"), teacher.get("cut_ap"));
    }

    /** A copy of the shared run directory, for a test that changes it. */
    private Path copyOfRun() throws IOException {
        Path copy = tmp.resolve("run-copy");
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return copy;
    }
}
