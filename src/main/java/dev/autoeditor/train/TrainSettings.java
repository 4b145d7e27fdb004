package dev.autoeditor.train;

import dev.autoeditor.config.Config;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.util.Seeds;

/** The train.* settings (and the master seed), read and range-checked once. */
public record TrainSettings(long seed, int epochs, int batchSize, String optimizer, double lr, double weightDecay,
                            int warmupSteps, double minLrRatio, double gradClip, LossSettings loss, int patience,
                            double minDelta, int checkpointEvery, int keepLast, int logEvery,
                            double maxGradNormExplosion, long maxSteps) {
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

    /** Sub-seed of a training purpose ("init", "dropout"): {@code Seeds.derive(seed, "train." + purpose)}. */
    public long seedFor(String purpose) {
        return Seeds.derive(seed, "train." + purpose);
    }

    /** The index-th sub-seed of a training purpose (dropout of a step): a function of seed, purpose and index only. */
    public long seedFor(String purpose, long index) {
        return Seeds.derive(seed, "train." + purpose, index);
    }
}
