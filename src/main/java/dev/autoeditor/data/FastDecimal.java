package dev.autoeditor.data;

/**
 * Parses the plain decimals the keyframe CSV is made of ({@code -12.345}, {@code 100}, {@code 0.5})
 * several times faster than {@link Double#parseDouble}, with the same result: with at most 15
 * significant digits the digits form an integer m below 2^53 and 10^k (k &lt;= 22) is exact in a double,
 * so m / 10^k is one correctly rounded IEEE division, the value parseDouble returns. Anything else
 * (exponents, more digits, signs other than a leading minus, "NaN") returns NaN so the caller falls back
 * to parseDouble.
 */
final class FastDecimal {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private FastDecimal() {}

    /** The value of {@code s}, or NaN when it is not a plain decimal this parser handles exactly. */
    static double parse(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && s.charAt(0) == '-') {
            negative = true;
            i = 1;
        }
        if (i == n) return Double.NaN;
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (mantissa != 0 || c != '0') digits++;
                if (digits > 15) return Double.NaN;
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) fraction++;
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (fraction == 0 && n - (negative ? 1 : 0) == 1) return Double.NaN; // "." alone
        int scale = Math.max(fraction, 0);
        if (scale >= POW10.length) return Double.NaN;
        double v = scale == 0 ? mantissa : mantissa / POW10[scale];
        return negative ? -v : v;
    }
}
