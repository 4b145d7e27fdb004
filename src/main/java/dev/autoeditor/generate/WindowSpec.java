package dev.autoeditor.generate;

import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import java.util.List;

/**
 * How a continuation's frames become the window a policy sees: at most {@code contextFrames} frames
 * (the model's window length - 1), relabelled into {@code classes} asset classes, normalised with
 * {@code normaliser}. Baselines continued beside a model see the same windows.
 */
public record WindowSpec(int contextFrames, int classes, Normaliser normaliser) {
    public WindowSpec {
        if (contextFrames < 1) throw new IllegalArgumentException("a policy must see at least one frame, got " + contextFrames);
        if (classes < 2) throw new IllegalArgumentException("need at least 2 asset classes, got " + classes);
    }

    /** A model's: its window length - 1, its classes and normaliser. */
    public static WindowSpec of(DataSpec spec) {
        return new WindowSpec(spec.windowLength() - 1, spec.assetClasses(), spec.normaliser());
    }

    /** The window ending before frame {@code end} of {@code frames}. */
    public ContextWindow window(List<double[]> frames, int end) {
        return ContextWindow.of(frames, end, contextFrames, classes, normaliser);
    }
}
