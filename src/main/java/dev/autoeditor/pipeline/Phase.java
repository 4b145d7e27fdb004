package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a run. The orchestrator decides whether it must run from what it declares: its
 * inputs are the config keys it reads and the outputs of its upstream phases; its outputs are paths
 * in the run directory. The input hash also covers {@link #formatVersion()}, so changing what a phase
 * writes (not merely rebuilding the program) makes old outputs stale. Phases are listed, in order,
 * in {@link StandardPhases}; docs/pipeline.md shows how to add one.
 */
public interface Phase {
    /** The phase's name, also its subcommand and the key in the manifest. */
    String name();

    /** Version of what this phase writes; bump it when the same inputs would now give different outputs. */
    int formatVersion();

    /**
     * The config keys whose values change this phase's outputs: the settings records' own lists
     * ({@code WindowSettings.KEYS}, {@code TrainSettings.INPUT_KEYS}), never derived from what was read.
     */
    List<String> configKeys(Config config);

    /**
     * Config keys the phase reads that change how it runs but not what it writes (thread counts,
     * retries, prefetch, log intervals). They are left out of the input hash, so changing them makes
     * nothing stale; a test fails when a phase reads a key that is in neither list.
     */
    default List<String> runtimeKeys(Config config) {
        return List.of();
    }

    /**
     * Hashes of inputs from outside the run directory that the config keys do not capture, such as
     * the content of a local folder of exports (so editing the folder makes the phase stale).
     */
    default Map<String, String> externalInputs(Config config) {
        return Map.of();
    }

    /**
     * Names of earlier phases whose outputs this phase reads. A model phase names the model phase it
     * starts from as it stands in the full pipeline (finetune names distill); when that one is
     * disabled, the orchestrator puts the last enabled model phase before it in its place (see
     * {@link PhaseContext#sourceModel()}).
     */
    List<String> upstream();

    /**
     * False for a phase that shows whatever its upstream phases wrote (the report): a switched-off
     * upstream phase is then simply not read, instead of counting as missing.
     */
    default boolean needsEveryUpstream() {
        return true;
    }

    /** Paths relative to the run directory that this phase writes; hashed into the manifest. */
    List<String> outputs();

    /**
     * False when the settings switch the phase off ({@code distill.enabled: false}): the manifest then
     * records it as disabled and demands none of its outputs, and later model phases start from the
     * last enabled model phase before it.
     */
    default boolean enabled(Config config) {
        return true;
    }

    /**
     * The folder (one of {@link #outputs()}) where this phase writes a model as {@code best.json}
     * and/or {@code last.json}; the run's final model is the last such model in pipeline order.
     */
    default Optional<String> modelOutput() {
        return Optional.empty();
    }

    /**
     * True when an interrupted attempt should continue from the phase's own checkpoints (training)
     * instead of starting over; the orchestrator then keeps the outputs and sets {@link PhaseContext#resume()}.
     */
    default boolean resumable() {
        return false;
    }

    /**
     * Reads and range-checks every setting the phase will read (its settings records' {@code from(cfg)}),
     * throwing the {@link dev.autoeditor.config.ConfigException} a bad value gives. The orchestrator
     * calls it for every phase it is about to consider, before the first one runs, so a bad setting of
     * a late phase fails at once (exit 2) instead of after the earlier phases' work. It must not read
     * files or do work.
     */
    default void checkSettings(Config config) {}

    /** Does the work, writing only under {@link #outputs()}. */
    void run(PhaseContext context) throws Exception;
}
