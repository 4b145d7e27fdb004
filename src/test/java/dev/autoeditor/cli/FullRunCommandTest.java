package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.PhaseRecord;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real pipeline through the CLI, in-process, on the tiny profile. */
class FullRunCommandTest {
    private static final Pattern OUTCOME = Pattern.compile("^  (\\S+)\\s+(ran|resumed|skipped|disabled)\\b", Pattern.MULTILINE);

    /** Tiny, and a single training step per run: these tests are about the orchestration, not the model. */
    static final String[] TINY = {"--profile", "tiny", "--set", "train.max_steps=1", "--set", "finetune.max_steps=1"};

    /** The fine-tuning tree's data phases (on by default, with finetune.enabled). */
    static final List<String> FINETUNE_DATA = List.of("finetune-download-data", "finetune-convert", "finetune-preprocess", "finetune-window");
    /** The fine-tuning tree's phases that read the main tree's preprocess settings or its model, and so follow a change of them. */
    static final List<String> FINETUNE_AFTER_PRETRAIN = List.of("finetune-preprocess", "finetune-window", "finetune");

    @TempDir
    Path tmp;

    static String[] cli(String... args) {
        String[] all = new String[args.length + TINY.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(TINY, 0, all, args.length, TINY.length);
        return all;
    }

    /** Phase name to what the run did with it, from full-run's output. */
    static Map<String, String> outcomes(CliRunner.Result r) {
        Map<String, String> map = new LinkedHashMap<>();
        Matcher m = OUTCOME.matcher(r.out());
        while (m.find()) map.put(m.group(1), m.group(2));
        return map;
    }

    @Test
    void fullRunThenRerunSkipsThenOnePreprocessSettingRedoesPreprocessAndAfterOnly() throws Exception {
        String run = tmp.resolve("run").toString();
        CliRunner.Result first = CliRunner.run(cli("full-run", "--run-dir", run, "-q"));
        assertEquals(0, first.code(), first.toString());
        for (String phase : StandardPhases.names()) assertEquals("ran", outcomes(first).get(phase), first.out());
        assertTrue(first.out().contains("results in " + Path.of(run).toAbsolutePath()), first.out());
        RunLayout layout = new RunLayout(Path.of(run));
        String rawHash = Hashing.sha256Tree(layout.raw());
        String csvHash = Hashing.sha256(layout.keyframes());

        // evaluate --run-dir takes the run's final model and its windows' test split.
        CliRunner.Result evaluated = CliRunner.run(cli("evaluate", "--run-dir", run, "-q"));
        assertEquals(0, evaluated.code(), evaluated.toString());
        assertTrue(evaluated.out().contains("persistence") && evaluated.out().contains("random"), evaluated.out());

        CliRunner.Result again = CliRunner.run(cli("full-run", "--run-dir", run, "-q"));
        assertEquals(0, again.code(), again.toString());
        for (String phase : StandardPhases.names()) assertEquals("skipped", outcomes(again).get(phase), again.out());

        CliRunner.Result status = CliRunner.run(cli("status", "--run-dir", run, "--set", "preprocess.train_fraction=0.7"));
        assertTrue(status.out().contains("settings changed: preprocess.train_fraction"), status.out());
        assertTrue(status.out().contains("next: preprocess, window"), status.out());

        CliRunner.Result changed = CliRunner.run(cli("full-run", "--run-dir", run, "-q", "--set", "preprocess.train_fraction=0.7"));
        assertEquals(0, changed.code(), changed.toString());
        List<String> names = StandardPhases.names();
        int preprocess = names.indexOf("preprocess");
        for (int i = 0; i < names.size(); i++) {
            // The fine-tuning data's own download and conversion do not read the main tree's settings.
            String name = names.get(i);
            String expected = i < preprocess || (FINETUNE_DATA.contains(name) && !FINETUNE_AFTER_PRETRAIN.contains(name)) ? "skipped" : "ran";
            assertEquals(expected, outcomes(changed).get(name), name + "\n" + changed.out());
        }
        assertEquals(rawHash, Hashing.sha256Tree(layout.raw()));
        assertEquals(csvHash, Hashing.sha256(layout.keyframes()));
        PhaseRecord rec = Manifest.load(layout.manifest()).get("preprocess");
        assertEquals(0.7, ((Number) rec.config.get("preprocess.train_fraction")).doubleValue());

        CliRunner.Result quiet = CliRunner.run("status", "--run-dir", run);
        assertTrue(quiet.out().contains("next: nothing"), "status compares against the run's saved settings\n" + quiet.out());
    }

    @Test
    void failureMessageEndsWithTheExactCommandThatResumes() {
        String run = tmp.resolve("run dir").toString();
        String missing = tmp.resolve("no-such-exports").toString();
        CliRunner.Result r = CliRunner.run("full-run", "--run-dir", run, "--profile", "tiny", "--set",
                "download.data=[{name: mine, path: '" + missing + "'}]");
        assertEquals(1, r.code(), r.toString());
        String expected = "resume with: auto-editor full-run --run-dir '" + run + "' --profile tiny --set "
                + "'download.data=[{name: mine, path: '\\''" + missing + "'\\''}]'";
        assertTrue(r.err().strip().endsWith(expected), r.err() + "\nexpected ending: " + expected);
        assertTrue(r.err().contains("phase download-data failed") && r.err().contains(missing), r.err());
        Manifest m = Manifest.load(new RunLayout(Path.of(run)).manifest());
        assertEquals(PhaseRecord.DONE, m.get("download-models").status);
        assertEquals(PhaseRecord.FAILED, m.get("download-data").status);
    }

    @Test
    void phaseSubcommandsDefaultToTheRunDirectory() throws Exception {
        String run = tmp.resolve("run").toString();
        assertEquals(0, CliRunner.run(cli("download-models", "--run-dir", run)).code());
        CliRunner.Result data = CliRunner.run(cli("download-data", "--run-dir", run));
        assertEquals(0, data.code(), data.toString());
        CliRunner.Result early = CliRunner.run(cli("preprocess", "--run-dir", run));
        assertEquals(1, early.code(), early.toString());
        assertTrue(early.err().contains("needs the outputs of convert"), early.err());

        CliRunner.Result convert = CliRunner.run(cli("convert", "--run-dir", run));
        assertEquals(0, convert.code(), convert.toString());
        assertTrue(Files.isRegularFile(Path.of(run, RunLayout.KEYFRAMES)));
        assertEquals(0, CliRunner.run(cli("preprocess", "--run-dir", run)).code());
        assertEquals(0, CliRunner.run(cli("window", "--run-dir", run)).code());
        assertTrue(Files.isDirectory(Path.of(run, RunLayout.WINDOWS, "train")));

        CliRunner.Result half = CliRunner.run("window", "--input", run + "/data/preprocessed", "--profile", "tiny");
        assertEquals(1, half.code(), half.toString());
        assertTrue(half.err().contains("give both --input and --output"), half.err());
        CliRunner.Result halfTrain = CliRunner.run("pretrain", "--data", run + "/data/windows", "--profile", "tiny");
        assertEquals(1, halfTrain.code(), halfTrain.toString());
        assertTrue(halfTrain.err().contains("give both --data and --out"), halfTrain.err());
    }

    @Test
    void modelsFromAFileUrlAreInstalledAndTheirHashRecorded() throws Exception {
        Path model = tmp.resolve("teacher.bin");
        Files.write(model, new byte[] {1, 2, 3, 4});
        String run = tmp.resolve("run").toString();
        CliRunner.Result r = CliRunner.run("download-models", "--run-dir", run, "--set",
                "download.models=[{name: teacher, url: '" + model.toUri() + "'}]", "--set", "download.cache_dir=" + tmp.resolve("cache"));
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.isRegularFile(Path.of(run, RunLayout.PRETRAINED, "teacher", "teacher.bin")));
        String notes = Files.readString(Path.of(run, RunLayout.MANIFEST));
        assertTrue(notes.contains(Hashing.sha256(model)) && notes.contains("computed on arrival"), notes);

        CliRunner.Result none = CliRunner.run("download-models", "--output", tmp.resolve("out").toString());
        assertEquals(0, none.code(), none.toString());
        assertTrue(none.out().contains("no models configured"), none.out());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void evaluateWithARunDirectoryThatHoldsNoModelSaysWhatToRun() {
        String run = tmp.resolve("empty-run").toString();
        CliRunner.Result r = CliRunner.run("evaluate", "--run-dir", run);
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("no trained model in") && r.err().contains("full-run --run-dir"), r.err());
    }
}
