package dev.autoeditor.model;

import dev.autoeditor.config.Config;
import java.util.List;

/**
 * How the three loss parts are weighted and which regression loss is used. Training settings, not
 * architecture: they are fed to the graph each step, so a checkpoint can continue with other weights.
 */
public record LossSettings(double weightActive, double weightAsset, double weightRegression, boolean mse, double huberDelta) {
    /** The config keys {@link #from} reads. */
    public static final List<String> KEYS = List.of(
            "train.regression_loss", "train.loss_weight_active", "train.loss_weight_asset", "train.loss_weight_regression",
            "train.huber_delta");

    public static LossSettings from(Config cfg) {
        boolean mse = cfg.getChoice("train.regression_loss", "huber", "mse").equals("mse");
        return new LossSettings(cfg.getDouble("train.loss_weight_active", 0, 1e6), cfg.getDouble("train.loss_weight_asset", 0, 1e6),
                cfg.getDouble("train.loss_weight_regression", 0, 1e6), mse, cfg.getDouble("train.huber_delta", 1e-9, 1e9));
    }

    /** Equal weights and Huber with delta 1. */
    public static LossSettings defaults() {
        return new LossSettings(1, 1, 1, false, 1);
    }
}
