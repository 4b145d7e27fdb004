package dev.autoeditor.pipeline;

import java.util.List;

/**
 * A phase whose name, format version, upstream phases and outputs are fixed at construction, so a
 * concrete phase only says which settings it reads and what it does (and, where it applies, when it
 * is enabled and where its model goes, by overriding {@link #enabled} and {@link #modelOutput}).
 */
public abstract class DeclaredPhase implements Phase {
    private final String name;
    private final int formatVersion;
    private final List<String> upstream;
    private final List<String> outputs;

    protected DeclaredPhase(String name, int formatVersion, List<String> upstream, List<String> outputs) {
        this.name = name;
        this.formatVersion = formatVersion;
        this.upstream = List.copyOf(upstream);
        this.outputs = List.copyOf(outputs);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int formatVersion() {
        return formatVersion;
    }

    @Override
    public final List<String> upstream() {
        return upstream;
    }

    @Override
    public final List<String> outputs() {
        return outputs;
    }

    @Override
    public String toString() {
        return name;
    }
}
