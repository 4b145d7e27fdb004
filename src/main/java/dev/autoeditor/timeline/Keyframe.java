package dev.autoeditor.timeline;

/**
 * One keyframe of a parameter: {@code when} in source frames (the clip's in/out axis, possibly
 * outside [in, out]) and its value. FCP7 curves may carry Bezier handles: {@code inBez} and
 * {@code outBez} are the handle offsets relative to the keyframe (time in frames, value in the
 * parameter's units), or null for a linear segment.
 */
public record Keyframe(double when, double value, Handle inBez, Handle outBez) {

    public static Keyframe linear(double when, double value) {
        return new Keyframe(when, value, null, null);
    }

    /** A Bezier handle as an offset from its keyframe. */
    public record Handle(double dt, double dv) {}
}
