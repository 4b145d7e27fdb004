package dev.autoeditor.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss of a step or an epoch as named parts, in the order an {@link Objective} names them: the
 * first is the total being minimised ("loss"), the rest its parts ("loss_active", or a distillation's
 * "loss_kd"). The names are the metrics columns, so a new objective logs its own parts unchanged.
 */
public record LossParts(Map<String, Double> parts) {
    public LossParts {
        if (parts.isEmpty()) throw new IllegalArgumentException("a loss has at least its total");
        parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** Parts named {@code names} with {@code values}, in that order. */
    public static LossParts of(List<String> names, double... values) {
        if (names.size() != values.length) throw new IllegalArgumentException(names.size() + " names for " + values.length + " values");
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) m.put(names.get(i), values[i]);
        return new LossParts(m);
    }

    /** Every part NaN: nothing measured (an epoch without batches). */
    public static LossParts none(List<String> names) {
        double[] nan = new double[names.size()];
        java.util.Arrays.fill(nan, Double.NaN);
        return of(names, nan);
    }

    /** The total being minimised (the first part). */
    public double total() {
        return parts.values().iterator().next();
    }

    /** One part by name (NaN when absent). */
    public double get(String name) {
        return parts.getOrDefault(name, Double.NaN);
    }

    public List<String> names() {
        return List.copyOf(parts.keySet());
    }

    public boolean finite() {
        return parts.values().stream().allMatch(Double::isFinite);
    }

    /** Running weighted mean of parts, name by name (weights are window counts). */
    static LossParts weightedMean(LossParts a, double wa, LossParts b, double wb) {
        double w = wa + wb;
        Map<String, Double> m = new LinkedHashMap<>();
        for (String name : a.parts.keySet()) m.put(name, (a.get(name) * wa + b.get(name) * wb) / w);
        return new LossParts(m);
    }

    /** The parts as metrics columns, each name prefixed ("val_" + "loss_active"). */
    Map<String, Object> toMap(String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        parts.forEach((k, v) -> m.put(prefix + k, v));
        return m;
    }

    /** "active 0.0123, asset 0.4567, ...": the parts after the total, "loss_" dropped from their names. */
    String describeParts() {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, Double> e : parts.entrySet()) {
            if (first) {
                first = false;
                continue;
            }
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getKey().startsWith("loss_") ? e.getKey().substring(5) : e.getKey())
                    .append(' ').append(String.format(java.util.Locale.ROOT, "%.4f", e.getValue()));
        }
        return sb.toString();
    }
}
