package dev.autoeditor.rl;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The win rate of the policy over the reference during PPO ({@code rlhf.eval.every} > 0): after every
 * {@code every}-th iteration and the last, the policy continues the first {@code contexts} held-out
 * contexts of the final comparison, with the same seeds, and the rule judge compares each with the
 * reference's continuation of the same context. The reference is frozen, so its continuations are
 * sampled once. With {@code contexts} equal to {@code rlhf.eval.contexts}, the last point is the
 * summary's {@code policy.win_rate}. It reads the policy and changes nothing: PPO's own draws come
 * from (seed, iteration), not from here, so the tuned policy is the same with or without the curve.
 */
final class WinRateCurve {
    static final String WIN_RATE = "eval/win_rate";
    static final String LOW = "eval/win_rate_low";
    static final String HIGH = "eval/win_rate_high";
    static final String SECONDS = "eval/seconds";

    private final PolicyComparison comparison;
    private final FrameModel reference;
    private final ContextPool pool;
    private final List<ContextPool.Ref> contexts;
    private final int every;
    private final int iterations;
    private final long seed;
    private List<RewardScorer.Sample> referenceSamples;

    WinRateCurve(PolicyComparison comparison, FrameModel reference, ContextPool heldout, int contexts, int every, int iterations, long seed) {
        this.comparison = comparison;
        this.reference = reference;
        this.pool = heldout;
        this.contexts = PolicyComparison.contexts(heldout, contexts, seed);
        this.every = every;
        this.iterations = iterations;
        this.seed = seed;
    }

    /**
     * The columns of iteration {@code iteration}'s metrics row: measured when it is due, else empty
     * (every row has the columns, so the CSV keeps one header).
     */
    Map<String, Object> columns(int iteration, FrameModel policy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(WIN_RATE, null);
        m.put(LOW, null);
        m.put(HIGH, null);
        m.put(SECONDS, null);
        if (iteration % every != 0 && iteration != iterations) return m;
        long t0 = System.nanoTime();
        if (referenceSamples == null) {
            referenceSamples = comparison.samples(comparison.sample(reference, pool, contexts, seed, PolicyComparison.REFERENCE));
        }
        WindowBatch frames = comparison.sample(policy, pool, contexts, seed, PolicyComparison.POLICY);
        PolicyComparison.WinRate w = comparison.winRate(comparison.samples(frames), referenceSamples);
        m.put(WIN_RATE, w.winRate());
        m.put(LOW, w.low());
        m.put(HIGH, w.high());
        m.put(SECONDS, (System.nanoTime() - t0) / 1e9);
        return m;
    }
}
