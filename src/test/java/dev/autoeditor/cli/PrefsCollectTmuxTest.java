package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.prefs.ModelRef;
import dev.autoeditor.prefs.Pair;
import dev.autoeditor.prefs.PairJudge;
import dev.autoeditor.prefs.PairStore;
import dev.autoeditor.prefs.SittingLog;
import dev.autoeditor.report.TinyRun;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.util.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prefs collect} as a person uses it: the real CLI in its own JVM inside a tmux terminal,
 * answered with single key presses ({@code tmux send-keys}, never Enter), the screen read back with
 * {@code capture-pane}. Needs tmux ({@code .ci/run} installs it); skipped, saying so, without it.
 * The first two screens are kept in {@code target/prefs-collect-screen-1.txt} and {@code -2.txt}, and the
 * model's first in {@code target/prefs-collect-model-screen-1.txt} (docs/prefs.md shows them).
 */
class PrefsCollectTmuxTest {
    private static final long WAIT_S = 120;

    @TempDir
    Path dir;

    private String socket;

    @Test
    void aPersonAnswersWithSingleKeysStopsWithCtrlCAndContinuesLater() throws Exception {
        Assumptions.assumeTrue(tmuxVersion() != null, "tmux is not installed here (apt-get install tmux; .ci/run installs it):"
                + " the terminal test of prefs collect cannot run");
        Path exports = dir.resolve("exports");
        CliRunner.Result synth = CliRunner.run("synth", "--out", exports.toString(), "--projects", "2", "--seed", "3", "--profile", "tiny", "-q");
        assertEquals(0, synth.code(), synth.toString());
        Path run = dir.resolve("run");
        Path args = javaArgs();
        Path launcher = dir.resolve("launcher.args");
        Path conf = dir.resolve("tmux.conf");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> collect = List.of(java, "@" + args,
                "prefs", "collect", "--run-dir", run.toString(), "--demo", exports.toString(), "--judge-id", "tmux-tester", "--pairs", "2");
        try {
            List<String> start = new ArrayList<>(List.of("-f", conf.toString(), "new-session", "-d", "-s", "first", "-x", "100", "-y", "60",
                    "-c", dir.toString()));
            start.addAll(recordingExit(java, launcher, "first", collect));
            tmux(start.toArray(String[]::new));

            String screen = waitFor("first", s -> s.contains("keys: a = A is better"), "the first proposal");
            assertTrue(screen.contains("prefs collect   proposal 1   judge tmux-tester   this sitting: 0 of 2 pairs"), screen);
            assertTrue(screen.contains("proposals: DEMO: rule-based continuations, no model"), screen);
            assertTrue(screen.contains("  cuts   "), screen);
            assertTrue(screen.contains("  V1     "), screen);
            assertTrue(screen.contains("sources: a "), screen);
            assertTrue(screen.contains("motion:  + zooming in"), screen);
            assertTrue(screen.contains("  A: " + run.resolve("prefs/demo-pairs-xml")), screen);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/prefs-collect-screen-1.txt"), screen.stripTrailing() + "\n", StandardCharsets.UTF_8);

            tmux("send-keys", "-t", "first", "a");
            screen = waitFor("first", s -> s.contains("prefs collect   proposal 2"), "proposal 2 after pressing a");
            assertTrue(screen.contains("last: proposal 1: A preferred; pair 1 appended to demo-pairs.jsonl"), screen);
            assertTrue(screen.contains("this sitting: 1 of 2 pairs (A 1, B 0), 0 skipped"), screen);
            Files.writeString(Path.of("target/prefs-collect-screen-2.txt"), screen.stripTrailing() + "\n", StandardCharsets.UTF_8);

            tmux("send-keys", "-t", "first", "s");
            screen = waitFor("first", s -> s.contains("prefs collect   proposal 3"), "proposal 3 after pressing s");
            assertTrue(screen.contains("last: proposal 2: skipped (no pair; recorded in demo-pairs.sittings.jsonl)"), screen);
            tmux("send-keys", "-t", "first", "b");
            screen = waitForExit("first", 0);
            assertTrue(screen.contains("sitting done: 2 pair(s) recorded (A 1, B 1), 1 skipped"), screen);

            List<Pair> pairs = new PairStore(run.resolve("prefs/demo-pairs.jsonl")).read().pairList();
            assertEquals(2, pairs.size());
            assertEquals(new PairJudge(PairJudge.Kind.PERSON, "tmux-tester"), pairs.get(1).judge());
            assertEquals(List.of("1 shown", "1 A", "2 shown", "2 skip", "3 shown", "3 B"), events(run));

            // The next sitting continues at proposal 4; an arrow key is no answer; Ctrl-C stops it.
            List<String> again = new ArrayList<>(List.of("new-session", "-d", "-s", "again", "-x", "100", "-y", "60", "-c", dir.toString()));
            again.addAll(recordingExit(java, launcher, "again", collect));
            tmux(again.toArray(String[]::new));
            screen = waitFor("again", s -> s.contains("keys: a = A is better"), "the second sitting");
            assertTrue(screen.contains("prefs collect   proposal 4   judge tmux-tester"), screen);
            assertTrue(screen.contains("last: continuing: proposals 1-3 were answered in earlier sittings"), screen);
            tmux("send-keys", "-t", "again", "Up");
            waitFor("again", s -> s.contains("that key does nothing here: press a, b, s or q"), "the hint after an arrow key");
            tmux("send-keys", "-t", "again", "C-c");
            screen = waitForExit("again", ExitCodes.INTERRUPTED);
            assertTrue(screen.contains("interrupted (Ctrl-C): 0 pair(s) recorded"), screen);
            assertTrue(screen.contains("run the same command to continue from proposal 4"), screen);
            assertEquals(2, new PairStore(run.resolve("prefs/demo-pairs.jsonl")).read().pairList().size());
            List<String> events = events(run);
            assertEquals(List.of("4 shown", "4 interrupted"), events.subList(events.size() - 2, events.size()));
            assertFalse(screen.contains("Exception"), screen);
        } finally {
            tmuxQuietly("kill-server");
        }
    }

    /**
     * {@code prefs collect} without {@code --demo} on a trained run (a copy of the shared tiny run): the
     * run's final model proposes both sides, the screen says so, and each answer becomes a pair whose
     * sides name that model, their own seeds and the temperature.
     */
    @Test
    void aPersonLabelsPairsTheRunsModelProposes() throws Exception {
        Assumptions.assumeTrue(tmuxVersion() != null, "tmux is not installed here (apt-get install tmux; .ci/run installs it):"
                + " the terminal test of prefs collect cannot run");
        Path run = TinyRun.copy(Files.createDirectories(dir.resolve("run")));
        Path model = new RunLayout(run).finalModel().orElseThrow();
        String sha256 = CheckpointStore.read(model).weightsSha256();
        Path args = javaArgs();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> collect = List.of(java, "@" + args, "prefs", "collect", "--run-dir", run.toString(), "--profile", "tiny", "--judge-id",
                "tmux-tester", "--pairs", "2");
        try {
            List<String> start = new ArrayList<>(List.of("-f", dir.resolve("tmux.conf").toString(), "new-session", "-d", "-s", "model", "-x", "100",
                    "-y", "60", "-c", dir.toString()));
            start.addAll(recordingExit(java, dir.resolve("launcher.args"), "model", collect));
            tmux(start.toArray(String[]::new));

            String screen = waitFor("model", s -> s.contains("keys: a = A is better"), "the model's first proposal", "run/prefs/pairs.sittings.jsonl");
            assertTrue(screen.contains("prefs collect   proposal 1   judge tmux-tester   this sitting: 0 of 2 pairs"), screen);
            assertTrue(screen.contains("proposals: model " + sha256.substring(0, 8) + " (checkpoints/rlhf/last.json), temperature 1; "), screen);
            assertFalse(screen.contains("DEMO"), screen);
            assertTrue(screen.contains("  cuts   "), screen);
            assertTrue(screen.contains("  V1     "), screen);
            assertTrue(screen.contains("sources: a "), screen);
            assertTrue(screen.contains("  A: " + run.resolve("prefs/pairs-xml")), screen);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/prefs-collect-model-screen-1.txt"), screen.stripTrailing() + "\n", StandardCharsets.UTF_8);

            tmux("send-keys", "-t", "model", "b");
            screen = waitFor("model", s -> s.contains("prefs collect   proposal 2"), "proposal 2 after pressing b", "run/prefs/pairs.sittings.jsonl");
            assertTrue(screen.contains("last: proposal 1: B preferred; pair 1 appended to pairs.jsonl"), screen);
            tmux("send-keys", "-t", "model", "a");
            screen = waitForExit("model", 0);
            assertTrue(screen.contains("sitting done: 2 pair(s) recorded (A 1, B 1), 0 skipped"), screen);

            List<Pair> pairs = new PairStore(run.resolve(PairStore.DEFAULT_FILE)).read().pairList();
            assertEquals(2, pairs.size());
            for (int i = 0; i < 2; i++) {
                Pair p = pairs.get(i);
                assertEquals(new PairJudge(PairJudge.Kind.PERSON, "tmux-tester"), p.judge());
                long n = i + 1;
                // Proposal n's side A was sampled with seed (seed, "prefs.collect.side", 2n), B with 2n + 1; B was preferred first, then A.
                long seedA = Seeds.derive(42, "prefs.collect.side", 2 * n);
                long seedB = Seeds.derive(42, "prefs.collect.side", 2 * n + 1);
                assertEquals(new ModelRef(sha256, i == 0 ? seedB : seedA, 1.0), p.preferred().model());
                assertEquals(new ModelRef(sha256, i == 0 ? seedA : seedB, 1.0), p.other().model());
            }
            try (var xml = Files.list(run.resolve("prefs/pairs-xml"))) {
                Path folder = xml.findFirst().orElseThrow();
                for (String f : List.of("proposal-0001-A.xml", "proposal-0001-B.xml", "proposal-0002-A.xml", "proposal-0002-B.xml")) {
                    assertEquals(1, new XmemlReader().read(folder.resolve(f)).sequences().size(), f);
                }
            }
        } finally {
            tmuxQuietly("kill-server");
        }
    }

    /**
     * The argument files that start the CLI ({@code java.args}) and {@link RecordExit} ({@code launcher.args})
     * with the test class path (keeping tmux's command short however long it is), the tmux config, and a
     * tmux server of the test's own (its socket in the test's folder, removed with it).
     */
    private Path javaArgs() throws IOException {
        String classPath = "-cp\n\"" + FullRunKillResumeTest.testClassPath().replace("\\", "\\\\") + "\"\n";
        Path args = Files.writeString(dir.resolve("java.args"), "-Xmx512m\n" + classPath + Main.class.getName() + "\n");
        Files.writeString(dir.resolve("launcher.args"), "-Xmx64m\n" + classPath + RecordExit.class.getName() + "\n");
        Files.writeString(dir.resolve("tmux.conf"), "set -g remain-on-exit on\nset -g status off\n");
        socket = dir.resolve("tmux.sock").toString();
        return args;
    }

    /** {@code command} started through {@link RecordExit}, which writes its exit status to {@code <session>.status}. */
    private List<String> recordingExit(String java, Path launcher, String session, List<String> command) {
        List<String> out = new ArrayList<>(List.of(java, "@" + launcher, dir.resolve(session + ".status").toString()));
        out.addAll(command);
        return out;
    }

    /** The sitting log's lines, for failure messages. */
    private String sittingLog(String file) throws IOException {
        Path log = dir.resolve(file);
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }

    private static List<String> events(Path run) throws IOException {
        return new SittingLog(run.resolve("prefs/demo-pairs.sittings.jsonl")).read().entries().stream()
                .map(e -> e.proposal() + " " + e.event().json()).toList();
    }

    /** Polls the pane until {@code condition} holds; fails with the last screen after {@link #WAIT_S}. */
    private String waitFor(String session, Predicate<String> condition, String what) throws Exception {
        return waitFor(session, condition, what, "run/prefs/demo-pairs.sittings.jsonl");
    }

    /** {@link #waitFor}, showing the sitting log {@code sittingLog} (relative to the test's folder) on failure. */
    private String waitFor(String session, Predicate<String> condition, String what, String sittingLog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-t", session);
            if (condition.test(screen)) return screen;
            if (tmux("display-message", "-p", "-t", session, "#{pane_dead}").strip().equals("1")) {
                fail("the program ended before " + what + " showed:\n" + tmux("capture-pane", "-p", "-t", session) + "\nsitting log:\n"
                        + sittingLog(sittingLog));
            }
            Thread.sleep(150);
        }
        fail("timed out after " + WAIT_S + " s waiting for " + what + "; the screen:\n" + screen);
        return screen;
    }

    /**
     * Waits for the program in {@code session} to end (its status file written by {@link RecordExit}
     * and its pane closed) and checks its exit status; returns its last screen.
     */
    private String waitForExit(String session, int code) throws Exception {
        Path status = dir.resolve(session + ".status");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            if (Files.exists(status) && tmux("display-message", "-p", "-t", session, "#{pane_dead}").strip().equals("1")) {
                String screen = tmux("capture-pane", "-p", "-t", session);
                assertEquals(Integer.toString(code), Files.readString(status).strip(), screen);
                return screen;
            }
            Thread.sleep(150);
        }
        String pid = tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip();
        fail("timed out after " + WAIT_S + " s waiting for the program to end (status file " + (Files.exists(status) ? "written" : "missing")
                + "; " + processState(pid) + "); the screen:\n" + tmux("capture-pane", "-p", "-t", session));
        return "";
    }

    /** What /proc says of the program's process, for a failure message. */
    private static String processState(String pid) {
        try {
            Path status = Path.of("/proc", pid, "status");
            if (!Files.exists(status)) return "process " + pid + " is gone";
            String state = Files.readAllLines(status).stream().filter(l -> l.startsWith("State:")).findFirst().orElse("State: ?");
            return "process " + pid + " still there, " + state.replace('\t', ' ');
        } catch (IOException | RuntimeException e) {
            return "process " + pid + ": " + e;
        }
    }

    /** Runs {@code tmux -S <socket> args...} (no shell) and returns its output; fails on a non-zero exit. */
    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tmux " + String.join(" ", args) + " did not finish");
        }
        if (p.exitValue() != 0) fail("tmux " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
        return out;
    }

    private void tmuxQuietly(String... args) {
        if (socket == null) return;
        try {
            List<String> command = new ArrayList<>(List.of("tmux", "-S", socket));
            command.addAll(List.of(args));
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // the server is gone already
        }
    }

    /** tmux's version line, or null when tmux cannot be started. */
    private static String tmuxVersion() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
