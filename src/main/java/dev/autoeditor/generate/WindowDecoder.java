package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.FieldLimits;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link Generator}'s decoding constraints for continuations with no timeline behind them: RLHF's
 * rollouts and simulated pairs, which continue windows already in the model's encoding
 * ({@link ContextWindow#encoded}) rather than a cut prompt. Without sources there is nothing to run out
 * and no disabled track; the rules that remain are the generator's, per track from V1 up:
 * <ul>
 *   <li>a named class (below the window's named classes) is that class;</li>
 *   <li>"other", when the window's named classes are all taken, is "other" (a track showing "other"
 *       keeps it, so its values are held);</li>
 *   <li>any other class is a source the window does not show: tracks that sampled the same such class
 *       in this frame show the same source, and it is recorded as the class training gives it, the next
 *       unused class in track order ("other" once the named classes are taken), exactly as
 *       {@link Generator} records a new source ({@link #targetClass});</li>
 *   <li>values are the model's, clamped to their ranges ({@link FieldLimits}) and, while a track keeps
 *       its asset, a change below the keyframe tolerance is no change ({@link KeyframeTolerance#hold}).</li>
 * </ul>
 * So the action recorded ({@link Decoded#taken()}) differs from the one sampled only where a track
 * sampled a class the window has not used other than the next one: it becomes that next one, the label
 * training windows give a source's first appearance. Its log-probability is the proposal's of the taken
 * action ({@link ContinuationPolicy.Proposal#logProb}), as the generator records it: what a later causal
 * pass over the recorded frames computes (docs/rlhf.md, "Rollouts").
 */
public final class WindowDecoder {
    private static final int K = KeyframeTable.TRACKS;
    private static final int F = KeyframeTable.FIELDS;
    private static final int R = F - 2;

    private WindowDecoder() {}

    /**
     * A decoded frame.
     *
     * @param taken  the action recorded, in the window's classes
     * @param values [tracks x 7] regressions in original units, clamped and held; 0 where inactive
     */
    public record Decoded(FrameAction taken, double[] values) {}

    /** The frame {@code proposal} becomes after window {@code w} (see the class comment). */
    public static Decoded decode(ContextWindow w, ContinuationPolicy.Proposal proposal, KeyframeTolerance tolerance) {
        int other = w.classes() - 1;
        boolean[] active = new boolean[K];
        int[] classes = new int[K];
        double[] values = new double[K * R];
        double[] last = w.lastFrame();
        // A source the window does not show, per sampled class: ids past every asset of an encoded window (0 .. classes - 1).
        int[] newClassAsset = new int[w.classes()];
        Arrays.fill(newClassAsset, -1);
        int fresh = w.classes();
        List<Integer> newInFrame = new ArrayList<>();
        for (int k = 0; k < K; k++) {
            if (!proposal.action().active(k)) {
                classes[k] = -1;
                continue;
            }
            int cls = proposal.action().assetClass(k);
            int asset;
            if (cls < w.named()) {
                asset = w.assetOf(cls);
            } else if (cls == other && w.named() == other) {
                asset = other;
            } else if (newClassAsset[cls] >= 0) {
                asset = newClassAsset[cls];
            } else {
                asset = fresh++;
                newClassAsset[cls] = asset;
            }
            boolean kept = asset == w.lastAsset(k);
            for (int f = 0; f < R; f++) {
                double v = FieldLimits.clamp(f, proposal.regressions()[k * R + f]);
                values[k * R + f] = kept ? tolerance.hold(f, last[k * F + 2 + f], v) : v;
            }
            active[k] = true;
            classes[k] = targetClass(w, asset, newInFrame);
        }
        return new Decoded(new FrameAction(active, classes), values);
    }

    /**
     * The class the frame's {@code asset} has as a training target after window {@code w}: its class in
     * the window, or for a source the window does not show the next unused class in track order
     * ("other" once the named classes are taken); {@code newInFrame} collects this frame's new sources.
     */
    static int targetClass(ContextWindow w, int asset, List<Integer> newInFrame) {
        int c = w.classOf(asset);
        if (c >= 0) return c;
        int j = newInFrame.indexOf(asset);
        if (j < 0) {
            j = newInFrame.size();
            newInFrame.add(asset);
        }
        return Math.min(w.named() + j, w.classes() - 1);
    }
}
