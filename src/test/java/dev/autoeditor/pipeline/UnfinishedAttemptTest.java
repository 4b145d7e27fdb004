package dev.autoeditor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import dev.autoeditor.util.Hashing;
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

/**
 * What the orchestrator does with an unfinished training attempt whose inputs changed (issue 18, item
 * 6), and with a bad setting met inside a phase (item 10), on fake phases: a, b, then the resumable c.
 */
class UnfinishedAttemptTest {
    static final String RESUME = "auto-editor full-run --run-dir RUN --set c.x=3 --set 'b.list=[1, 2]'";

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

    private List<Path> discarded() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("c.discarded-")).toList();
        }
    }

    /** c dies after writing its checkpoint, as a kill leaves it (manifest: running). */
    private void interruptC() {
        c.dieWith = new ThreadDeath();
        assertThrows(ThreadDeath.class, () -> orchestrator().run(Selection.all()));
        assertEquals(PhaseRecord.RUNNING, Manifest.load(dir.resolve(RunLayout.MANIFEST)).get("c").status);
    }

    @Test
    void changedSettingsOfAnInterruptedPhaseStopTheRunNamingThem() throws Exception {
        interruptC();
        String checkpoint = Hashing.sha256(dir.resolve("out/c/checkpoint"));
        String manifest = Hashing.sha256(dir.resolve(RunLayout.MANIFEST));
        settings.put("c.x", 30);

        UserException e = assertThrows(UserException.class, () -> orchestrator().run(Selection.all()));

        assertEquals(2, e.exitCode());
        String m = e.getMessage();
        assertTrue(m.contains("phase c was interrupted") && m.contains("c.x 3 -> 30"), m);
        assertTrue(m.contains("run again without those changes"), m);
        assertTrue(m.contains("--from c --force") && m.contains("out/c.discarded-<time>/"), m);
        assertEquals(checkpoint, Hashing.sha256(dir.resolve("out/c/checkpoint")), "the checkpoint is untouched");
        assertEquals(manifest, Hashing.sha256(dir.resolve(RunLayout.MANIFEST)), "nothing ran");
        assertEquals(List.of(1, 1, 1), List.of(a.runs, b.runs, c.runs));

        // --force starts c over; its checkpoint is moved aside, not deleted.
        List<TrainingOrchestrator.Outcome> forced = orchestrator().run(new Selection("c", null, true));
        assertEquals(List.of("c:ran"), forced.stream().map(o -> o.phase() + ":" + o.action()).toList());
        assertFalse(c.resumeFlags.get(1), "started over");
        List<Path> aside = discarded();
        assertEquals(1, aside.size(), aside.toString());
        assertEquals(checkpoint, Hashing.sha256(aside.get(0).resolve("checkpoint")));
    }

    @Test
    void anInterruptedPhaseWhoseDataChangedStartsOverKeepingItsCheckpointsAside() throws Exception {
        interruptC();
        String checkpoint = Hashing.sha256(dir.resolve("out/c/checkpoint"));
        settings.put("b.x", 20);

        orchestrator().run(Selection.all());

        assertEquals(List.of(false, false), c.resumeFlags, "new data: no resume");
        List<Path> aside = discarded();
        assertEquals(1, aside.size(), aside.toString());
        assertEquals(checkpoint, Hashing.sha256(aside.get(0).resolve("checkpoint")));
    }

    @Test
    void aBadSettingMetInsideAPhaseIsABadCommandLineAndTheResumeCommandDropsIt() {
        c.failWith = new ConfigException("config key 'c.x' is 3; it must lie between 5 and 9");
        UserException e = assertThrows(UserException.class, () -> orchestrator().run(Selection.all()));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("phase c failed: config key 'c.x' is 3"), e.getMessage());
        assertTrue(e.getMessage().endsWith("resume with: auto-editor full-run --run-dir RUN --set 'b.list=[1, 2]'"), e.getMessage());

        b.failWith = new ConfigException("config key 'b.list' is [1, 2]; it must hold 3 numbers");
        UserException quoted = assertThrows(UserException.class, () -> orchestrator().run(new Selection(null, "b", true)));
        assertTrue(quoted.getMessage().endsWith("resume with: auto-editor full-run --run-dir RUN --set c.x=3"), quoted.getMessage());
    }
}
