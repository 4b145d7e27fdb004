package dev.autoeditor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phases switched off by the settings: recorded as disabled, no outputs demanded, and a later model
 * phase starts from the last enabled model phase before the one it names.
 */
class PhaseSwitchesTest {
    @TempDir
    Path dir;

    FakePhase data;
    FakeModelPhase teacher;
    FakeModelPhase student;
    FakeModelPhase tuned;
    Map<String, Object> settings;

    @BeforeEach
    void phases() {
        data = new FakePhase("a", false);
        teacher = new FakeModelPhase("teacher", null, "a");
        student = new FakeModelPhase("student", "teacher").switchedBy("student.enabled");
        tuned = new FakeModelPhase("tuned", "student").switchedBy("tuned.enabled");
        settings = new LinkedHashMap<>(Map.of("a.x", 1, "student.enabled", false, "tuned.enabled", true));
    }

    private List<Phase> pipeline() {
        return List.of(data, teacher, student, tuned);
    }

    private TrainingOrchestrator orchestrator() {
        return new TrainingOrchestrator(new RunLayout(dir), Config.of(settings), pipeline(), TrainingOrchestratorTest.RESUME);
    }

    private List<String> actions(List<TrainingOrchestrator.Outcome> outcomes) {
        return outcomes.stream().map(o -> o.phase() + ":" + o.action()).toList();
    }

    private Manifest manifest() {
        return Manifest.load(dir.resolve(RunLayout.MANIFEST));
    }

    @Test
    void aDisabledModelPhaseIsRecordedAndTheNextStartsFromTheOneBeforeIt() throws Exception {
        tuned.readingNotesOf("teacher");
        assertEquals(List.of("a:ran", "teacher:ran", "student:disabled", "tuned:ran"), actions(orchestrator().run(Selection.all())));
        PhaseRecord off = manifest().get("student");
        assertEquals(PhaseRecord.Status.DISABLED, off.status);
        assertEquals(Map.of("student.enabled", false), off.config, "the record names the switch");
        assertTrue(off.outputs.isEmpty(), "no outputs demanded");
        assertFalse(Files.exists(dir.resolve("checkpoints/student")));
        assertTrue(Files.readString(dir.resolve(RunLayout.MANIFEST)).contains("\"status\" : \"disabled\""), "written in lower case");

        assertEquals(new ModelSource("teacher", dir.resolve("checkpoints/teacher/best.json")), tuned.startedFrom);
        assertEquals("tuned <- teacher <- scratch", Files.readString(dir.resolve("checkpoints/tuned/best.json")));
        assertEquals(Map.of("made", "teacher"), tuned.notesSeen, "the stand-in upstream's notes are readable");
        PhaseRecord rec = manifest().get("tuned");
        assertTrue(rec.inputs.containsKey("upstream:teacher") && !rec.inputs.containsKey("upstream:student"), rec.inputs.toString());
        assertEquals(dir.resolve("checkpoints/tuned/best.json"), new RunLayout(dir).finalModel(pipeline()).orElseThrow());

        PhaseStatus status = orchestrator().status().get(2);
        assertEquals(PhaseStatus.State.DISABLED, status.state());
        assertEquals(List.of("student.enabled is false"), status.reasons());
        assertFalse(status.wouldRun());
        assertEquals(List.of("a:skipped", "teacher:skipped", "student:disabled", "tuned:skipped"), actions(orchestrator().run(Selection.all())));
    }

    @Test
    void switchingAModelPhaseOnRedoesItAndTheNextStartsFromIt() throws Exception {
        orchestrator().run(Selection.all());
        settings.put("student.enabled", true);
        List<PhaseStatus> status = orchestrator().status();
        assertEquals(PhaseStatus.State.PENDING, status.get(2).state());
        assertEquals(PhaseStatus.State.STALE, status.get(3).state());
        assertEquals(List.of("no longer reads teacher", "student will run first"), status.get(3).reasons());

        assertEquals(List.of("a:skipped", "teacher:skipped", "student:ran", "tuned:ran"), actions(orchestrator().run(Selection.all())));
        assertEquals("student", tuned.startedFrom.phase());
        assertEquals("tuned <- student <- teacher <- scratch", Files.readString(dir.resolve("checkpoints/tuned/best.json")));
    }

    @Test
    void theFinalModelPassesOverAPhaseSwitchedOffAfterItRan() throws Exception {
        orchestrator().run(Selection.all());
        settings.put("tuned.enabled", false);
        assertEquals(List.of("a:skipped", "teacher:skipped", "student:disabled", "tuned:disabled"), actions(orchestrator().run(Selection.all())));
        assertTrue(Files.exists(dir.resolve("checkpoints/tuned/best.json")), "switching a phase off deletes nothing");
        assertEquals(dir.resolve("checkpoints/teacher/best.json"), new RunLayout(dir).finalModel(pipeline()).orElseThrow());

        UserException only = assertThrows(UserException.class, () -> orchestrator().run(new Selection(null, "tuned", false)));
        assertTrue(only.getMessage().contains("tuned.enabled is false") && only.getMessage().contains("--set tuned.enabled=true"),
                only.getMessage());

        settings.put("tuned.enabled", true);
        assertEquals(List.of("switched on since the last run"), orchestrator().status().get(3).reasons());
        assertEquals(List.of("tuned:ran"), actions(orchestrator().run(new Selection("tuned", null, false))));
    }

    @Test
    void anEnabledPhaseWhoseDataPhaseIsOffSaysWhichSwitch() throws Exception {
        FakeModelPhase reader = new FakeModelPhase("reader", null, "a");
        settings.put("a.enabled", false);
        FakePhase offData = new FakePhase("a", false);
        offData.switchKey = "a.enabled";
        TrainingOrchestrator o = new TrainingOrchestrator(new RunLayout(dir), Config.of(settings), List.of(offData, reader),
                TrainingOrchestratorTest.RESUME);
        UserException e = assertThrows(UserException.class, () -> o.run(Selection.all()));
        assertTrue(e.getMessage().contains("needs the outputs of a, which is switched off (a.enabled is false)"), e.getMessage());
    }

    @Test
    void notesOfAPhaseNotReadAreRefused() throws Exception {
        FakeModelPhase nosy = new FakeModelPhase("nosy", "teacher").readingNotesOf("a");
        TrainingOrchestrator o = new TrainingOrchestrator(new RunLayout(dir), Config.of(settings), List.of(data, teacher, nosy),
                TrainingOrchestratorTest.RESUME);
        UserException e = assertThrows(UserException.class, () -> o.run(Selection.all()));
        assertTrue(e.getMessage().contains("asked for the notes of a, which is not among the upstream phases it reads [teacher]"), e.getMessage());
    }
}
