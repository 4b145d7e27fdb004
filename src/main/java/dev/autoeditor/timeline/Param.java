package dev.autoeditor.timeline;

import java.util.List;

/**
 * A scalar effect parameter: a plain value, or keyframes (sorted by time) that override it. Outside
 * the keyframes the first and last values hold.
 */
public record Param(double value, List<Keyframe> keyframes) {
    public Param {
        keyframes = List.copyOf(keyframes);
    }

    public static Param constant(double value) {
        return new Param(value, List.of());
    }

    public boolean animated() {
        return !keyframes.isEmpty();
    }

    /** The value at a source frame: linear between keyframes, Bezier where handles are given. */
    public double valueAt(double sourceFrame) {
        if (keyframes.isEmpty()) return value;
        Keyframe first = keyframes.get(0);
        if (sourceFrame <= first.when()) return first.value();
        Keyframe last = keyframes.get(keyframes.size() - 1);
        if (sourceFrame >= last.when()) return last.value();
        for (int i = 0; i + 1 < keyframes.size(); i++) {
            Keyframe a = keyframes.get(i);
            Keyframe b = keyframes.get(i + 1);
            if (sourceFrame >= a.when() && sourceFrame <= b.when()) return Interpolation.between(a, b, sourceFrame);
        }
        return last.value();
    }
}
