package dev.autoeditor.timeline.table;

import dev.autoeditor.config.Config;
import dev.autoeditor.timeline.KeyframeColumns;
import java.util.Arrays;

/**
 * Per regression field, the change (in the table's original units: scale and crop in percent, position
 * as a fraction of the frame) below which a value counts as unchanged: the generation loop holds a
 * value until it moves by at least this much, and a written clip gets keyframes only where its values
 * move by more, as the fewest linear segments that stay within it ({@link KeyframeFit}). Fields in
 * {@link KeyframeColumns#REGRESSION_FIELDS} order: scale, pos_x, pos_y, crop_left, crop_right,
 * crop_top, crop_bottom.
 */
public record KeyframeTolerance(double[] perField) {
    /** The config keys, {@code generate.keyframe_tolerance.<field>}. */
    public static final String PREFIX = "generate.keyframe_tolerance.";

    public KeyframeTolerance {
        if (perField.length != KeyframeColumns.REGRESSIONS) {
            throw new IllegalArgumentException("need " + KeyframeColumns.REGRESSIONS + " tolerances, got " + perField.length);
        }
        for (double t : perField) {
            if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + t);
        }
        perField = perField.clone();
    }

    /** Zero everywhere: every change is a change (keyframes wherever a value moves). */
    public static KeyframeTolerance exact() {
        return new KeyframeTolerance(new double[KeyframeColumns.REGRESSIONS]);
    }

    /** From {@code generate.keyframe_tolerance.*}; a negative value is an error naming the key. */
    public static KeyframeTolerance fromConfig(Config config) {
        double[] t = new double[KeyframeColumns.REGRESSIONS];
        for (int f = 0; f < t.length; f++) {
            t[f] = config.getDouble(PREFIX + KeyframeColumns.REGRESSION_FIELDS.get(f), 0, 1e6);
        }
        return new KeyframeTolerance(t);
    }

    /** The tolerance of regression field {@code field} (0 = scale ... 6 = crop_bottom). */
    public double of(int field) {
        return perField[field];
    }

    /**
     * The generation loop's hold rule: {@code next} when it moved at least the field's tolerance away
     * from {@code previous}, else {@code previous} (a smaller change is no change).
     */
    public double hold(int field, double previous, double next) {
        return Math.abs(next - previous) < perField[field] ? previous : next;
    }

    /** The tolerances as an array (a copy). */
    @Override
    public double[] perField() {
        return perField.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyframeTolerance k && Arrays.equals(perField, k.perField);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perField);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("KeyframeTolerance{");
        for (int f = 0; f < perField.length; f++) {
            if (f > 0) sb.append(", ");
            sb.append(KeyframeColumns.REGRESSION_FIELDS.get(f)).append('=').append(perField[f]);
        }
        return sb.append('}').toString();
    }
}
