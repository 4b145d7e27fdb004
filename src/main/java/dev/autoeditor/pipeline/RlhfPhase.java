package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.rl.GeneratorSampler;
import dev.autoeditor.rl.RlhfRun;
import dev.autoeditor.rl.RlhfSettings;
import dev.autoeditor.util.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RLHF: a reward model learns the preference pairs, then PPO tunes the last enabled model phase's model
 * (finetune's, else distill's or pretrain's) toward it, into checkpoints/rlhf/ (docs/rlhf.md). Rollout
 * contexts come from the fine-tuning tree's windows when that tree is on (the user's style), else from
 * the main tree's. The pair files of {@code rlhf.pairs} (relative to the working directory, as every
 * path in the settings) are hashed as inputs, so adding pairs reruns
 * the phase; without them the phase simulates pairs with the rule judge. Interrupted with unchanged
 * inputs, it continues: the simulated pairs are kept, the reward model and PPO resume from their checkpoints.
 */
public final class RlhfPhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(RlhfPhase.class);
    public static final String NAME = "rlhf";
    public static final String OUTPUT = "checkpoints/rlhf";

    public RlhfPhase() {
        // Every model phase it may start from is upstream (the orchestrator substitutes a disabled one),
        // and both trees' windows; a switched-off upstream phase is simply not read.
        super(NAME, 2, List.of(WindowPhase.NAME, DataTree.FINETUNE.phaseName(WindowPhase.NAME), FinetunePhase.NAME), List.of(OUTPUT));
    }

    @Override
    public boolean enabled(Config c) {
        return c.getBoolean("rlhf.enabled");
    }

    @Override
    public boolean needsEveryUpstream() {
        return false;
    }

    @Override
    public Optional<String> modelOutput() {
        return Optional.of(OUTPUT);
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public List<String> configKeys(Config c) {
        // rlhf.enabled too: the provenance of what it writes records the whole rlhf section.
        List<String> keys = new ArrayList<>(List.of("rlhf.enabled"));
        keys.addAll(RlhfSettings.KEYS);
        keys.addAll(RlhfRun.otherKeys());
        keys.add("finetune.enabled");
        // checkSettings compares context and horizon with the run's windows.
        keys.add("window.length");
        return keys;
    }

    @Override
    public List<String> runtimeKeys(Config c) {
        List<String> keys = new ArrayList<>(List.of("train.prefetch", "train.log_every"));
        keys.addAll(GeneratorSampler.RUNTIME_KEYS);
        return keys;
    }

    /** Bad rlhf.* settings (and the judge's, the reward model's training, the sampler's) fail before any phase runs, not after pretraining. */
    @Override
    public void checkSettings(Config config) {
        RlhfRun.checkSettings(config);
    }

    /** The content of every pair file of rlhf.pairs: adding pairs makes the phase stale. */
    @Override
    public Map<String, String> externalInputs(Config c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Path f : RlhfSettings.from(c).pairFiles()) {
            Path file = Path.of("").toAbsolutePath().resolve(f);
            try {
                m.put("pairs " + f, Files.isRegularFile(file) ? Hashing.sha256(file) : "missing");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read pair file " + file, e);
            }
        }
        return m;
    }

    /**
     * The fine-tuning tree when it is on and its windows were made the starting model's way (its
     * normaliser), else the main tree. A fine-tuned model always matches its tree; a model from an
     * earlier phase matches the fine-tuning windows only when they were preprocessed with
     * preprocess.normaliser=from_model.
     */
    static DataTree treeFor(PhaseContext context, ModelSource source) {
        Path finetune = context.path(DataTree.FINETUNE.windows());
        if (!DataTree.FINETUNE.enabled(context.config()) || !Files.isDirectory(finetune)) return DataTree.MAIN;
        Normaliser model = CheckpointStore.read(source.checkpoint()).data().normaliser();
        if (model.sameStatistics(DataSpec.load(finetune).normaliser())) return DataTree.FINETUNE;
        log.warn("rlhf: {} were normalised differently from {} ({}); rollouts come from the main tree's windows", finetune,
                source.checkpoint(), source.phase());
        return DataTree.MAIN;
    }

    @Override
    public void run(PhaseContext context) throws IOException {
        Config cfg = context.config();
        ModelSource source = context.sourceModel();
        DataTree tree = treeFor(context, source);
        Path out = context.path(OUTPUT);
        Map<String, Object> summary = new RlhfRun(new RlhfRun.Inputs(source.checkpoint(), source.phase(), context.path(tree.windows()), out, cfg,
                context.resume(), Path.of("").toAbsolutePath())).run();
        context.note("source", source.phase());
        context.note("windows", tree.windows());
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) summary.get("policy");
        context.note("win_rate", policy.get("win_rate"));
        context.note("win_rate_low", policy.get("win_rate_low"));
        context.note("kl_to_reference", policy.get("kl_to_reference"));
        @SuppressWarnings("unchecked")
        Map<String, Object> rm = (Map<String, Object>) summary.get("reward_model");
        context.note("reward_model_heldout_accuracy", rm.get("heldout_accuracy"));
    }
}
