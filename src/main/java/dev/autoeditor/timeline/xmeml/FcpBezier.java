package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Keyframe;

/**
 * Final Cut Pro 7's keyframe handles. FCP7 writes {@code <inbez>}/{@code <outbez>} on scalar
 * parameters as a polar pair: {@code horiz} is the handle's length in frames and {@code vert} its
 * angle in radians, 0 pointing forwards in time and +-pi backwards, both flat. In the real exports
 * (Kraakeklubben, fcp.sample) an out-handle is e.g. {@code (22.25, 0)} and the matching in-handle
 * {@code (22.25, -3.14159)}: a quarter of the segment long, flat, an ease out and in. The model keeps
 * handles as Cartesian offsets (dt frames, dv value units): dt = length cos(angle), dv = length sin(angle).
 * FCP7 rounds pi to 3.14159, so angles within {@link #FLAT_TOLERANCE} of 0 or +-pi are taken as
 * exactly flat (dv = 0, dt = +-length), which keeps those handles exact through a round trip.
 */
final class FcpBezier {
    static final double FLAT_TOLERANCE = 1e-4;

    private FcpBezier() {}

    static Keyframe.Handle fromPolar(double length, double angle) {
        if (Math.abs(angle) < FLAT_TOLERANCE) return new Keyframe.Handle(length, 0);
        if (Math.abs(Math.abs(angle) - Math.PI) < FLAT_TOLERANCE) return new Keyframe.Handle(-length, 0);
        return new Keyframe.Handle(length * Math.cos(angle), length * Math.sin(angle));
    }

    /** {length, angle} of a handle, the inverse of {@link #fromPolar}. */
    static double[] toPolar(Keyframe.Handle h) {
        if (h.dv() == 0) {
            return h.dt() >= 0 ? new double[] {h.dt(), 0} : new double[] {-h.dt(), Math.PI};
        }
        return new double[] {Math.hypot(h.dt(), h.dv()), Math.atan2(h.dv(), h.dt())};
    }
}
