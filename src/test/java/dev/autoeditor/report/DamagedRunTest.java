package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.RunLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose files are damaged still gets its page: the section that needed the damaged file is
 * there, names the file and says what is wrong, and shows what could be read.
 */
class DamagedRunTest {
    @TempDir
    Path tmp;

    @Test
    void aTruncatedMetricsFileStillRendersItsCurvesAndNamesTheCut() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        Path steps = run.resolve("checkpoints/pretrain/metrics/steps.csv");
        byte[] bytes = Files.readAllBytes(steps);
        // Cut the file in the middle of its last row, as a kill during a write would.
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lastRow = text.lastIndexOf('\n', text.length() - 2) + 1;
        Files.write(steps, text.substring(0, lastRow + (text.length() - lastRow) / 3).getBytes(StandardCharsets.UTF_8));
        long rows = text.lines().count();

        ReportWriter.Result result = write(run);
        Section training = section(result, "training");
        String expected = "checkpoints/pretrain/metrics/steps.csv line " + rows + " has ";
        assertTrue(training.problems().stream().anyMatch(p -> p.startsWith(expected) && p.contains("the file ends mid-row")),
                training.problems().toString());
        assertTrue(training.html().contains(Html.esc(expected)), "the section shows the problem");
        assertTrue(ReportPageTest.countMatches(training.html(), "<img ") >= 4, "the rows before the cut are still charted");
        assertEquals(training.problems(), result.problems(), "nothing else in the run is damaged");
    }

    @Test
    void aSummaryThatIsNotJsonIsNamedInItsSection() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        TinyRun.write(run.resolve("checkpoints/distill/summary.json"), "teacher: 0.41\nstudent: 0.40\n");
        TinyRun.write(run.resolve("eval/test.json"), "{\"predictors\": {\"model\": {\"cut_f1\": 0.2}");
        ReportWriter.Result result = write(run);

        Section distill = section(result, "distillation");
        assertEquals(1, distill.problems().size(), distill.problems().toString());
        String p = distill.problems().get(0);
        assertTrue(p.startsWith("checkpoints/distill/summary.json is not valid JSON at line 1 column "), p);
        assertTrue(distill.html().contains("class=\"problem\""), distill.html());

        Section eval = section(result, "evaluation");
        assertTrue(eval.problems().get(0).startsWith("eval/test.json is not valid JSON at line 1"), eval.problems().toString());
        // The rest of the page is whole.
        assertTrue(section(result, "training").problems().isEmpty());
        assertTrue(Files.readString(result.page()).contains("<h2>Distillation</h2>"));
    }

    @Test
    void anEmptySummaryAndAMissingSampleFileAreNamed() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        Files.write(run.resolve("checkpoints/finetune/summary.json"), new byte[0]);
        Files.delete(run.resolve("samples/sample-01.truth.csv"));
        ReportWriter.Result result = write(run);
        assertTrue(section(result, "finetuning").problems().get(0).startsWith("checkpoints/finetune/summary.json is empty (0 bytes)"));
        Section samples = section(result, "samples");
        assertEquals(List.of("samples/index.json sample 1 (sample-01): truth_csv sample-01.truth.csv not found (looked at samples/sample-01.truth.csv)"),
                samples.problems());
        assertTrue(samples.html().contains("<img "), "the generated continuation is still drawn");
    }

    @Test
    void aFailedRunShowsTheFailedAndPendingPhases() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        // As if an earlier run had stopped before rlhf: its record and those after it are not in the manifest.
        Manifest manifest = Manifest.load(run.resolve(RunLayout.MANIFEST));
        for (String notReached : List.of("rlhf", "evaluate", "samples")) manifest.phases.remove(notReached);
        manifest.save(run.resolve(RunLayout.MANIFEST));
        // A real failure: pretraining again with a divergence limit every gradient exceeds.
        CliRunner.Result failed = CliRunner.run("full-run", "--run-dir", run.toString(), "--profile", "tiny", "-q", "--from", "pretrain",
                "--set", "train.max_grad_norm_explosion=0.000001");
        assertEquals(1, failed.code(), failed.toString());
        // full-run wrote the page of the failed run itself, before exiting with the failure's code.
        String written = Files.readString(run.resolve("report/index.html"));
        assertTrue(written.contains("The run failed in pretrain."), "full-run's own page shows the failure");
        ReportWriter.Result result = new ReportWriter(run, TinyRun.PHASES).asPhase("report").write(run.resolve("report/index.html"), true);
        Section glance = section(result, "glance");
        assertTrue(glance.html().contains("The run failed in pretrain."), glance.html());
        assertTrue(glance.html().contains("<span class=\"st failed\">failed</span>"));
        // Phases after the failed one that had not run are pending; those that ran before keep their record.
        for (String pending : List.of("rlhf", "evaluate", "samples")) {
            assertTrue(glance.html().contains("<tr><td>" + pending + "</td><td><span class=\"st pending\">pending</span>"), pending);
        }
        // distill ran in the tiny run before pretrain was run again and failed: it is in the manifest, not pending.
        assertTrue(glance.html().contains("<tr><td>distill</td><td><span class=\"st done\">"), glance.html());
        assertTrue(glance.html().contains("<tr><td>report</td><td><span class=\"st done\">writing</span>"));
        assertTrue(glance.html().contains("training diverged at step 1"), "the failure's message is shown");
    }

    private static ReportWriter.Result write(Path run) throws Exception {
        return new ReportWriter(run, TinyRun.PHASES).write(run.resolve("report/index.html"), false);
    }

    static Section section(ReportWriter.Result r, String id) {
        return r.sections().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + id + " in " + r.sections().stream().map(Section::id).toList()));
    }

    @Test
    void sectionsAreAbsentWhenTheirFilesAre() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        ReportWriter.Result result = write(run);
        List<String> ids = result.sections().stream().map(Section::id).toList();
        assertEquals(List.of("glance", "data", "training", "evaluation", "distillation", "finetuning", "rlhf", "samples"), ids);
        // Without rlhf's folder its section is gone, the others stay.
        dev.autoeditor.util.Trees.delete(run.resolve("checkpoints/rlhf"));
        List<String> without = new ReportWriter(run, TinyRun.PHASES).write(run.resolve("report/index.html"), true).sections().stream().map(Section::id).toList();
        assertEquals(List.of("glance", "data", "training", "evaluation", "distillation", "finetuning", "samples"), without);
        assertFalse(Files.readString(run.resolve("report/index.html")).contains("<h2>RLHF</h2>"));
    }
}
