package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A phase for orchestrator tests: its output file holds its config value and its upstream outputs'
 * text, so outputs change exactly when inputs do. It counts runs and can be told to fail or to die.
 */
final class FakePhase implements Phase {
    private final String name;
    private final List<String> upstream;
    private final boolean resumable;
    int runs;
    final List<Boolean> resumeFlags = new ArrayList<>();
    RuntimeException failWith;
    /** Thrown after writing a checkpoint, as a hard kill would leave things (not caught as Exception). */
    Error dieWith;
    Runnable duringRun = () -> {};
    /** When set, the phase is enabled only while this boolean setting is true. */
    String switchKey;

    FakePhase(String name, boolean resumable, String... upstream) {
        this.name = name;
        this.resumable = resumable;
        this.upstream = List.of(upstream);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public List<String> configKeys(Config config) {
        return List.of(name + ".x");
    }

    @Override
    public List<String> upstream() {
        return upstream;
    }

    @Override
    public List<String> outputs() {
        return List.of("out/" + name);
    }

    @Override
    public boolean enabled(Config config) {
        return switchKey == null || config.getBoolean(switchKey);
    }

    @Override
    public boolean resumable() {
        return resumable;
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        runs++;
        resumeFlags.add(context.resume());
        duringRun.run();
        Path dir = context.path("out/" + name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("checkpoint"), "partial");
        if (dieWith != null) {
            Error e = dieWith;
            dieWith = null;
            throw e;
        }
        if (failWith != null) throw failWith;
        StringBuilder text = new StringBuilder(name + "=" + context.config().get(name + ".x") + "\n");
        for (String up : upstream) text.append(Files.readString(context.path("out/" + up + "/result")));
        Files.writeString(dir.resolve("result"), text.toString());
    }
}
