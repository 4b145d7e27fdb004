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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingOrchestratorTest {
    static final String RESUME = "auto-editor full-run --run-dir RUN";

    @TempDir
    Path dir;

    FakePhase a;
    FakePhase b;
    FakePhase c;
    Map<String, Object> settings;

    @BeforeEach
    void phases() {
        a = new FakePhase("a", false);
        b = new FakePhase("b", false, "a");
        c = new FakePhase("c", true, "b");
        settings = new LinkedHashMap<>(Map.of("a.x", 1, "b.x", 2, "c.x", 3));
    }

    private TrainingOrchestrator orchestrator() {
        return new TrainingOrchestrator(new RunLayout(dir), Config.of(settings), List.of(a, b, c), RESUME);
    }

    private List<String> actions(List<TrainingOrchestrator.Outcome> outcomes) {
        return outcomes.stream().map(o -> o.phase() + ":" + o.action()).toList();
    }

    @Test
    void secondRunSkipsEverything() throws Exception {
        assertEquals(List.of("a:ran", "b:ran", "c:ran"), actions(orchestrator().run(Selection.all())));
        assertEquals(List.of("a:skipped", "b:skipped", "c:skipped"), actions(orchestrator().run(Selection.all())));
        assertEquals(List.of(1, 1, 1), List.of(a.runs, b.runs, c.runs));
        assertTrue(Files.exists(dir.resolve(RunLayout.RESOLVED_CONFIG)));
    }

    @Test
    void changedSettingRedoesThatPhaseAndEverythingAfterButNothingBefore() throws Exception {
        orchestrator().run(Selection.all());
        settings.put("b.x", 20);

        List<PhaseStatus> status = orchestrator().status();
        assertEquals(PhaseStatus.State.DONE, status.get(0).state());
        assertEquals(PhaseStatus.State.STALE, status.get(1).state());
        assertTrue(status.get(1).reasons().contains("settings changed: b.x"), status.get(1).reasons().toString());
        assertTrue(status.get(2).wouldRun());

        assertEquals(List.of("a:skipped", "b:ran", "c:ran"), actions(orchestrator().run(Selection.all())));
        assertEquals("c=3\nb=20\na=1\n", Files.readString(dir.resolve("out/c/result")));
    }

    @Test
    void damagedOutputIsRedoneAndDownstreamOnlyIfItsInputChanged() throws Exception {
        orchestrator().run(Selection.all());
        Files.writeString(dir.resolve("out/c/result"), "tampered");
        assertEquals(List.of("output out/c changed since it was made"), orchestrator().status().get(2).reasons());

        assertEquals(List.of("a:skipped", "b:skipped", "c:ran"), actions(orchestrator().run(Selection.all())));
        Files.delete(dir.resolve("out/a/result"));
        // a's output comes back identical, so b and c keep valid inputs and are not redone.
        assertEquals(List.of("a:ran", "b:skipped", "c:skipped"), actions(orchestrator().run(Selection.all())));
    }

    @Test
    void onlyAndFromChooseThePhasesAndForceRedoesThem() throws Exception {
        orchestrator().run(Selection.all());
        assertEquals(List.of("b:skipped"), actions(orchestrator().run(new Selection(null, "b", false))));
        assertEquals(List.of("b:ran"), actions(orchestrator().run(new Selection(null, "b", true))));
        assertEquals(List.of("b:ran", "c:ran"), actions(orchestrator().run(new Selection("b", null, true))));
        settings.put("a.x", 5);
        assertEquals(List.of("c:skipped"), actions(orchestrator().run(new Selection(null, "c", false))),
                "--only runs the chosen phase alone even when an earlier one is stale");
        UserException unknown = assertThrows(UserException.class, () -> orchestrator().run(new Selection("nope", null, false)));
        assertTrue(unknown.getMessage().contains("phases: a, b, c"), unknown.getMessage());
    }

    @Test
    void onlyOnAPhaseWhoseUpstreamNeverRanSaysWhatToRun() {
        UserException e = assertThrows(UserException.class, () -> orchestrator().run(new Selection(null, "b", false)));
        assertTrue(e.getMessage().endsWith(RESUME + " --from a"), e.getMessage());
    }

    @Test
    void failureEndsWithTheResumeCommandAndRerunContinuesThere() throws Exception {
        b.failWith = new IllegalStateException("disk full");
        UserException e = assertThrows(UserException.class, () -> orchestrator().run(Selection.all()));
        assertTrue(e.getMessage().contains("phase b failed: IllegalStateException: disk full"), e.getMessage());
        assertTrue(e.getMessage().endsWith(RESUME), e.getMessage());

        Manifest m = Manifest.load(dir.resolve(RunLayout.MANIFEST));
        assertEquals(PhaseRecord.DONE, m.get("a").status);
        assertEquals(PhaseRecord.FAILED, m.get("b").status);
        assertEquals("IllegalStateException: disk full", m.get("b").error);
        assertFalse(m.phases.containsKey("c"));
        assertEquals(PhaseStatus.State.FAILED, orchestrator().status().get(1).state());

        b.failWith = null;
        assertEquals(List.of("a:skipped", "b:ran", "c:ran"), actions(orchestrator().run(Selection.all())));
        assertEquals(2, Manifest.load(dir.resolve(RunLayout.MANIFEST)).get("b").attempts);
    }

    @Test
    void manifestOnDiskIsAlwaysWholeAndRecordsTheRunningPhase() throws Exception {
        b.duringRun = () -> {
            Manifest during = Manifest.load(dir.resolve(RunLayout.MANIFEST));
            assertEquals(PhaseRecord.DONE, during.get("a").status);
            assertEquals(PhaseRecord.RUNNING, during.get("b").status);
            assertFalse(during.get("a").outputs.isEmpty());
        };
        orchestrator().run(Selection.all());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
        PhaseRecord rec = Manifest.load(dir.resolve(RunLayout.MANIFEST)).get("c");
        assertEquals(PhaseRecord.DONE, rec.status);
        assertEquals(Map.of("c.x", 3), rec.config);
        assertTrue(rec.inputs.containsKey("upstream:b") && rec.inputs.containsKey("format"), rec.inputs.toString());
        assertTrue(rec.seconds != null && rec.startedAt != null && rec.finishedAt != null);
        assertEquals(1, rec.attempts);
    }

    @Test
    void killedTrainingPhaseResumesFromItsCheckpointAndOthersStartOver() throws Exception {
        c.dieWith = new ThreadDeath();
        assertThrows(ThreadDeath.class, () -> orchestrator().run(Selection.all()));
        assertEquals(PhaseStatus.State.INTERRUPTED, orchestrator().status().get(2).state());
        assertTrue(orchestrator().status().get(2).reasons().contains("will resume from its last checkpoint"));
        assertTrue(Files.exists(dir.resolve("out/c/checkpoint")));

        assertEquals(List.of("a:skipped", "b:skipped", "c:resumed"), actions(orchestrator().run(Selection.all())));
        assertEquals(List.of(false, true), c.resumeFlags);

        b.dieWith = new ThreadDeath();
        settings.put("b.x", 7);
        assertThrows(ThreadDeath.class, () -> orchestrator().run(Selection.all()));
        orchestrator().run(Selection.all());
        assertEquals(List.of(false, false), b.resumeFlags.subList(1, 3), "a data phase starts over");
        assertFalse(c.resumeFlags.get(2), "changed inputs never resume an old checkpoint");
    }

    @Test
    void aSecondRunInTheSameDirectoryIsRefusedWhileTheFirstWorks() throws Exception {
        UserException[] nested = new UserException[1];
        b.duringRun = () -> nested[0] = assertThrows(UserException.class, () -> orchestrator().run(Selection.all()));
        orchestrator().run(Selection.all());
        assertTrue(nested[0].getMessage().contains("already works in"), nested[0].getMessage());
        assertEquals(List.of("a:skipped", "b:skipped", "c:skipped"), actions(orchestrator().run(Selection.all())), "the lock is released");
    }

    @Test
    void filesNotMadeByThisRunAreNotOverwrittenWithoutForce() throws Exception {
        Files.createDirectories(dir.resolve("out/a"));
        Files.writeString(dir.resolve("out/a/mine.txt"), "user file");
        UserException e = assertThrows(UserException.class, () -> orchestrator().run(Selection.all()));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals("user file", Files.readString(dir.resolve("out/a/mine.txt")));

        orchestrator().run(new Selection(null, null, true));
        assertFalse(Files.exists(dir.resolve("out/a/mine.txt")));
    }
}
