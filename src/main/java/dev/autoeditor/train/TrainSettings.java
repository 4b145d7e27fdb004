package dev.autoeditor.train;

import dev.autoeditor.config.Config;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import dev.autoeditor.util.Seeds;

/** The train.* settings (and the master seed), read and range-checked once. */
public record TrainSettings(long seed, int epochs, int batchSize, String optimizer, double lr, double weightDecay,
                            int warmupSteps, double minLrRatio, double gradClip, LossSettings loss, int patience,
                            double minDelta, int checkpointEvery, int keepLast, int logEvery,
                            double maxGradNormExplosion, long maxSteps) {
    /**
     * Every key a training run reads besides the architecture: {@link #from} (with {@link LossSettings#KEYS})
     * and the batch iterator's {@code train.drop_last_batch} and {@code train.prefetch}.
     */
    public static final List<String> KEYS = List.copyOf(concat(List.of(
            "seed", "train.epochs", "train.batch_size", "train.optimizer", "train.lr", "train.weight_decay",
            "train.warmup_steps", "train.min_lr_ratio", "train.grad_clip", "train.patience", "train.min_delta",
            "train.checkpoint_every", "train.keep_last", "train.log_every", "train.max_grad_norm_explosion",
            "train.max_steps", "train.drop_last_batch", "train.prefetch"), LossSettings.KEYS));
    /** Keys that change how training runs but not the weights it produces: not inputs of a training phase. */
    public static final List<String> RUNTIME_KEYS = List.of("train.prefetch", "train.log_every");
    /** Settings a resumed run must share with its checkpoint, or the continuation would not be exact. */
    public static final List<String> RESUME_INVARIANTS = List.of("seed", "train.batch_size", "train.drop_last_batch");
    /**
     * The keys whose values shape a training run's weights: the architecture and {@link #KEYS} less
     * {@link #RUNTIME_KEYS}. A training phase's input hash and its checkpoints' provenance hash both cover this list.
     */
    public static final List<String> INPUT_KEYS = inputKeys();

    public static TrainSettings from(Config cfg) {
        return new TrainSettings(
                cfg.getLong("seed"),
                cfg.getInt("train.epochs", 1, 1_000_000),
                cfg.getInt("train.batch_size", 1, 1_000_000),
                cfg.getChoice("train.optimizer", "adam", "adamw"),
                cfg.getDouble("train.lr", 1e-12, 10),
                cfg.getDouble("train.weight_decay", 0, 10),
                cfg.getInt("train.warmup_steps", 0, Integer.MAX_VALUE),
                cfg.getDouble("train.min_lr_ratio", 0, 1),
                cfg.getDouble("train.grad_clip", 0, 1e12),
                LossSettings.from(cfg),
                cfg.getInt("train.patience", 0, 1_000_000),
                cfg.getDouble("train.min_delta", 0, 1e12),
                cfg.getInt("train.checkpoint_every", 1, 1_000_000),
                cfg.getInt("train.keep_last", 1, 1_000_000),
                cfg.getInt("train.log_every", 1, 1_000_000),
                cfg.getDouble("train.max_grad_norm_explosion", 1e-6, Double.MAX_VALUE),
                cfg.getLong("train.max_steps"));
    }

    private static List<String> inputKeys() {
        List<String> keys = concat(ModelConfig.KEYS, KEYS);
        keys.removeAll(RUNTIME_KEYS);
        return List.copyOf(keys);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Sub-seed of a training purpose ("init", "dropout"): {@code Seeds.derive(seed, "train." + purpose)}. */
    public long seedFor(String purpose) {
        return Seeds.derive(seed, "train." + purpose);
    }

    /** The index-th sub-seed of a training purpose (dropout of a step): a function of seed, purpose and index only. */
    public long seedFor(String purpose, long index) {
        return Seeds.derive(seed, "train." + purpose, index);
    }
}
