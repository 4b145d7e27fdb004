package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.ContinuationBuilder;
import dev.autoeditor.timeline.table.FieldLimits;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import dev.autoeditor.timeline.table.SourceCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * The generation loop: continues several prompts at once, frame by frame. At every step each
 * continuation's window is rebuilt from its last frames (relabelling, inverse and motion input
 * follow the frames generated so far), the policy proposes the next frame of every live continuation
 * in batches, and the decoding constraints turn each proposal into the frame that is recorded,
 * written and fed back (the same frame, so what the model sees is what the edit holds):
 * <ul>
 *   <li>a class names the window's asset; a class the window has not used takes a new source
 *       ({@link SourceCursor#sourceForNewClass}: the prompt's next unused source in its order of first
 *       use, then its unused files, then the least recently used source outside the window); "other"
 *       keeps the track's "other" source, else takes a source outside the window's named ones;</li>
 *   <li>a source continues from its last out point; when it cannot cover the frame the track cuts to
 *       the least recently used other source ({@link SourceCursor#forcedCutFrom}, counted);</li>
 *   <li>values are clamped to their valid ranges ({@link FieldLimits}) and, while a track keeps its
 *       source, a change below {@code generate.keyframe_tolerance} is no change
 *       ({@link KeyframeTolerance#hold});</li>
 *   <li>a track the prompt disabled stays inactive.</li>
 * </ul>
 * The action taken is expressed in the window's classes (the class training would have given the
 * recorded frame as its target), and its log-probability under the proposal's distribution is summed
 * per continuation, so RLHF rollouts score exactly what was generated.
 */
public final class Generator {
    private static final int K = KeyframeTable.TRACKS;
    private static final int F = KeyframeTable.FIELDS;
    private static final int R = F - 2;

    private final WindowSpec spec;
    private final KeyframeTolerance tolerance;
    private final int batchSize;
    private final HeapGuard heap;
    private FramePolicy reference;

    /**
     * @param spec          the windows the policy sees (the model's)
     * @param tolerance     generate.keyframe_tolerance
     * @param batchSize     contexts per forward pass
     * @param heapBudgetMb  generate.heap_budget_mb ({@link HeapGuard})
     */
    public Generator(WindowSpec spec, KeyframeTolerance tolerance, int batchSize, long heapBudgetMb) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.spec = spec;
        this.tolerance = tolerance;
        this.batchSize = batchSize;
        this.heap = new HeapGuard(heapBudgetMb);
    }

    /** Also computes a reference policy's distribution on every window ({@link StepListener.Step#reference()}). */
    public Generator withReference(FramePolicy referencePolicy) {
        this.reference = referencePolicy;
        return this;
    }

    public WindowSpec spec() {
        return spec;
    }

    /** Full collections the heap guard ran so far. */
    public int heapCollections() {
        return heap.collections();
    }

    /** Continues every prompt by its number of frames with {@code policy}; the results in the prompts' order. */
    public List<Continuation> run(ContinuationPolicy policy, List<GenerationPrompt> prompts, StepListener listener) {
        List<Continuation> all = new ArrayList<>(prompts.size());
        int longest = 0;
        for (GenerationPrompt p : prompts) {
            all.add(new Continuation(p, ContinuationBuilder.of(p.cut(), tolerance), spec.contextFrames()));
            longest = Math.max(longest, p.frames());
        }
        for (int frame = 0; frame < longest; frame++) {
            List<Integer> live = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) if (!all.get(i).done()) live.add(i);
            for (int from = 0; from < live.size(); from += batchSize) {
                step(policy, all, live.subList(from, Math.min(live.size(), from + batchSize)), frame, listener);
            }
            heap.afterStep();
        }
        return all;
    }

    /** One frame of the continuations {@code indexes}: windows, proposals, decoding, recording. */
    private void step(ContinuationPolicy policy, List<Continuation> all, List<Integer> indexes, long frame, StepListener listener) {
        List<ContextWindow> windows = new ArrayList<>(indexes.size());
        List<ContinuationPolicy.Request> requests = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            Continuation c = all.get(i);
            List<double[]> recent = c.recentFrames();
            ContextWindow w = spec.window(recent, recent.size());
            windows.add(w);
            requests.add(new ContinuationPolicy.Request(w, c.prompt().sampleIndex(), frame));
        }
        List<ContinuationPolicy.Proposal> proposals = policy.propose(requests);
        if (proposals.size() != requests.size()) {
            throw new IllegalStateException(policy.name() + " proposed " + proposals.size() + " frames for " + requests.size() + " contexts");
        }
        NextFrames ref = reference == null ? null : reference.next(windows);
        for (int j = 0; j < indexes.size(); j++) {
            Continuation c = all.get(indexes.get(j));
            ContinuationPolicy.Proposal p = proposals.get(j);
            FrameAction taken = place(c, windows.get(j), p);
            double[] recorded = c.builder().endFrame();
            double logProb = p.logProb(taken);
            c.record(recorded, logProb);
            listener.onStep(new StepListener.Step(indexes.get(j), frame, windows.get(j), p.action(), taken, recorded.clone(), p, logProb, ref, j));
        }
    }

    /** Decodes one proposal into placed tracks (see the class comment); returns the action taken, in the window's classes. */
    private FrameAction place(Continuation c, ContextWindow w, ContinuationPolicy.Proposal p) {
        ContinuationBuilder b = c.builder();
        SourceCursor cursor = b.cursor();
        int other = w.classes() - 1;
        boolean[] active = new boolean[K];
        int[] classes = new int[K];
        double[] last = w.lastFrame();
        // Classes the window has not used, as decoded in this frame: tracks sampling the same one show the same source.
        int[] newClassAsset = new int[w.classes()];
        java.util.Arrays.fill(newClassAsset, -1);
        // New sources of this frame in track order: training numbers them named, named + 1, ... in its target.
        List<Integer> newInFrame = new ArrayList<>();
        for (int k = 0; k < K; k++) {
            int previous = w.lastAsset(k);
            int asset = -1;
            if (b.trackEnabled(k) && p.action().active(k)) {
                int cls = p.action().assetClass(k);
                if (cls < w.named()) {
                    asset = w.assetOf(cls);
                } else if (cls == other && w.named() == other) {
                    // "Other": a source outside the window's named classes. A track showing one keeps it.
                    if (previous >= 0 && w.classOf(previous) == other) {
                        asset = previous;
                    } else {
                        asset = cursor.sourceForNewClass(w::isNamed, k);
                        c.countOther();
                    }
                } else if (newClassAsset[cls] >= 0 && !cursor.runsOut(newClassAsset[cls], k)) {
                    asset = newClassAsset[cls];
                } else {
                    // A class the window has not used yet: a source it does not show.
                    asset = cursor.sourceForNewClass(w::contains, k);
                    newClassAsset[cls] = asset;
                    c.countNewClass();
                }
                if (asset >= 0 && cursor.runsOut(asset, k)) asset = cursor.forcedCutFrom(asset, k);
            }
            if (asset < 0) {
                b.placeTrack(k, -1, new double[R]);
                classes[k] = -1;
                continue;
            }
            double[] values = new double[R];
            for (int f = 0; f < R; f++) {
                double v = FieldLimits.clamp(f, p.regressions()[k * R + f]);
                values[f] = asset == previous ? tolerance.hold(f, last[k * F + 2 + f], v) : v;
            }
            b.placeTrack(k, asset, values);
            active[k] = true;
            classes[k] = WindowDecoder.targetClass(w, asset, newInFrame);
        }
        return new FrameAction(active, classes);
    }
}
