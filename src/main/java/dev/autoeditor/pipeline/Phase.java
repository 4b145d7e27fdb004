package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import java.util.List;
import java.util.Map;

/**
 * One step of a run. The orchestrator decides whether it must run from what it declares: its
 * inputs are the config keys it reads and the outputs of its upstream phases; its outputs are paths
 * in the run directory. The input hash also covers {@link #formatVersion()}, so changing what a phase
 * writes (not merely rebuilding the program) makes old outputs stale.
 */
public interface Phase {
    /** The phase's name, also its subcommand and the key in the manifest. */
    String name();

    /** Version of what this phase writes; bump it when the same inputs would now give different outputs. */
    int formatVersion();

    /** The config keys whose values change this phase's outputs (not, for example, thread counts). */
    List<String> configKeys(Config config);

    /**
     * Hashes of inputs from outside the run directory that the config keys do not capture, such as
     * the content of a local folder of exports (so editing the folder makes the phase stale).
     */
    default Map<String, String> externalInputs(Config config) {
        return Map.of();
    }

    /** Names of earlier phases whose outputs this phase reads. */
    List<String> upstream();

    /** Paths relative to the run directory that this phase writes; hashed into the manifest. */
    List<String> outputs();

    /**
     * True when an interrupted attempt should continue from the phase's own checkpoints (training)
     * instead of starting over; the orchestrator then keeps the outputs and sets {@link PhaseContext#resume()}.
     */
    default boolean resumable() {
        return false;
    }

    /** Does the work, writing only under {@link #outputs()}. */
    void run(PhaseContext context) throws Exception;
}
