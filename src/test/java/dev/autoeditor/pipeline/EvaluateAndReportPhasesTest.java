package dev.autoeditor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.report.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate and report phases run by the orchestrator after the standard phases, as they will be
 * registered: both run after a finished run, the page shows them, and a second run skips both.
 */
class EvaluateAndReportPhasesTest {
    @TempDir
    Path tmp;

    @Test
    void evaluateThenReportAfterTheStandardPhasesThenBothSkipped() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        dev.autoeditor.util.Trees.delete(run.resolve("eval")); // made outside the orchestrator by the shared run
        List<Phase> phases = StandardPhases.all();
        var config = ConfigLoader.load("tiny", null, List.of());
        RunLayout layout = new RunLayout(run);
        TrainingOrchestrator orchestrator = new TrainingOrchestrator(layout, config, phases, "auto-editor full-run");

        List<String> actions = orchestrator.run(Selection.all()).stream().map(o -> o.phase() + ":" + o.action()).toList();
        assertTrue(actions.contains("evaluate:ran") && actions.contains("report:ran"), actions.toString());
        assertTrue(actions.contains("pretrain:skipped"), actions.toString());
        String page = Files.readString(run.resolve("report/index.html"));
        assertTrue(page.contains("<h2>Evaluation</h2>"));
        assertTrue(page.contains("<tr><td>evaluate</td><td><span class=\"st done\">done</span>"), "evaluate shown done");
        assertTrue(page.contains("<tr><td>report</td><td><span class=\"st done\">writing</span>"), "report shown writing");
        assertTrue(page.contains("Every phase is done."), "the page does not count itself as running");
        PhaseRecord rec = Manifest.load(layout.manifest()).get(ReportPhase.NAME);
        assertEquals(PhaseRecord.DONE, rec.status);
        assertEquals("report/index.html", rec.notes.get("page"));

        List<String> again = orchestrator.run(Selection.all()).stream().map(o -> o.phase() + ":" + o.action()).toList();
        assertTrue(again.contains("evaluate:skipped") && again.contains("report:skipped"), again.toString());
    }
}
