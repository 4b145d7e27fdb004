package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.KeyframeColumns;

/**
 * The valid range of each regression field in the table's original units, as Premiere's own
 * parameters bound them: Basic Motion scale 0-10000 percent, crop 0-100 percent each edge; the
 * centre is unbounded in Premiere, kept within +-10 frame widths here (a clip that far out is off
 * screen). The generation loop clamps its values with {@link #clamp}; {@link ContinuationBuilder}
 * refuses values outside.
 */
public final class FieldLimits {
    private static final double[] MIN = {0, -10, -10, 0, 0, 0, 0};
    private static final double[] MAX = {10_000, 10, 10, 100, 100, 100, 100};

    private FieldLimits() {}

    /** Lowest valid value of regression field {@code field} (0 = scale ... 6 = crop_bottom). */
    public static double min(int field) {
        return MIN[field];
    }

    public static double max(int field) {
        return MAX[field];
    }

    /** {@code value} moved into the field's range; NaN becomes the field's neutral value (100 % or 0). */
    public static double clamp(int field, double value) {
        if (Double.isNaN(value)) return field == 0 ? 100 : 0;
        return Math.max(MIN[field], Math.min(MAX[field], value));
    }

    public static boolean valid(int field, double value) {
        return value >= MIN[field] && value <= MAX[field];
    }

    /** The field's name as the table's columns spell it. */
    public static String name(int field) {
        return KeyframeColumns.REGRESSION_FIELDS.get(field);
    }
}
