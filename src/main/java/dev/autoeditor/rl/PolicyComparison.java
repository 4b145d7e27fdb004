package dev.autoeditor.rl;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameModel;
import dev.autoeditor.prefs.Edit;
import dev.autoeditor.prefs.Judge;
import dev.autoeditor.prefs.Verdict;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tuned policy against the reference on held-out contexts, judged by the rule-based judge (not
 * the reward model, which the policy was tuned to please): one continuation of each model per context
 * at temperature 1, with independent seeds; a win counts 1, a tie 1/2; the win rate's 95% Wilson
 * interval over the contexts. Beside it: the KL of the policy to the reference on the policy's own
 * continuations (mean over contexts of the summed k1, nats per continuation), both models' mean reward
 * model score, and the reward model's accuracy on pairs of two policy continuations of one context,
 * judged by the rule judge (ties left out and counted), which shows whether the reward model still
 * ranks what the tuned policy now writes.
 */
public final class PolicyComparison {
    /** The figures summary.json reports. */
    public record Result(int contexts, double winRate, double winRateLow, double winRateHigh, int wins, int ties, int losses,
                         double klToReference, double policyScore, double referenceScore, int policyPairs, int policyPairTies,
                         Double policySampleAccuracy) {
        public Map<String, Object> policyJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("win_rate", winRate);
            m.put("win_rate_low", winRateLow);
            m.put("win_rate_high", winRateHigh);
            m.put("ties", ties);
            m.put("wins", wins);
            m.put("losses", losses);
            m.put("contexts", contexts);
            m.put("kl_to_reference", klToReference);
            m.put("reward_model_score", policyScore);
            return m;
        }
    }

    private final RolloutSampler sampler;
    private final Judge judge;
    private final RewardScorer rewards;
    private final Normaliser normaliser;
    private final SamplingRate fps;
    private final int contextFrames;
    private final int horizon;
    private final int batch;

    public PolicyComparison(RolloutSampler sampler, Judge judge, RewardScorer rewards, Normaliser normaliser, SamplingRate fps,
                            int contextFrames, int horizon, int batch) {
        this.sampler = sampler;
        this.judge = judge;
        this.rewards = rewards;
        this.normaliser = normaliser;
        this.fps = fps;
        this.contextFrames = contextFrames;
        this.horizon = horizon;
        this.batch = batch;
    }

    /**
     * Compares on the first {@code contexts} contexts of {@code pool} in the order of a shuffle seeded
     * by {@code seed}; the first {@code policyPairs} of them also get a second policy continuation.
     */
    public Result compare(FrameModel policy, FrameModel reference, ContextPool pool, int contexts, int policyPairs, long seed) {
        List<ContextPool.Ref> refs = contexts(pool, contexts, seed);
        int n = refs.size();
        WindowBatch policyFrames = sample(policy, pool, refs, seed, POLICY);
        WindowBatch referenceFrames = sample(reference, pool, refs, seed, REFERENCE);

        // Win rate by the rule judge, ties one half.
        List<RewardScorer.Sample> policySamples = samples(policyFrames);
        List<RewardScorer.Sample> referenceSamples = samples(referenceFrames);
        WinRate w = winRate(policySamples, referenceSamples);
        double winRate = w.winRate();
        double[] bounds = {w.low(), w.high()};
        int wins = w.wins();
        int ties = w.ties();

        // KL to the reference on the policy's own continuations: one causal pass of each model.
        ActionLogProbs.Steps p = ActionLogProbs.evaluate(policy, policyFrames, contextFrames, batch);
        ActionLogProbs.Steps r = ActionLogProbs.evaluate(reference, policyFrames, contextFrames, batch);
        double kl = 0;
        for (double v : PpoMath.k1(p.logProb(), r.logProb())) kl += v;
        kl /= n;

        double policyScore = mean(rewards.score(policySamples));
        double referenceScore = mean(rewards.score(referenceSamples));

        // The reward model on pairs of two policy continuations, as the rule judge ranks them.
        int m = Math.min(policyPairs, n);
        int pairTies = 0;
        int agree = 0;
        if (m > 0) {
            WindowBatch second = sample(policy, pool, refs.subList(0, m), seed, "rlhf.eval.policy_b");
            List<RewardScorer.Sample> secondSamples = samples(second);
            double[] first = rewards.score(policySamples.subList(0, m));
            double[] other = rewards.score(secondSamples);
            for (int i = 0; i < m; i++) {
                Verdict v = judge.compare(policySamples.get(i).context(), policySamples.get(i).continuation(), secondSamples.get(i).continuation());
                if (v.tie()) {
                    pairTies++;
                    continue;
                }
                if (v.prefersA() == (first[i] > other[i])) agree++;
            }
        }
        Double accuracy = m - pairTies > 0 ? (double) agree / (m - pairTies) : null;
        return new Result(n, winRate, bounds[0], bounds[1], wins, ties, n - wins - ties, kl, policyScore, referenceScore, m, pairTies, accuracy);
    }

    /** The seed purposes of the policy's and the reference's continuations (per context i: Seeds.derive(seed, purpose, i)). */
    static final String POLICY = "rlhf.eval.policy";
    static final String REFERENCE = "rlhf.eval.reference";

    /**
     * The rule judge's verdicts on continuations of the same contexts: a win counts 1, a tie 1/2.
     *
     * @param winRate the mean over contexts, {@code low}/{@code high} its 95% Wilson interval
     */
    record WinRate(int contexts, double winRate, double low, double high, int wins, int ties) {}

    WinRate winRate(List<RewardScorer.Sample> a, List<RewardScorer.Sample> b) {
        int n = a.size();
        int wins = 0;
        int ties = 0;
        double points = 0;
        for (int i = 0; i < n; i++) {
            Verdict v = judge.compare(a.get(i).context(), a.get(i).continuation(), b.get(i).continuation());
            points += v.winForA();
            if (v.tie()) ties++;
            else if (v.prefersA()) wins++;
        }
        double rate = points / n;
        double[] bounds = PpoMath.wilson(rate, n);
        return new WinRate(n, rate, bounds[0], bounds[1], wins, ties);
    }

    /** The first {@code contexts} contexts of {@code pool} in the order of a shuffle seeded by {@code seed}. */
    static List<ContextPool.Ref> contexts(ContextPool pool, int contexts, long seed) {
        int n = Math.min(contexts, pool.size());
        int[] order = PairSimulator.shuffled(pool.size(), Seeds.derive(seed, "rlhf.eval.contexts"));
        List<ContextPool.Ref> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) refs.add(pool.get(order[i]));
        return refs;
    }

    /** One continuation per context, the i-th from {@code Seeds.derive(seed, purpose, i)}. */
    WindowBatch sample(FrameModel model, ContextPool pool, List<ContextPool.Ref> refs, long seed, String purpose) {
        WindowBatch all = WindowBatch.allocate(refs.size(), contextFrames + horizon);
        for (int first = 0; first < refs.size(); first += batch) {
            int m = Math.min(batch, refs.size() - first);
            long[] seeds = new long[m];
            for (int i = 0; i < m; i++) seeds[i] = Seeds.derive(seed, purpose, first + i);
            Continuations c = sampler.sample(model, pool.batch(refs.subList(first, first + m), contextFrames),
                    contextFrames, horizon, 1.0, seeds);
            for (int i = 0; i < m; i++) Frames.copy(c.frames(), i, 0, all, first + i, 0, contextFrames + horizon);
        }
        return all;
    }

    List<RewardScorer.Sample> samples(WindowBatch frames) {
        List<RewardScorer.Sample> out = new ArrayList<>(frames.size());
        for (int row = 0; row < frames.size(); row++) {
            Edit context = WindowEdits.toEdit(frames, row, 0, contextFrames, normaliser, fps);
            Edit continuation = WindowEdits.toEdit(frames, row, contextFrames, contextFrames + horizon, normaliser, fps);
            out.add(new RewardScorer.Sample(context, continuation));
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
