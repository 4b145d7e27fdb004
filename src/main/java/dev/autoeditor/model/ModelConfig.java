package dev.autoeditor.model;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The architecture of the frame transformer: everything needed to rebuild the graph. Kept in every
 * checkpoint, so a model is always loaded with the shape it was trained with.
 *
 * @param dModel         width of the residual stream
 * @param heads          attention heads (dModel must divide by it)
 * @param layers         transformer blocks
 * @param ff             feed-forward width
 * @param dropout        dropout rate after attention and feed-forward, in [0, 1)
 * @param assetClasses   relabelled asset classes per window (the last is "other")
 * @param assetEmbedding width of the learned asset embedding per track; 0 = one-hot
 */
public record ModelConfig(int dModel, int heads, int layers, int ff, double dropout, int assetClasses, int assetEmbedding) {
    /** The config keys, in the order of the record components. */
    public static final List<String> KEYS = List.of(
            "model.d_model", "model.heads", "model.layers", "model.ff", "model.dropout",
            "model.asset_classes", "model.asset_embedding");

    public ModelConfig {
        List<String> problems = new ArrayList<>();
        atLeast(problems, "model.d_model", dModel, 1);
        atLeast(problems, "model.heads", heads, 1);
        atLeast(problems, "model.layers", layers, 1);
        atLeast(problems, "model.ff", ff, 1);
        atLeast(problems, "model.asset_classes", assetClasses, 2);
        atLeast(problems, "model.asset_embedding", assetEmbedding, 0);
        if (!problems.isEmpty()) throw new ConfigException(String.join("; ", problems));
        if (dModel % heads != 0) {
            throw new ConfigException("config key 'model.d_model' (" + dModel + ") must be a multiple of 'model.heads' (" + heads + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("config key 'model.dropout' is " + dropout + "; it must lie in [0, 1)");
        }
    }

    public static ModelConfig from(Config cfg) {
        return from(cfg, "model");
    }

    /**
     * The architecture under {@code prefix} ({@code model}, or e.g. {@code distill.model} for a student
     * sized apart from its teacher); the keys after the prefix are those of {@link #KEYS}.
     */
    public static ModelConfig from(Config cfg, String prefix) {
        return new ModelConfig(cfg.getInt(prefix + ".d_model"), cfg.getInt(prefix + ".heads"), cfg.getInt(prefix + ".layers"),
                cfg.getInt(prefix + ".ff"), cfg.getDouble(prefix + ".dropout"), cfg.getInt(prefix + ".asset_classes"),
                cfg.getInt(prefix + ".asset_embedding"));
    }

    /** Flat key to value, as in the config file. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model.d_model", dModel);
        m.put("model.heads", heads);
        m.put("model.layers", layers);
        m.put("model.ff", ff);
        m.put("model.dropout", dropout);
        m.put("model.asset_classes", assetClasses);
        m.put("model.asset_embedding", assetEmbedding);
        return m;
    }

    public static ModelConfig fromMap(Map<String, ?> m) {
        return new ModelConfig(num(m, "model.d_model").intValue(), num(m, "model.heads").intValue(),
                num(m, "model.layers").intValue(), num(m, "model.ff").intValue(), num(m, "model.dropout").doubleValue(),
                num(m, "model.asset_classes").intValue(), num(m, "model.asset_embedding").intValue());
    }

    /** "key: this vs other" for every setting that differs (empty when the architectures match). */
    public List<String> differences(ModelConfig other) {
        List<String> out = new ArrayList<>();
        Map<String, Object> a = toMap();
        Map<String, Object> b = other.toMap();
        for (String k : KEYS) {
            if (!a.get(k).equals(b.get(k))) out.add(k + " " + a.get(k) + " vs " + b.get(k));
        }
        return out;
    }

    /** Width of one frame's input features: per track active, asset (embedding or one-hot), regressions. */
    public int frameFeatures(int tracks, int regressions) {
        int asset = assetEmbedding > 0 ? assetEmbedding : assetClasses + 1;
        return tracks * (1 + asset + regressions);
    }

    private static Number num(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n) return n;
        throw new ConfigException("model config is missing '" + key + "' (found " + m.keySet() + ")");
    }

    private static void atLeast(List<String> problems, String key, int value, int min) {
        if (value < min) problems.add("config key '" + key + "' is " + value + "; it must be at least " + min);
    }
}
