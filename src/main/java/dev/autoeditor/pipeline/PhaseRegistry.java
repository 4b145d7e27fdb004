package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered list of phases, checked to make a pipeline: names are unique, every upstream phase
 * comes earlier, and every model output is one of its phase's outputs and belongs to no other
 * phase. It answers the questions that follow from the order: which model a phase starts from when
 * the one it names is disabled, and which outputs a phase really reads under the current settings.
 */
public final class PhaseRegistry {
    private final List<Phase> phases;

    public PhaseRegistry(List<Phase> phases) {
        this.phases = List.copyOf(phases);
        Set<String> seen = new HashSet<>();
        Set<String> modelOutputs = new HashSet<>();
        for (Phase p : this.phases) {
            for (String up : p.upstream()) {
                if (!seen.contains(up)) {
                    throw new IllegalArgumentException("phase " + p.name() + " reads " + up + ", which is not registered before it");
                }
            }
            if (!seen.add(p.name())) throw new IllegalArgumentException("phase " + p.name() + " is registered twice");
            Optional<String> model = p.modelOutput();
            if (model.isPresent()) {
                if (!p.outputs().contains(model.get())) {
                    throw new IllegalArgumentException("phase " + p.name() + ": model output " + model.get() + " is not among its outputs " + p.outputs());
                }
                if (!modelOutputs.add(model.get())) {
                    throw new IllegalArgumentException("phase " + p.name() + ": model output " + model.get() + " belongs to an earlier phase too");
                }
            }
        }
    }

    public List<Phase> phases() {
        return phases;
    }

    public List<String> names() {
        return phases.stream().map(Phase::name).toList();
    }

    public Phase get(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no phase '" + name + "'; phases: " + String.join(", ", names())));
    }

    /**
     * The model phase a phase named {@code name} starts from: the last phase before it that has a
     * {@link Phase#modelOutput()} and is enabled under {@code config}.
     */
    public Optional<Phase> lastEnabledModelPhaseBefore(String name, Config config) {
        int at = names().indexOf(name);
        if (at < 0) get(name);
        for (int i = at - 1; i >= 0; i--) {
            Phase p = phases.get(i);
            if (p.modelOutput().isPresent() && p.enabled(config)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * The upstream phases whose outputs {@code phase} reads under {@code config}: its declared
     * upstream, where a disabled model phase is replaced by the last enabled model phase before it
     * (dropped when there is none). A disabled phase without a model stays in the list, so the
     * orchestrator reports it as missing instead of running a phase without its inputs; unless the
     * phase does not need every upstream phase ({@link Phase#needsEveryUpstream()}), which then drops it.
     */
    public List<String> effectiveUpstream(Phase phase, Config config) {
        List<String> result = new ArrayList<>();
        for (String up : phase.upstream()) {
            Phase u = get(up);
            String effective = up;
            if (u.modelOutput().isPresent() && !u.enabled(config)) {
                // A switched-off model phase stands for the last enabled one before it (the model actually read).
                effective = lastEnabledModelPhaseBefore(up, config).map(Phase::name).orElse(null);
            } else if (!phase.needsEveryUpstream() && !u.enabled(config)) {
                // A phase that reads whatever earlier phases wrote (the report, rlhf's optional fine-tuning
                // windows) reads nothing of a switched-off data phase.
                continue;
            }
            if (effective != null && !result.contains(effective)) result.add(effective);
        }
        return result;
    }
}
