package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.Preprocessor;
import dev.autoeditor.pipeline.DataTree;
import dev.autoeditor.pipeline.FinetuneSummary;
import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.pipeline.Selection;
import dev.autoeditor.pipeline.TrainingOrchestrator;
import dev.autoeditor.train.CheckpointInfo;
import dev.autoeditor.train.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finetune phase in the real pipeline, on the tiny profile: the house-style data is normalised
 * with the starting model's normaliser (never refitted) and windowed its way; the summary compares
 * before, after and scratch; and with distill in the pipeline, fine-tuning starts from the distilled
 * model, or from pretrain when distill is switched off.
 */
class FinetunePhaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String[] TINY = {"--profile", "tiny", "-q"};

    @TempDir
    static Path shared;

    /** One real tiny run, read by the tests (a test that writes copies it). */
    static Path run;

    @BeforeAll
    static void fullRun() {
        run = shared.resolve("run");
        List<String> args = new ArrayList<>(List.of("full-run", "--run-dir", run.toString()));
        args.addAll(List.of(TINY));
        args.addAll(List.of("--set", "report.enabled=false"));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        assertEquals("ran", FullRunCommandTest.outcomes(r).get("finetune"), r.out());
    }

    /** The model fine-tuning starts from (distill's student, distill being on), as a phase reads it: best.json, else last.json. */
    static Path startingModel(Path run) {
        return new RunLayout(run).checkpointIn("checkpoints/distill").orElseThrow().toAbsolutePath().normalize();
    }

    static Normaliser normaliserOf(Path checkpoint) {
        return CheckpointStore.read(checkpoint).data().normaliser();
    }

    @Test
    void theFineTuningWindowsUseTheStartingModelsNormaliserNeverARefittedOne() throws Exception {
        Path pretrain = startingModel(run);
        Normaliser model = normaliserOf(pretrain);
        Normaliser preprocessed = Normaliser.load(run.resolve("data/finetune/preprocessed/normaliser.json"));
        Normaliser windows = DataSpec.load(run.resolve(DataTree.FINETUNE.windows())).normaliser();
        assertTrue(model.sameStatistics(preprocessed), "finetune-preprocess took " + preprocessed + ", the model has " + model);
        assertTrue(model.sameStatistics(windows), "finetune-window used " + windows);
        assertTrue(model.sameStatistics(normaliserOf(run.resolve("checkpoints/finetune/best.json"))), "the fine-tuned model carries it on");

        JsonNode splits = JSON.readTree(run.resolve("data/finetune/preprocessed/splits.json").toFile());
        assertEquals("from_model", splits.path("normaliser").path("source").asText());
        assertEquals(pretrain.toAbsolutePath().normalize().toString(), splits.path("normaliser").path("model").path("checkpoint").asText());
        PhaseRecord rec = Manifest.load(run.resolve(RunLayout.MANIFEST)).get("finetune-preprocess");
        assertTrue(rec.inputs.containsKey("upstream:distill"), "the model's checkpoint is an input: " + rec.inputs.keySet());
        assertFalse(rec.config.containsKey("preprocess.normaliser"), "the phase does not follow preprocess.normaliser: " + rec.config);

        // The check can fail: a normaliser fitted on the house style's own training split differs from the model's.
        Path refit = shared.resolve("refit");
        Preprocessor.run(run.resolve(DataTree.FINETUNE.keyframes()), refit, ConfigLoader.load("tiny", null, List.of()), true);
        assertFalse(model.sameStatistics(Normaliser.load(refit.resolve(Preprocessor.NORMALISER))), "the house style's own statistics differ");
    }

    @Test
    void theSummaryComparesBeforeAfterAndScratchOnTheHouseStylesTestSplit() throws Exception {
        JsonNode summary = JSON.readTree(run.resolve("checkpoints/finetune/summary.json").toFile());
        List<String> top = new ArrayList<>();
        summary.fieldNames().forEachRemaining(top::add);
        assertEquals(List.of("format", "split", "before", "after", "scratch", "models", "data", "training", "provenance"), top);
        assertEquals(FinetuneSummary.FORMAT, summary.path("format").asText());
        for (String model : FinetuneSummary.MODELS) {
            List<String> keys = new ArrayList<>();
            summary.path(model).fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("cut_f1", "cut_ap", "mae_normalised", "motion_mae_normalised", "asset_accuracy", "val_loss"), keys, model);
            for (String k : List.of("cut_f1", "mae_normalised", "asset_accuracy", "val_loss")) {
                assertTrue(summary.path(model).path(k).isNumber(), model + "." + k + " = " + summary.path(model).path(k));
            }
        }
        assertEquals(run.relativize(startingModel(run)).toString(), summary.path("models").path("before").path("checkpoint").asText());
        assertEquals("checkpoints/finetune/best.json", summary.path("models").path("after").path("checkpoint").asText());
        assertEquals("checkpoints/finetune/scratch/best.json", summary.path("models").path("scratch").path("checkpoint").asText());
        // after's val_loss is its best checkpoint's validation loss, measured again the same way.
        CheckpointInfo after = CheckpointStore.read(run.resolve("checkpoints/finetune/best.json"));
        assertEquals(after.bestValLoss(), summary.path("after").path("val_loss").asDouble(), 1e-5);

        // A warm start from pretrain with a fresh optimizer; the baseline from the seed, on the same architecture.
        Map<String, Object> init = initOf(run.resolve("checkpoints/finetune/last.json"));
        assertEquals("warm_start", init.get("mode"));
        assertEquals(startingModel(run).toString(), init.get("checkpoint"));
        assertEquals(List.of(), init.get("initialised"), "every parameter came from the starting model");
        assertEquals("scratch", initOf(run.resolve("checkpoints/finetune/scratch/last.json")).get("mode"));
        assertEquals(CheckpointStore.read(startingModel(run)).model(),
                CheckpointStore.read(run.resolve("checkpoints/finetune/scratch/best.json")).model());
        // The fine-tuned model is the one rlhf starts from; rlhf's policy is the run's final model, the one evaluate scored.
        Manifest manifest = Manifest.load(run.resolve(RunLayout.MANIFEST));
        assertEquals("finetune", manifest.get("rlhf").notes.get("source"));
        Path finalModel = new RunLayout(run).finalModel().orElseThrow();
        assertTrue(finalModel.startsWith(run.resolve("checkpoints/rlhf").toAbsolutePath().normalize()), finalModel.toString());
        assertEquals(run.toAbsolutePath().normalize().relativize(finalModel).toString(), manifest.get("evaluate").notes.get("model"));
    }

    @Test
    void theFinetuneCommandTunesAnyModelOnWindowsMadeWithItsNormaliserAndRefusesOthers(@TempDir Path tmp) throws Exception {
        String model = startingModel(run).toString();
        // Windows of the house style made with a normaliser fitted on it: not the model's units.
        Config tiny = ConfigLoader.load("tiny", null, List.of());
        Preprocessor.run(run.resolve(DataTree.FINETUNE.keyframes()), tmp.resolve("refit"), tiny, true);
        dev.autoeditor.data.Windower.run(tmp.resolve("refit"), tmp.resolve("refit-windows"), tiny, true);
        CliRunner.Result refused = CliRunner.run("finetune", "--model", model, "--data", tmp.resolve("refit-windows").toString(),
                "--out", tmp.resolve("x").toString(), "--profile", "tiny", "-q");
        assertEquals(ExitCodes.FAILURE, refused.code(), refused.toString());
        assertTrue(refused.err().contains("normalised differently from the starting model"), refused.err());

        String out = tmp.resolve("tuned").toString();
        String[] args = {"finetune", "--model", model, "--data", run.resolve(DataTree.FINETUNE.windows()).toString(), "--out", out,
                "--profile", "tiny", "--set", "finetune.max_steps=2"};
        CliRunner.Result tuned = CliRunner.run(args);
        assertEquals(0, tuned.code(), tuned.toString());
        assertTrue(tuned.out().contains("finetune: 2 steps") && tuned.out().contains("scratch baseline 2 steps"), tuned.out());
        assertTrue(Files.isRegularFile(Path.of(out, FinetuneSummary.FILE)));
        CliRunner.Result again = CliRunner.run(args);
        assertEquals(ExitCodes.FAILURE, again.code(), again.toString());
        assertTrue(again.err().contains("already holds a fine-tune; pass --resume to continue it or --force to start over"), again.err());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> initOf(Path checkpoint) {
        return (Map<String, Object>) CheckpointStore.read(checkpoint).provenance().inputs().get("init");
    }

    @Test
    void withDistillSwitchedOffFinetuneStartsFromPretrainAndWithItOnFromTheDistilledModel(@TempDir Path tmp) throws Exception {
        Path copy = RunDirectories.copy(run, tmp.resolve("run"));
        RunLayout layout = new RunLayout(copy);
        // The later phases are switched off: this test is about where fine-tuning starts.
        List<String> later = List.of("report.enabled=false", "rlhf.enabled=false", "samples.enabled=false");
        Config off = ConfigLoader.load("tiny", null, concat(later, "distill.enabled=false"));
        // Everything up to pretrain is done; distill (off) and fine-tuning are redone here.
        new TrainingOrchestrator(layout, off, StandardPhases.all(), "test").run(new Selection("distill", null, true));
        Manifest m = Manifest.load(layout.manifest());
        assertEquals(PhaseRecord.Status.DISABLED, m.get("distill").status);
        for (String phase : List.of("finetune-preprocess", "finetune-window", "finetune")) {
            assertTrue(m.get(phase).inputs.containsKey("upstream:pretrain") && !m.get(phase).inputs.containsKey("upstream:distill"),
                    phase + " " + m.get(phase).inputs.keySet());
        }
        Path pretrain = layout.checkpointIn("checkpoints/pretrain").orElseThrow().toAbsolutePath().normalize();
        assertEquals(pretrain.toString(), initOf(copy.resolve("checkpoints/finetune/last.json")).get("checkpoint"));
        assertEquals("pretrain", m.get("finetune").notes.get("starts_from"));
        assertEquals("pretrain", JSON.readTree(copy.resolve("checkpoints/finetune/summary.json").toFile())
                .path("models").path("before").path("phase").asText());

        Config on = ConfigLoader.load("tiny", null, concat(later, "distill.enabled=true"));
        var outcomes = new TrainingOrchestrator(layout, on, StandardPhases.all(), "test").run(Selection.all());
        List<String> ran = outcomes.stream().filter(o -> o.action() == TrainingOrchestrator.Action.RAN).map(TrainingOrchestrator.Outcome::phase)
                .filter(p -> !p.equals("evaluate")).toList();
        assertEquals(List.of("distill", "finetune-preprocess", "finetune-window", "finetune"), ran);
        Path distilled = startingModel(copy);
        Map<String, Object> init = initOf(copy.resolve("checkpoints/finetune/last.json"));
        assertEquals(distilled.toString(), init.get("checkpoint"));
        assertEquals(CheckpointStore.read(distilled).weightsSha256(), init.get("weights_sha256"));
        assertNotEquals(CheckpointStore.read(pretrain).weightsSha256(), init.get("weights_sha256"));
        assertEquals(distilled.toString(), JSON.readTree(copy.resolve("data/finetune/preprocessed/splits.json").toFile())
                .path("normaliser").path("model").path("checkpoint").asText());
        assertEquals("distill", Manifest.load(layout.manifest()).get("finetune").notes.get("starts_from"));
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new ArrayList<>(a);
        all.add(b);
        return all;
    }
}
