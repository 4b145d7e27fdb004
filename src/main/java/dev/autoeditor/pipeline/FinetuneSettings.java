package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import dev.autoeditor.model.ModelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finetune.* settings of the fine-tuning run, read and range-checked once. The rest of training
 * (batch size, optimizer, loss weights, schedule shape, checkpoints) is train.*, as in pretraining;
 * the architecture is the starting model's.
 *
 * @param lr           peak learning rate of the fine-tune's trunk (lower than train.lr: the features are already good)
 * @param headLr       peak learning rate of the output heads, which must learn the new style's outputs fast
 * @param warmupSteps  linear warm-up steps before the cosine decay
 * @param epochs       passes over the fine-tuning windows at most; also the scratch baseline's
 * @param maxSteps     stop after this many steps, 0 = no limit; also the scratch baseline's
 * @param patience     early stopping on the fine-tuning validation split; also the scratch baseline's
 * @param freezeLayers lower transformer blocks (with the input embedding) left as they came; 0 = none
 */
public record FinetuneSettings(double lr, double headLr, int warmupSteps, int epochs, long maxSteps, int patience, int freezeLayers) {
    /** The keys {@link #from} reads. */
    public static final List<String> KEYS = List.of(
            "finetune.lr", "finetune.head_lr", "finetune.warmup_steps", "finetune.epochs", "finetune.max_steps", "finetune.patience", "finetune.freeze_layers");

    public static FinetuneSettings from(Config cfg) {
        long maxSteps = cfg.getLong("finetune.max_steps");
        if (maxSteps < 0) throw new ConfigException("config key 'finetune.max_steps' is " + maxSteps + "; it must be 0 (no limit) or more");
        return new FinetuneSettings(
                cfg.getDouble("finetune.lr", 1e-12, 10),
                cfg.getDouble("finetune.head_lr", 1e-12, 10),
                cfg.getInt("finetune.warmup_steps", 0, Integer.MAX_VALUE),
                cfg.getInt("finetune.epochs", 1, 1_000_000),
                maxSteps,
                cfg.getInt("finetune.patience", 0, 1_000_000),
                cfg.getInt("finetune.freeze_layers", 0, 1_000_000));
    }

    /** How much faster than the trunk the heads learn: head_lr / lr. */
    public double headLrFactor() {
        return headLr / lr;
    }

    /** Fails naming the key when more blocks are to be frozen than the starting model has. */
    public void checkFreeze(ModelConfig model, String source) {
        if (freezeLayers > model.layers()) {
            throw new ConfigException("config key 'finetune.freeze_layers' is " + freezeLayers + " but the starting model (" + source
                    + ") has " + model.layers() + " transformer blocks; set it between 0 and " + model.layers());
        }
    }

    /**
     * The settings the fine-tuning run trains with: {@code cfg} with finetune's learning rate, warm-up,
     * epochs, step limit and patience in place of train.*'s, and the starting model's architecture in
     * model.* (so its checkpoints record what was really trained).
     */
    public Config fineTuning(Config cfg, ModelConfig model) {
        Map<String, Object> over = budget(model);
        over.put("train.lr", lr);
        over.put("train.warmup_steps", warmupSteps);
        return cfg.with(over);
    }

    /**
     * The settings of the scratch baseline: the same architecture and step budget (epochs, step limit,
     * patience) as the fine-tune, but pretraining's learning rate and warm-up (train.lr,
     * train.warmup_steps), which are what training from scratch is tuned for.
     */
    public Config scratch(Config cfg, ModelConfig model) {
        return cfg.with(budget(model));
    }

    private Map<String, Object> budget(ModelConfig model) {
        Map<String, Object> over = new LinkedHashMap<>(model.toMap());
        over.put("train.epochs", epochs);
        over.put("train.max_steps", maxSteps);
        over.put("train.patience", patience);
        return over;
    }
}
