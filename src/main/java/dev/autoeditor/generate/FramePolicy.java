package dev.autoeditor.generate;

import static dev.autoeditor.model.GraphNames.ACTIVE_LOGIT;
import static dev.autoeditor.model.GraphNames.ASSET_LOGITS;
import static dev.autoeditor.model.GraphNames.REGRESSION;

import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.NativeThreads;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.train.ModelArtifact;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained frame transformer as a policy over next frames: batched contexts in, each context's
 * distribution over its next frame out ({@link NextFrames}). One forward pass per call, over windows
 * padded at the end to the longest (causal attention: padding after a frame does not change it), each
 * read at its own last frame.
 *
 * <p>Memory: the pass's input and output arrays are closed as soon as their values are copied out, so
 * ND4J's off-heap memory is returned at once instead of when the Java GC next runs; no
 * {@code System.gc()} per call (docs/generate.md, "Memory").
 */
public final class FramePolicy {
    private static final int K = KeyframeTable.TRACKS;
    private static final int R = KeyframeTable.FIELDS - 2;

    private final TransformerModel model;
    private final ModelConfig config;
    private final Normaliser normaliser;
    private final int contextFrames;
    private final String name;

    public FramePolicy(TransformerModel model, DataSpec spec, String name) {
        this.model = model;
        this.config = model.config();
        this.normaliser = spec.normaliser();
        if (spec.windowLength() < 2) throw new IllegalArgumentException("a model trained on windows of " + spec.windowLength() + " frames cannot continue an edit");
        this.contextFrames = spec.windowLength() - 1;
        if (spec.assetClasses() != config.assetClasses()) {
            throw new IllegalArgumentException(name + ": its data has " + spec.assetClasses() + " asset classes, its network " + config.assetClasses());
        }
        this.name = name;
    }

    /** The frame transformer of a checkpoint, with its window length, asset classes and normaliser. */
    public static FramePolicy of(ModelArtifact artifact) {
        return new FramePolicy(artifact.frameTransformer(), artifact.data(), "model " + artifact.json());
    }

    /** The most frames the model sees: its training window's length - 1. */
    public int contextFrames() {
        return contextFrames;
    }

    public int classes() {
        return config.assetClasses();
    }

    public Normaliser normaliser() {
        return normaliser;
    }

    /** Trainable values of the network. */
    public long parameterCount() {
        return model.parameterCount();
    }

    /** Names the model in messages. */
    public String name() {
        return name;
    }

    /** A window of {@code frames} ending before frame {@code end}, as this model sees it. */
    public ContextWindow window(List<double[]> frames, int end) {
        return ContextWindow.of(frames, end, contextFrames, classes(), normaliser);
    }

    /** The next-frame distribution of every context, in order (one forward pass). */
    public NextFrames next(List<ContextWindow> contexts) {
        int b = contexts.size();
        if (b == 0) throw new IllegalArgumentException("no context to continue");
        int t = 0;
        for (ContextWindow w : contexts) {
            if (w.length() > contextFrames) throw new IllegalArgumentException("a window of " + w.length() + " frames; " + name + " sees at most " + contextFrames);
            if (w.classes() != classes()) throw new IllegalArgumentException("a window relabelled into " + w.classes() + " classes; " + name + " has " + classes());
            t = Math.max(t, w.length());
        }
        WindowBatch batch = WindowBatch.allocate(b, t);
        for (int i = 0; i < b; i++) contexts.get(i).fill(batch, i);
        int c = classes();
        float[] active = new float[b * K];
        float[] assets = new float[b * K * c];
        double[] regression = new double[b * K * R];
        Map<String, INDArray> inputs = FrameInputs.forPrediction(batch, config);
        Map<String, INDArray> out = null;
        try {
            // A single context's pass is per-op overhead: on one native thread it runs 160 frames/s against
            // 96 on two (docs/generate.md, "Speed"); batched passes keep the threads.
            out = b == 1 ? NativeThreads.singleThreaded(() -> model.sameDiff().output(inputs, ACTIVE_LOGIT, ASSET_LOGITS, REGRESSION))
                    : model.sameDiff().output(inputs, ACTIVE_LOGIT, ASSET_LOGITS, REGRESSION);
            DataBuffer activeOut = out.get(ACTIVE_LOGIT).data();
            DataBuffer assetOut = out.get(ASSET_LOGITS).data();
            DataBuffer regressionOut = out.get(REGRESSION).data();
            for (int i = 0; i < b; i++) {
                long cell = ((long) i * t + contexts.get(i).length() - 1) * K;
                for (int k = 0; k < K; k++) {
                    active[i * K + k] = activeOut.getFloat(cell + k);
                    for (int j = 0; j < c; j++) assets[(i * K + k) * c + j] = assetOut.getFloat((cell + k) * c + j);
                    for (int f = 0; f < R; f++) {
                        regression[(i * K + k) * R + f] = normaliser.denormalise(f, regressionOut.getFloat((cell + k) * R + f));
                    }
                }
            }
        } finally {
            close(inputs.values());
            if (out != null) close(out.values());
        }
        return new NextFrames(b, c, active, assets, regression);
    }

    private static void close(Collection<INDArray> arrays) {
        for (INDArray a : arrays) if (a != null && a.closeable()) a.close();
    }
}
