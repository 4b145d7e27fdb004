package dev.autoeditor.train;

import dev.autoeditor.model.Network;
import dev.autoeditor.util.UserException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays of a checkpoint's weights file, by name: the network's parameters and the optimizer's
 * moments. They are put into a network built in code, either exactly (every parameter present with its
 * shape: evaluation, a teacher, resume) or as a warm start (by name where the shapes match; the rest
 * keep their fresh initialisation).
 *
 * @param parameters variable name to array
 * @param optimizer  moment name ({@code PARAM/M}, {@code PARAM/V}) to array; empty when not saved
 * @param source     what they came from, for messages ("checkpoint runs/x/best.json")
 */
public record Weights(Map<String, INDArray> parameters, Map<String, INDArray> optimizer, String source) {
    /** What a warm start did, parameter by parameter. */
    public record Transfer(List<String> copied, List<String> initialised, List<String> unused) {}

    /** Sets every parameter of {@code network} from these weights; any missing, extra or reshaped parameter is an error. */
    public void loadInto(Network network) {
        Map<String, INDArray> target = network.parameters();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : target.entrySet()) {
            INDArray saved = parameters.get(e.getKey());
            if (saved == null) problems.add(e.getKey() + " missing");
            else if (!Arrays.equals(saved.shape(), e.getValue().shape())) {
                problems.add(e.getKey() + " " + Arrays.toString(saved.shape()) + " vs " + Arrays.toString(e.getValue().shape()));
            }
        }
        for (String name : parameters.keySet()) if (!target.containsKey(name)) problems.add(name + " not in the " + network.kind() + " graph");
        if (!problems.isEmpty()) {
            throw new UserException(source + " does not fit the " + network.kind() + " its settings describe (" + String.join(", ",
                    problems.subList(0, Math.min(5, problems.size()))) + (problems.size() > 5 ? ", ..." : "")
                    + "); its JSON's model settings were edited, or it was written by another version: restore it from a backup, "
                    + "retrain it, or start from it with a warm start");
        }
        for (Map.Entry<String, INDArray> e : target.entrySet()) e.getValue().assign(parameters.get(e.getKey()));
    }

    /**
     * Copies each parameter whose name and shape match into {@code network}; the others keep the values
     * the network was initialised with (from the new run's seed). Nothing of the optimizer is taken.
     */
    public Transfer warmStartInto(Network network) {
        List<String> copied = new ArrayList<>();
        List<String> initialised = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : network.parameters().entrySet()) {
            INDArray saved = parameters.get(e.getKey());
            if (saved != null && Arrays.equals(saved.shape(), e.getValue().shape())) {
                e.getValue().assign(saved);
                copied.add(e.getKey());
            } else {
                initialised.add(e.getKey());
            }
        }
        List<String> unused = new ArrayList<>();
        for (String name : parameters.keySet()) if (!copied.contains(name)) unused.add(name);
        return new Transfer(copied, initialised, unused);
    }
}
