package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Motion;

/**
 * How a shot is framed: its Basic Motion and Crop. Keyframes sit on the source axis, so a look is
 * computed once the clip's final in and out are known (a transition extends them).
 */
interface Look {
    Motion motion(long in, long out);

    Crop crop(long in, long out);

    /** Motion and crop each as a function of the clip's source range. */
    static Look of(MotionCurve motion, CropCurve crop) {
        return new Look() {
            @Override
            public Motion motion(long in, long out) {
                return motion.motion(in, out);
            }

            @Override
            public Crop crop(long in, long out) {
                return crop.crop(in, out);
            }
        };
    }

    /** A fixed framing. */
    static Look fixed(Motion motion, Crop crop) {
        return of((in, out) -> motion, (in, out) -> crop);
    }

    static Look fixed(Motion motion) {
        return fixed(motion, Crop.NONE);
    }

    /** Animated motion without crop. */
    static Look animated(MotionCurve curve) {
        return of(curve, (in, out) -> Crop.NONE);
    }

    /** Motion as a function of the clip's source range. */
    @FunctionalInterface
    interface MotionCurve {
        Motion motion(long in, long out);
    }

    /** Crop as a function of the clip's source range. */
    @FunctionalInterface
    interface CropCurve {
        Crop crop(long in, long out);
    }
}
