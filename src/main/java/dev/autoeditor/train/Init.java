package dev.autoeditor.train;

import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

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

    /**
     * Resume from {@code checkpointDir}'s newest intact checkpoint: its last, unless that is damaged or
     * gone; then the intact one with the most steps, saying which and why (the run rewrites last from it,
     * and the metrics rows after it are dropped when training starts). Damaged checkpoints are set aside
     * ({@link CheckpointStore#setAside}), not deleted. Start from scratch when the folder holds no
     * checkpoint; fail naming each when none is intact.
     */
    static Init resumeIfPresent(Path checkpointDir) {
        return resumeOr(checkpointDir, new Scratch());
    }

    /**
     * {@link #resumeIfPresent}, with {@code otherwise} (a warm start, say) when the folder holds no
     * checkpoint: how every training phase continues an interrupted attempt.
     */
    static Init resumeOr(Path checkpointDir, Init otherwise) {
        CheckpointStore store = new CheckpointStore(checkpointDir);
        if (store.names().isEmpty()) return otherwise;
        CheckpointStore.ResumePoint point = store.newestIntact();
        List<String> problems = new ArrayList<>();
        point.damaged().forEach((name, why) -> problems.add(name + ".json: " + why));
        if (point.json() == null) {
            throw new UserException("no checkpoint in " + checkpointDir + " is intact, so training cannot resume (" + String.join("; ", problems)
                    + "); restore them from a backup, or start this training over: `auto-editor pretrain ... --force`, or in a run "
                    + "directory `auto-editor full-run --from PHASE --force`");
        }
        if (!Files.exists(store.jsonOf(CheckpointStore.LAST))) problems.add(0, "no last.json");
        if (!problems.isEmpty()) {
            point.damaged().keySet().forEach(store::setAside);
            LoggerFactory.getLogger(Init.class).warn("{}: {}; resuming from {} (step {}), the newest intact checkpoint: steps after it are"
                    + " trained again and their metrics rows dropped{}", checkpointDir, String.join("; ", problems), point.json(), point.step(),
                    point.damaged().isEmpty() ? "" : "; the damaged files are kept beside it with the suffix .damaged");
        }
        return new Resume(point.json());
    }
}
