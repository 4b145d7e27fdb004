package dev.autoeditor.train;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a training run gets its starting weights (nanoGPT's {@code init_from}).
 * <ul>
 *   <li>{@link Scratch}: initialised from the seed.</li>
 *   <li>{@link Resume}: an interrupted run of the same phase continues exactly: weights, optimizer
 *       moments, data position, step and listener state; the checkpoint must be of the same kind and phase.</li>
 *   <li>{@link WarmStart}: a new run starts from another model's weights (a fine-tune from pretraining,
 *       a student from part of a teacher, a policy with a new value head): parameters are copied by name
 *       where the shapes match, the rest are initialised from the seed, and the optimizer starts afresh
 *       at step 0 with this run's schedule.</li>
 * </ul>
 */
public sealed interface Init {
    record Scratch() implements Init {}

    /** @param checkpoint a checkpoint .json, or a folder (its last.json) */
    record Resume(Path checkpoint) implements Init {}

    /** @param checkpoint a checkpoint .json, or a folder (its best.json, else last.json) */
    record WarmStart(Path checkpoint) implements Init {}

    /** Resume from {@code checkpointDir}'s last checkpoint when it has one, else start from scratch. */
    static Init resumeIfPresent(Path checkpointDir) {
        return Files.isRegularFile(checkpointDir.resolve(CheckpointStore.LAST + ".json")) ? new Resume(checkpointDir) : new Scratch();
    }
}
