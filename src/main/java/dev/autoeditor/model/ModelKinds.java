package dev.autoeditor.model;

import dev.autoeditor.util.UserException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of network a checkpoint can hold, by the name in its "kind" field, each with the code that
 * builds a freshly initialised graph from a {@link ModelConfig} and a seed. A new kind (reward-model,
 * policy) is one line here and a class implementing {@link Network}.
 */
public final class ModelKinds {
    /** Builds a freshly initialised network of one kind. */
    @FunctionalInterface
    public interface Builder {
        Network build(ModelConfig config, long seed);
    }

    public static final String FRAME_TRANSFORMER = TransformerModel.KIND;
    /** The RLHF phase's kinds: a scorer of continuations, and the frame transformer with a value head. */
    public static final String REWARD_MODEL = RewardModel.KIND;
    public static final String POLICY = PolicyModel.KIND;

    private static final Map<String, Builder> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put(FRAME_TRANSFORMER, TransformerModel::create);
        BUILDERS.put(REWARD_MODEL, RewardModel::create);
        BUILDERS.put(POLICY, PolicyModel::create);
    }

    private ModelKinds() {}

    /** A new network of {@code kind}, initialised from {@code seed}. */
    public static Network build(String kind, ModelConfig config, long seed) {
        Builder b = BUILDERS.get(kind);
        if (b == null) {
            throw new UserException("model kind '" + kind + "' is not known to this version of auto-editor (it knows "
                    + String.join(", ", BUILDERS.keySet()) + "); use the version that wrote the checkpoint");
        }
        return b.build(config, seed);
    }
}
