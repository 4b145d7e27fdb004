package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model phase for tests: writes checkpoints/NAME/best.json holding the phase it started from
 * ({@link PhaseContext#sourceModel()}, when it names a source), and can be switched off by a boolean key.
 */
class FakeModelPhase extends DeclaredPhase {
    private final String source;
    private String switchKey;
    private String notesOf;
    ModelSource startedFrom;
    Map<String, Object> notesSeen;

    /** @param source the model phase it starts from in the full pipeline, or null to start from scratch */
    FakeModelPhase(String name, String source, String... otherUpstream) {
        super(name, 1, upstream(source, otherUpstream), List.of("checkpoints/" + name));
        this.source = source;
    }

    private static List<String> upstream(String source, String... others) {
        return source == null ? List.of(others) : java.util.stream.Stream.concat(java.util.stream.Stream.of(source),
                java.util.stream.Stream.of(others)).toList();
    }

    /** Enabled only while {@code key} is true. */
    FakeModelPhase switchedBy(String key) {
        switchKey = key;
        return this;
    }

    /** Reads {@code phase}'s notes while it runs (into {@link #notesSeen}). */
    FakeModelPhase readingNotesOf(String phase) {
        notesOf = phase;
        return this;
    }

    @Override
    public List<String> configKeys(Config config) {
        return List.of();
    }

    @Override
    public boolean enabled(Config config) {
        return switchKey == null || config.getBoolean(switchKey);
    }

    @Override
    public Optional<String> modelOutput() {
        return Optional.of("checkpoints/" + name());
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        String from = "scratch";
        if (source != null) {
            startedFrom = context.sourceModel();
            from = Files.readString(startedFrom.checkpoint());
        }
        if (notesOf != null) notesSeen = context.upstreamNotes(notesOf);
        Path dir = context.path("checkpoints/" + name());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("best.json"), name() + " <- " + from);
        context.note("made", name());
    }
}
