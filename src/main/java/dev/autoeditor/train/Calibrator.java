package dev.autoeditor.train;

import dev.autoeditor.model.Network;

/**
 * Tunes a trained network's decision thresholds on its own data when training ends
 * ({@code train.eval.ThresholdCalibrator} for frame predictors). Kept as an interface here so that
 * training does not depend on the evaluation package.
 */
@FunctionalInterface
public interface Calibrator {
    /** For networks with nothing to calibrate (or tests that do not need it). */
    Calibrator NONE = network -> null;

    /** The calibration of {@code network} as it is now, or null when it has none. */
    Calibration calibrate(Network network);
}
