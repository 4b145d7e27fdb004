package dev.autoeditor.timeline.table;

/**
 * The keyframe table's number format, compact and the same on every machine: whole numbers without
 * a decimal point ({@code 100}, {@code -1}, {@code 0}, never {@code -0}); others rounded to the
 * nearest millionth (ties away from zero) with trailing zeros dropped ({@code 0.125}, {@code -0.333333}).
 * Magnitudes beyond 10^12, and NaN or infinities (which the table never produces), fall back to
 * {@link Double#toString(double)}.
 */
public final class NumberText {
    private static final double LIMIT = 1e12;
    private static final long MILLION = 1_000_000L;

    private NumberText() {}

    public static String format(double v) {
        StringBuilder sb = new StringBuilder(16);
        append(sb, v);
        return sb.toString();
    }

    /** Appends {@code v} in the table's format. */
    public static void append(StringBuilder sb, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) >= LIMIT) {
            sb.append(v);
            return;
        }
        long integral = (long) v;
        if (integral == v) {
            // Most cells are whole (active, asset, 100, 0): no rounding needed; -0.0 lands here as 0.
            sb.append(integral);
            return;
        }
        boolean negative = v < 0;
        long scaled = Math.round(Math.abs(v) * MILLION);
        if (scaled == 0) {
            sb.append('0');
            return;
        }
        if (negative) sb.append('-');
        long whole = scaled / MILLION;
        long fraction = scaled % MILLION;
        sb.append(whole);
        if (fraction == 0) return;
        sb.append('.');
        int digits = 6;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        String f = Long.toString(fraction);
        for (int i = f.length(); i < digits; i++) sb.append('0');
        sb.append(f);
    }
}
