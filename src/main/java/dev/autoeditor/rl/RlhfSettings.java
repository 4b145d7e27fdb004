package dev.autoeditor.rl;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rlhf.*} settings, read and range-checked once (config/default.yaml has a line on each).
 *
 * @param pairFiles        pair files the reward model learns from; empty = pairs simulated with the rule judge
 * @param contextFrames    frames of context before each continuation
 * @param horizon          frames sampled after it (context + horizon fit in the model's window)
 * @param contextStep      contexts start on a grid of this many frames of their sequence
 * @param targetKl         the KL to the reference aimed at, nats per continuation
 * @param sampleBatch      continuations sampled at once
 * @param simulatedPairs   pairs simulated when no pair file is given
 * @param samplesPerContext continuations per simulated context
 * @param temperature      sampling temperature of simulated pairs
 * @param heldoutFraction  share of contexts whose pairs are held out from reward-model training
 * @param rewardModel      the reward model's training
 * @param ppo              PPO's
 * @param kl               the KL penalty's weight
 * @param eval             the final comparison
 */
public record RlhfSettings(List<Path> pairFiles, int contextFrames, int horizon, int contextStep, double targetKl, int sampleBatch,
                           int simulatedPairs, int samplesPerContext, double temperature, double heldoutFraction,
                           RewardModelSettings rewardModel, PpoSettings ppo, KlSettings kl, EvalSettings eval) {
    /** Every key {@link #from} reads (rlhf.enabled is the phase's switch, read by the registry). */
    public static final List<String> KEYS = List.of(
            "rlhf.pairs", "rlhf.context_frames", "rlhf.horizon_frames", "rlhf.context_step", "rlhf.target_kl", "rlhf.sample_batch",
            "rlhf.simulate.pairs", "rlhf.simulate.samples_per_context", "rlhf.simulate.temperature", "rlhf.heldout_fraction",
            "rlhf.reward_model.epochs", "rlhf.reward_model.batch_size", "rlhf.reward_model.lr", "rlhf.reward_model.warmup_steps",
            "rlhf.reward_model.weight_decay", "rlhf.reward_model.group_size",
            "rlhf.ppo.iterations", "rlhf.ppo.rollouts", "rlhf.ppo.epochs", "rlhf.ppo.minibatch", "rlhf.ppo.lr", "rlhf.ppo.clip",
            "rlhf.ppo.value_clip", "rlhf.ppo.value_coef", "rlhf.ppo.entropy_coef", "rlhf.ppo.gamma", "rlhf.ppo.lambda",
            "rlhf.ppo.grad_clip",
            "rlhf.kl.mode", "rlhf.kl.beta", "rlhf.kl.horizon",
            "rlhf.eval.contexts", "rlhf.eval.policy_pairs", "rlhf.eval.every", "rlhf.eval.curve_contexts");

    /**
     * @param epochs      passes over the training pairs
     * @param batchSize   pairs per step
     * @param lr          peak learning rate (warm-up, then cosine to train.min_lr_ratio)
     * @param warmupSteps linear warm-up steps
     * @param weightDecay decoupled weight decay
     * @param groupSize   continuations of one context scored together (their comparisons share the passes)
     */
    public record RewardModelSettings(int epochs, int batchSize, double lr, int warmupSteps, double weightDecay, int groupSize) {}

    /**
     * @param iterations  rollout-and-update rounds
     * @param rollouts    continuations sampled per iteration
     * @param epochs      passes over an iteration's rollouts
     * @param minibatch   rollouts per update
     * @param lr          Adam's learning rate (constant)
     * @param clip        the ratio's clip range
     * @param valueClip   the value's clip range
     * @param valueCoef   weight of the value loss
     * @param entropyCoef weight of the entropy bonus
     * @param gamma       discount
     * @param lambda      GAE's lambda
     * @param gradClip    global gradient-norm clip, 0 = off
     */
    public record PpoSettings(int iterations, int rollouts, int epochs, int minibatch, double lr, double clip, double valueClip,
                              double valueCoef, double entropyCoef, double gamma, double lambda, double gradClip) {
        public PpoLoss.Coefficients coefficients() {
            return new PpoLoss.Coefficients(clip, valueClip, valueCoef, entropyCoef);
        }
    }

    /**
     * @param mode    fixed or adaptive
     * @param beta    the starting weight
     * @param horizon continuations over which the adaptive controller moves beta by up to 20%
     */
    public record KlSettings(String mode, double beta, double horizon) {}

    /**
     * @param contexts    held-out contexts, one policy and one reference continuation each
     * @param policyPairs held-out contexts given two policy continuations, for the reward model's accuracy on the tuned policy
     * @param every       measure the win rate during PPO after every this many iterations (and the last); 0 = only at the end
     * @param curveContexts held-out contexts of each measurement during PPO (the first of the final comparison's)
     */
    public record EvalSettings(int contexts, int policyPairs, int every, int curveContexts) {}

    public static RlhfSettings from(Config c) {
        List<Path> files = new ArrayList<>();
        for (Object o : c.getList("rlhf.pairs")) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new ConfigException("config key 'rlhf.pairs' holds " + o + "; it must be a list of pair files (JSON lines), e.g. [prefs/pairs.jsonl]");
            }
            files.add(Path.of(s));
        }
        RlhfSettings s = new RlhfSettings(files,
                c.getInt("rlhf.context_frames", 1, 100_000),
                c.getInt("rlhf.horizon_frames", 1, 100_000),
                c.getInt("rlhf.context_step", 1, 100_000),
                c.getDouble("rlhf.target_kl", 1e-6, 1e6),
                c.getInt("rlhf.sample_batch", 1, 1 << 16),
                c.getInt("rlhf.simulate.pairs", 2, 10_000_000),
                c.getInt("rlhf.simulate.samples_per_context", 2, 64),
                c.getDouble("rlhf.simulate.temperature", 1e-3, 100),
                c.getDouble("rlhf.heldout_fraction", 0.01, 0.9),
                new RewardModelSettings(c.getInt("rlhf.reward_model.epochs", 1, 100_000), c.getInt("rlhf.reward_model.batch_size", 1, 1 << 16),
                        c.getDouble("rlhf.reward_model.lr", 1e-12, 10), c.getInt("rlhf.reward_model.warmup_steps", 0, Integer.MAX_VALUE),
                        c.getDouble("rlhf.reward_model.weight_decay", 0, 10), c.getInt("rlhf.reward_model.group_size", 2, 256)),
                new PpoSettings(c.getInt("rlhf.ppo.iterations", 0, 1_000_000), c.getInt("rlhf.ppo.rollouts", 2, 1 << 20),
                        c.getInt("rlhf.ppo.epochs", 1, 1000), c.getInt("rlhf.ppo.minibatch", 1, 1 << 20), c.getDouble("rlhf.ppo.lr", 1e-12, 10),
                        c.getDouble("rlhf.ppo.clip", 1e-6, 10), c.getDouble("rlhf.ppo.value_clip", 1e-6, 1e6),
                        c.getDouble("rlhf.ppo.value_coef", 0, 1e6), c.getDouble("rlhf.ppo.entropy_coef", 0, 1e6),
                        c.getDouble("rlhf.ppo.gamma", 0, 1), c.getDouble("rlhf.ppo.lambda", 0, 1), c.getDouble("rlhf.ppo.grad_clip", 0, 1e12)),
                new KlSettings(c.getChoice("rlhf.kl.mode", "fixed", "adaptive"), c.getDouble("rlhf.kl.beta", 0, 1e6),
                        c.getDouble("rlhf.kl.horizon", 1, 1e12)),
                new EvalSettings(c.getInt("rlhf.eval.contexts", 1, 1_000_000), c.getInt("rlhf.eval.policy_pairs", 0, 1_000_000),
                        c.getInt("rlhf.eval.every", 0, 1_000_000), c.getInt("rlhf.eval.curve_contexts", 1, 1_000_000)));
        if (s.ppo.minibatch() > s.ppo.rollouts()) {
            throw new ConfigException("config key 'rlhf.ppo.minibatch' is " + s.ppo.minibatch() + "; it must be at most rlhf.ppo.rollouts ("
                    + s.ppo.rollouts() + "): an update takes its minibatch from the rollouts of one iteration");
        }
        return s;
    }

    /** Refuses a context and horizon that do not fit in the model's window of {@code windowLength} frames. */
    public void checkFits(int windowLength, String model) {
        if (contextFrames + horizon > windowLength) {
            throw new ConfigException("rlhf.context_frames (" + contextFrames + ") + rlhf.horizon_frames (" + horizon + ") = "
                    + (contextFrames + horizon) + " frames do not fit in the " + windowLength + "-frame window " + model
                    + " was trained on; lower them so one causal pass covers a rollout");
        }
    }

    /**
     * Refuses a context and horizon that cannot fit in the run's windows of {@code windowLength} frames
     * (window.length: every model of a run is trained on them), before any phase runs.
     */
    public void checkFitsWindows(int windowLength) {
        if (contextFrames >= windowLength) {
            throw new ConfigException("config key 'rlhf.context_frames' is " + contextFrames + "; it must be below window.length (" + windowLength
                    + ") to leave room for rlhf.horizon_frames in one window");
        }
        if (contextFrames + horizon > windowLength) {
            throw new ConfigException("config key 'rlhf.horizon_frames' is " + horizon + "; with rlhf.context_frames " + contextFrames + " it must be at most "
                    + (windowLength - contextFrames) + ", so that a rollout fits in one " + windowLength + "-frame window (window.length)");
        }
    }

    /** The simulator's settings for these. */
    public PairSimulator.Settings simulator() {
        return new PairSimulator.Settings(contextFrames, horizon, temperature, samplesPerContext, Math.max(1, sampleBatch / samplesPerContext));
    }
}
