package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The model as a continuation policy: one forward pass for the batch ({@link FramePolicy#next}), then
 * per context an action sampled at the temperature from the stream of (seed, sample index, frame)
 * ({@link ActionSampler}); the regressions are the model's values. With a seed per sample
 * ({@link #withSampleSeeds}) sample i draws from the stream of (seeds[i], 0, frame) instead: exactly
 * what {@code generate --seed seeds[i]} draws for its one prompt, so a continuation recorded with its
 * seed (a preference pair's side, an RLHF rollout) can be generated again from that seed alone.
 */
public final class ModelPolicy implements ContinuationPolicy {
    private static final int K = KeyframeTable.TRACKS;
    private static final int R = KeyframeTable.FIELDS - 2;

    private final FramePolicy model;
    private final double temperature;
    private final long seed;
    private final long[] sampleSeeds;

    public ModelPolicy(FramePolicy model, double temperature, long seed) {
        this(model, temperature, seed, null);
    }

    private ModelPolicy(FramePolicy model, double temperature, long seed, long[] sampleSeeds) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        this.model = model;
        this.temperature = temperature;
        this.seed = seed;
        this.sampleSeeds = sampleSeeds;
    }

    /** The model at {@code temperature}, sample i drawing from {@code ActionSampler.random(seeds[i], 0, frame)}. */
    public static ModelPolicy withSampleSeeds(FramePolicy model, double temperature, long[] seeds) {
        return new ModelPolicy(model, temperature, 0, seeds.clone());
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
            FrameAction action = ActionSampler.sample(next, b, temperature, random(r));
            double[] regressions = new double[K * R];
            for (int k = 0; k < K; k++) for (int f = 0; f < R; f++) regressions[k * R + f] = next.regression(b, k, f);
            out.add(new Proposal(action, regressions, next, b, temperature));
        }
        return out;
    }

    /** The stream of a request's frame. */
    private SplittableRandom random(Request r) {
        if (sampleSeeds == null) return ActionSampler.random(seed, r.sampleIndex(), r.frame());
        if (r.sampleIndex() < 0 || r.sampleIndex() >= sampleSeeds.length) {
            throw new IllegalArgumentException("sample " + r.sampleIndex() + " has no seed; " + sampleSeeds.length + " were given");
        }
        return ActionSampler.random(sampleSeeds[(int) r.sampleIndex()], 0, r.frame());
    }
}
