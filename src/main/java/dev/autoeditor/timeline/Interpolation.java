package dev.autoeditor.timeline;

/** Interpolation between two keyframes: linear, or a cubic Bezier where FCP7 gave handles. */
final class Interpolation {
    private Interpolation() {}

    static double between(Keyframe a, Keyframe b, double t) {
        double span = b.when() - a.when();
        if (span <= 0) return b.value();
        if (a.outBez() == null && b.inBez() == null) {
            return a.value() + (b.value() - a.value()) * (t - a.when()) / span;
        }
        // Control points in (time, value): P0 = a, P1 = a + outBez, P2 = b + inBez, P3 = b. A missing
        // handle sits on the keyframe itself. Solve x(u) = t for u by bisection (x is monotone for
        // handles that stay within the segment, which FCP7 enforces), then evaluate y(u).
        double x0 = a.when(), y0 = a.value();
        double x3 = b.when(), y3 = b.value();
        double x1 = a.outBez() == null ? x0 : x0 + a.outBez().dt();
        double y1 = a.outBez() == null ? y0 : y0 + a.outBez().dv();
        double x2 = b.inBez() == null ? x3 : x3 + b.inBez().dt();
        double y2 = b.inBez() == null ? y3 : y3 + b.inBez().dv();
        x1 = Math.max(x0, Math.min(x3, x1));
        x2 = Math.max(x0, Math.min(x3, x2));
        double lo = 0, hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (cubic(x0, x1, x2, x3, mid) < t) lo = mid; else hi = mid;
        }
        return cubic(y0, y1, y2, y3, (lo + hi) / 2);
    }

    private static double cubic(double p0, double p1, double p2, double p3, double u) {
        double v = 1 - u;
        return v * v * v * p0 + 3 * v * v * u * p1 + 3 * v * u * u * p2 + u * u * u * p3;
    }
}
