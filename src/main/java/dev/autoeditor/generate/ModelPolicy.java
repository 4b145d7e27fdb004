package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The model as a continuation policy: one forward pass for the batch ({@link FramePolicy#next}), then
 * per context an action sampled at the temperature from the stream of (seed, sample index, frame)
 * ({@link ActionSampler}); the regressions are the model's values.
 */
public final class ModelPolicy implements ContinuationPolicy {
    private static final int K = KeyframeTable.TRACKS;
    private static final int R = KeyframeTable.FIELDS - 2;

    private final FramePolicy model;
    private final double temperature;
    private final long seed;

    public ModelPolicy(FramePolicy model, double temperature, long seed) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        this.model = model;
        this.temperature = temperature;
        this.seed = seed;
    }

    public FramePolicy model() {
        return model;
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public List<Proposal> propose(List<Request> requests) {
        List<ContextWindow> windows = new ArrayList<>(requests.size());
        for (Request r : requests) windows.add(r.window());
        NextFrames next = model.next(windows);
        List<Proposal> out = new ArrayList<>(requests.size());
        for (int b = 0; b < requests.size(); b++) {
            Request r = requests.get(b);
            FrameAction action = ActionSampler.sample(next, b, temperature, ActionSampler.random(seed, r.sampleIndex(), r.frame()));
            double[] regressions = new double[K * R];
            for (int k = 0; k < K; k++) for (int f = 0; f < R; f++) regressions[k * R + f] = next.regression(b, k, f);
            out.add(new Proposal(action, regressions, next, b, temperature));
        }
        return out;
    }
}
