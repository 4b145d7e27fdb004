package dev.autoeditor.rl;

import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.PolicyModel;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.prefs.Edit;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.CheckpointInfo;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.Optimizer;
import dev.autoeditor.train.TrainingDivergedException;
import dev.autoeditor.train.TrainingState;
import dev.autoeditor.util.Progress;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PPO on the edit policy (docs/rlhf.md gives every definition). Each iteration: continue a batch of
 * training contexts with the policy; one causal pass of the policy (log pi, values, entropy) and one of
 * the frozen reference (log pi_ref) over the complete rollouts; the reward model's score; per-step
 * rewards with the KL penalty, GAE, whitened advantages; then several epochs of clipped updates over
 * minibatches. Dropout is off throughout (rollout and update see the same network), so the ratio of
 * each iteration's first minibatch is 1 up to float rounding, which the metrics record. Every random
 * draw is a function of (seed, iteration): a run resumed from the checkpoint written after iteration
 * n repeats the uninterrupted run's iterations n+1, n+2, ... exactly.
 */
public final class PpoTrainer {
    private static final Logger log = LoggerFactory.getLogger(PpoTrainer.class);
    /** The listener-state key of the KL controller in a policy checkpoint. */
    public static final String KL_STATE = "kl_controller";

    /**
     * The models: the policy being tuned (weights in place), the frozen reference, the reward model.
     */
    public record Models(PolicyModel policy, TransformerModel reference, RewardScorer rewards) {}

    /**
     * What every policy checkpoint says beside its weights and state.
     *
     * @param data       the spec of the windows the policy works on (its normaliser included)
     * @param config     the resolved config
     * @param provenance where the run came from
     */
    public record Header(DataSpec data, Map<String, Object> config, Provenance provenance) {}

    /** Where an interrupted run stood: optimizer moments, iterations and updates done, the KL controller's state. */
    public record Resumed(Map<String, INDArray> optimizer, int iterationsDone, long steps, Map<String, Object> kl, String source) {}

    /** How the run ended. */
    public record Result(int iterations, long steps, double beta, Map<String, Object> lastRow) {}

    private final Models models;
    private final RolloutSampler sampler;
    private final ContextPool contexts;
    private final RlhfSettings settings;
    private final long seed;
    private final SamplingRate fps;
    private final CheckpointStore store;
    private final Header header;
    private WinRateCurve curve;

    public PpoTrainer(Models models, RolloutSampler sampler, ContextPool contexts, RlhfSettings settings, long seed, SamplingRate fps,
                      Path dir, Header header) {
        this.models = models;
        this.sampler = sampler;
        this.contexts = contexts;
        this.settings = settings;
        this.seed = seed;
        this.fps = fps;
        this.store = new CheckpointStore(dir);
        this.header = header;
    }

    /** Measures the win rate during PPO (rlhf.eval.every); its columns join each metrics row. */
    PpoTrainer curve(WinRateCurve curve) {
        this.curve = curve;
        return this;
    }

    /** The iterations left, from the beginning ({@code resumed} null) or from a checkpoint. */
    public Result run(Resumed resumed) {
        RlhfSettings.PpoSettings p = settings.ppo();
        PolicyModel policy = models.policy();
        ActionLogProbs.attach(models.reference());
        PpoLoss.attach(policy, p.coefficients());
        Optimizer optimizer = new Optimizer(policy.sameDiff(), new Optimizer.Settings("adam", p.lr(), 0, p.gradClip()));
        KlController kl = new KlController(settings.kl().mode(), settings.kl().beta(), settings.targetKl(), settings.kl().horizon());
        int start = 0;
        long steps = 0;
        if (resumed != null) {
            optimizer.restore(resumed.optimizer(), resumed.source());
            kl.restore(resumed.kl());
            start = resumed.iterationsDone();
            steps = resumed.steps();
            log.info("rlhf: resuming PPO after iteration {} ({} updates, beta {})", start, steps, kl.beta());
        }
        Map<String, Object> row = Map.of();
        // No iteration asked for: the untuned policy is the result, checkpointed like any other.
        if (resumed == null && p.iterations() == 0) save(policy, optimizer, 0, 0, kl);
        try (PpoMetrics metrics = new PpoMetrics(store.dir().resolve("metrics"), start);
             Progress progress = Progress.start("rlhf ppo", p.iterations() - start, "iterations")) {
            for (int it = start; it < p.iterations(); it++) {
                long t0 = System.nanoTime();
                double beta = kl.beta();
                // 1. Roll out: training contexts drawn from (seed, iteration), continued by the policy.
                Rollouts r = rollout(it);
                double rolloutSeconds = (System.nanoTime() - t0) / 1e9;
                // 2. Rewards: the reward model's score at the end, minus beta * k1 at every step; GAE; whitened advantages.
                r.advantages(beta, p.gamma(), p.lambda());
                // 3. Several epochs of clipped updates over minibatches in an order drawn from (seed, iteration, epoch).
                Updates u = update(r, it, optimizer, steps);
                steps += u.count;
                // 4. The KL controller sees this iteration's KL per continuation; metrics; the checkpoint commits the iteration.
                kl.update(r.meanKl(), r.size());
                row = row(it + 1, r, u, beta, steps, (System.nanoTime() - t0) / 1e9);
                // 5. Where asked for, the win rate over the reference on held-out contexts (reads the policy, draws nothing of PPO's).
                if (curve != null) row.putAll(curve.columns(it + 1, policy));
                metrics.append(row);
                save(policy, optimizer, it + 1, steps, kl);
                progress.setExtra(String.format("reward %.3f kl %.2f", (double) row.get("objective/rlhf_reward"), r.meanKl()));
                progress.step(1);
                log.info(String.format(java.util.Locale.ROOT, "rlhf ppo iteration %d/%d: score %.4f, kl %.3f nats, beta %.4f, "
                                + "policy loss %.4f, value loss %.4f, clip %.3f, first-minibatch ratio off by %.2e, %.1f s (%.1f s rollouts)",
                        it + 1, p.iterations(), r.meanScore(), r.meanKl(), beta, u.policyLoss / u.count, u.valueLoss / u.count,
                        u.clipFraction / u.count, u.firstRatioDeviation, (System.nanoTime() - t0) / 1e9, rolloutSeconds));
            }
        }
        return new Result(p.iterations(), steps, kl.beta(), row);
    }

    /** The rollouts of iteration {@code it} and the passes over them. */
    Rollouts rollout(int it) {
        int n = settings.ppo().rollouts();
        int[] order = PairSimulator.shuffled(contexts.size(), Seeds.derive(seed, "rlhf.ppo.contexts", it));
        List<ContextPool.Ref> refs = new ArrayList<>(n);
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            refs.add(contexts.get(order[i % order.length]));
            seeds[i] = Seeds.derive(seed, "rlhf.ppo.rollout", (long) it * n + i);
        }
        int lc = settings.contextFrames();
        int h = settings.horizon();
        WindowBatch frames = sampleInBatches(models.policy(), contexts.batch(refs, lc), seeds);
        ActionLogProbs.Steps pol = ActionLogProbs.evaluate(models.policy(), frames, lc, settings.sampleBatch());
        ActionLogProbs.Steps ref = ActionLogProbs.evaluate(models.reference(), frames, lc, settings.sampleBatch());
        double[] scores = models.rewards().score(samples(frames, lc, h));
        return new Rollouts(frames, lc, h, pol, ref, scores);
    }

    /** The sampler over {@code contexts} in batches of rlhf.sample_batch rows. */
    private WindowBatch sampleInBatches(PolicyModel policy, WindowBatch contextBatch, long[] seeds) {
        int lc = settings.contextFrames();
        int h = settings.horizon();
        int n = contextBatch.size();
        WindowBatch all = WindowBatch.allocate(n, lc + h);
        for (int first = 0; first < n; first += settings.sampleBatch()) {
            int m = Math.min(settings.sampleBatch(), n - first);
            int[] rows = new int[m];
            for (int i = 0; i < m; i++) rows[i] = first + i;
            Continuations c = sampler.sample(policy, Frames.rows(contextBatch, rows), lc, h, 1.0, java.util.Arrays.copyOfRange(seeds, first, first + m));
            for (int i = 0; i < m; i++) {
                Frames.copy(c.frames(), i, 0, all, first + i, 0, lc + h);
                all.windowIds()[first + i] = contextBatch.windowIds()[first + i];
            }
        }
        return all;
    }

    /** Context and continuation of every row, as edits: what the reward model scores. */
    List<RewardScorer.Sample> samples(WindowBatch frames, int lc, int h) {
        List<RewardScorer.Sample> out = new ArrayList<>(frames.size());
        for (int row = 0; row < frames.size(); row++) {
            Edit context = WindowEdits.toEdit(frames, row, 0, lc, header.data().normaliser(), fps);
            Edit continuation = WindowEdits.toEdit(frames, row, lc, lc + h, header.data().normaliser(), fps);
            out.add(new RewardScorer.Sample(context, continuation));
        }
        return out;
    }

    /** Sums over the updates of an iteration, for the metrics. */
    private static final class Updates {
        int count;
        double policyLoss;
        double valueLoss;
        double entropy;
        double clipFraction;
        double valueClipFraction;
        double approxKl;
        double ratio;
        double firstRatioDeviation;
    }

    /** The update epochs of iteration {@code it}; {@code steps} updates were done before it (Adam's step count). */
    private Updates update(Rollouts r, int it, Optimizer optimizer, long steps) {
        RlhfSettings.PpoSettings p = settings.ppo();
        PolicyModel policy = models.policy();
        Updates u = new Updates();
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            int[] order = PairSimulator.shuffled(r.size(), Seeds.derive(seed, "rlhf.ppo.minibatches", (long) it * p.epochs() + epoch));
            for (int first = 0; first + p.minibatch() <= r.size(); first += p.minibatch()) {
                int[] rows = java.util.Arrays.copyOfRange(order, first, first + p.minibatch());
                Rollouts.Part part = r.part(rows);
                Map<String, INDArray> feed = PpoLoss.feed(policy, part.frames(), r.contextFrames, part.oldLogProb(), part.advantage(),
                        part.returns(), part.oldValue());
                List<String> outputs = new ArrayList<>(PpoLoss.OUTPUTS);
                outputs.add(ActionLogProbs.LOG_PROB);
                outputs.add(PolicyModel.VALUE);
                OutAndGrad og = policy.sameDiff().calculateGradientsAndOutputs(feed, outputs, optimizer.parameters());
                Map<String, INDArray> out = og.getOutputs();
                Map<String, INDArray> grads = withZeros(og.getGradients(), optimizer.parameters(), policy);
                double loss = out.get(PpoLoss.LOSS).getDouble(0);
                double gradNorm = optimizer.gradientNorm(grads);
                if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
                    throw new TrainingDivergedException("PPO diverged at iteration " + (it + 1) + ": loss " + loss + ", gradient norm "
                            + gradNorm + "; the last good checkpoint is kept (" + store.jsonOf(CheckpointStore.LAST)
                            + "); try a lower rlhf.ppo.lr or rlhf.ppo.grad_clip");
                }
                // Per-step quantities of this pass (before its update): ratios, clip fractions, approximate KL.
                Rollouts.StepStats s = part.stats(out.get(ActionLogProbs.LOG_PROB).data().asFloat(),
                        out.get(PolicyModel.VALUE).data().asFloat(), r.contextFrames, p.clip(), p.valueClip());
                if (u.count == 0) u.firstRatioDeviation = s.maxRatioDeviation();
                optimizer.apply(grads, gradNorm, p.lr(), steps + u.count);
                u.count++;
                u.policyLoss += out.get(PpoLoss.POLICY_LOSS).getDouble(0);
                u.valueLoss += out.get(PpoLoss.VALUE_LOSS).getDouble(0);
                u.entropy += out.get(PpoLoss.MEAN_ENTROPY).getDouble(0);
                u.clipFraction += s.clipFraction();
                u.valueClipFraction += s.valueClipFraction();
                u.approxKl += s.approxKl();
                u.ratio += s.meanRatio();
                System.gc();
            }
        }
        return u;
    }

    /**
     * The gradients with a zero for every parameter the loss does not reach: the regression heads
     * (regressions are not actions, so PPO leaves them as the starting model had them). Adam's moments
     * of such a parameter stay zero and its update is exactly zero.
     */
    private static Map<String, INDArray> withZeros(Map<String, INDArray> grads, List<String> parameters, PolicyModel policy) {
        Map<String, INDArray> all = new java.util.HashMap<>(grads);
        Map<String, INDArray> live = policy.parameters();
        for (String name : parameters) {
            if (all.get(name) == null) all.put(name, org.nd4j.linalg.factory.Nd4j.zerosLike(live.get(name)));
        }
        return all;
    }

    /** The metrics row of an iteration, TRL's names first. */
    private Map<String, Object> row(int iteration, Rollouts r, Updates u, double beta, long steps, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = Math.max(1, u.count);
        m.put("iteration", iteration);
        m.put("objective/kl", r.meanKl());
        m.put("objective/entropy", r.meanEntropy());
        m.put("objective/non_score_reward", -beta * r.meanKl());
        m.put("objective/rlhf_reward", r.meanScore() - beta * r.meanKl());
        m.put("objective/scores", r.meanScore());
        m.put("policy/approxkl_avg", u.approxKl / n);
        m.put("policy/clipfrac_avg", u.clipFraction / n);
        m.put("loss/policy_avg", u.policyLoss / n);
        m.put("loss/value_avg", u.valueLoss / n);
        m.put("val/clipfrac_avg", u.valueClipFraction / n);
        m.put("policy/entropy_avg", u.entropy / n);
        m.put("val/ratio", u.ratio / n);
        m.put("policy/first_minibatch_ratio_max_dev", u.firstRatioDeviation);
        m.put("beta", beta);
        m.put("lr", settings.ppo().lr());
        m.put("updates", steps);
        m.put("seconds", seconds);
        return m;
    }

    /** Writes last.json (+ weights and Adam moments): iteration {@code iterations} is done. */
    private void save(PolicyModel policy, Optimizer optimizer, int iterations, long steps, KlController kl) {
        Map<String, Map<String, Object>> listeners = new LinkedHashMap<>();
        listeners.put(KL_STATE, kl.state());
        TrainingState state = new TrainingState(iterations, steps, new BatchIterator.Position(iterations, 0), Double.NaN, Double.NaN, listeners);
        store.save(policy, optimizer, new CheckpointInfo(CheckpointStore.LAST, PolicyModel.KIND, null, null, policy.config(), header.data(),
                "rlhf", "ppo", state, null, rng(), header.config(), header.provenance()));
    }

    /** The seeds every random draw of the run derives from. */
    private Map<String, Object> rng() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("contexts", "shuffle of the training contexts by Seeds.derive(seed, \"rlhf.ppo.contexts\", iteration)");
        m.put("rollouts", "continuation i of an iteration from Seeds.derive(seed, \"rlhf.ppo.rollout\", iteration * rollouts + i)");
        m.put("minibatches", "shuffle by Seeds.derive(seed, \"rlhf.ppo.minibatches\", iteration * epochs + epoch)");
        return m;
    }
}
