package dev.autoeditor.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable network of some kind: a SameDiff graph built in code from its {@link ModelConfig}, its
 * named outputs (where objectives attach losses and new heads attach), and its parameters by name.
 * Checkpoints store the parameters by name and rebuild the graph from the config, so a saved model never
 * depends on a serialised graph ({@link ModelKinds} maps a checkpoint's "kind" to the code that builds it).
 */
public interface Network {
    /** The checkpoint "kind": frame-transformer, reward-model, policy. */
    String kind();

    SameDiff sameDiff();

    ModelConfig config();

    /**
     * A named output of the graph, for objectives and new heads ({@link GraphNames#HIDDEN},
     * {@link GraphNames#ACTIVE_LOGIT}, ...); fails naming the kind when this network has none.
     */
    default SDVariable output(String name) {
        SDVariable v = sameDiff().getVariable(name);
        if (v == null || v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.PLACEHOLDER) {
            throw new IllegalArgumentException("a " + kind() + " network has no output '" + name + "'");
        }
        return v;
    }

    /** The trainable arrays by variable name, in the order they were created (the live arrays, not copies). */
    default Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (SDVariable v : sameDiff().variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) m.put(v.name(), v.getArr());
        }
        return m;
    }

    /**
     * The parameters of the input embedding and of the first {@code blocks} trunk blocks, in graph
     * order: what a fine-tune with frozen lower layers leaves as they came ({@code finetune.freeze_layers}).
     * A kind without a layered trunk has none to give.
     */
    default Set<String> lowerLayers(int blocks) {
        throw new IllegalArgumentException("a " + kind() + " network has no layered trunk whose lower layers could be frozen");
    }

    /**
     * The parameters of the output heads, the layers that map the trunk's hidden state to the named
     * outputs: what a fine-tune may train faster than the trunk ({@code finetune.head_lr}). None by default.
     */
    default Set<String> heads() {
        return Set.of();
    }

    /** Number of trainable values. */
    default long parameterCount() {
        long n = 0;
        for (INDArray a : parameters().values()) n += a.length();
        return n;
    }
}
