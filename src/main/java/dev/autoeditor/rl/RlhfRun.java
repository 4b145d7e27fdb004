package dev.autoeditor.rl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.model.Backend;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.PolicyModel;
import dev.autoeditor.model.RewardModel;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.prefs.LineProblem;
import dev.autoeditor.prefs.Pair;
import dev.autoeditor.prefs.PairJson;
import dev.autoeditor.prefs.PairLines;
import dev.autoeditor.prefs.PairStore;
import dev.autoeditor.prefs.RuleJudge;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.Calibration;
import dev.autoeditor.train.CheckpointInfo;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.Init;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.TrainSettings;
import dev.autoeditor.train.TrainingRun;
import dev.autoeditor.train.TrainingWindows;
import dev.autoeditor.train.Weights;
import dev.autoeditor.train.eval.ThresholdCalibrator;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.OutputTime;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rlhf phase's work, in order (docs/rlhf.md):
 * <ol>
 *   <li>pairs: the files of {@code rlhf.pairs}, or, when there are none, {@code rlhf.simulate.pairs}
 *       pairs sampled from the starting model on training contexts and decided by the rule judge
 *       (written to {@code pairs/simulated.jsonl}); pairs are held out by their context;</li>
 *   <li>the reward model ({@code reward-model/}): the starting model's trunk and a new score head,
 *       trained with the Bradley-Terry loss through the ordinary training run; its held-out accuracy;</li>
 *   <li>PPO ({@code last.json} here, kind {@code policy}): the starting model plus a value head,
 *       tuned against the reward model with a KL penalty to the frozen starting model; calibrated
 *       like every final model;</li>
 *   <li>the comparison on held-out contexts by the rule judge, and {@code summary.json}.</li>
 * </ol>
 * Each step resumes: simulated pairs are reused when complete, the reward model and PPO continue from
 * their last checkpoints.
 */
public final class RlhfRun {
    private static final Logger log = LoggerFactory.getLogger(RlhfRun.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String SUMMARY = "summary.json";
    public static final String SUMMARY_FORMAT = "auto-editor-rlhf-summary/1";
    public static final String REWARD_MODEL = "reward-model";
    public static final String SIMULATED_PAIRS = "pairs/simulated.jsonl";

    /**
     * @param source      the starting model's checkpoint
     * @param sourcePhase the phase that made it
     * @param windows     the windows whose training split gives rollout contexts, and val + test the held-out ones
     * @param out         checkpoints/rlhf
     * @param config      the run's settings
     * @param resume      continue the work found in {@code out}
     * @param baseDir     relative {@code rlhf.pairs} files are resolved here (the working directory)
     */
    public record Inputs(Path source, String sourcePhase, Path windows, Path out, Config config, boolean resume, Path baseDir) {}

    private final Inputs in;

    public RlhfRun(Inputs in) {
        this.in = in;
    }

    /** Runs every step and writes summary.json; returns the summary. */
    public Map<String, Object> run() throws IOException {
        Config cfg = in.config();
        long seed = cfg.getLong("seed");
        RlhfSettings s = RlhfSettings.from(cfg);
        ModelArtifact start = ModelArtifact.load(in.source());
        DataSpec spec = start.data();
        SamplingRate fps = SamplingRate.parse(spec.requireFixedRate("checkpoint " + start.json()), "the model's sample rate");
        s.checkFits(spec.windowLength(), "checkpoint " + start.json());
        ModelConfig model = start.info().model();
        RuleJudge judge = RuleJudge.fromConfig(cfg);
        // Every continuation of the run (simulated pairs, PPO's rollouts, the comparison) is sampled by generate's sampler.
        RolloutSampler sampler = GeneratorSampler.of(spec, cfg);
        Files.createDirectories(in.out());
        try (TrainingWindows windows = TrainingWindows.open(in.windows());
             ShardDataset test = openIfPresent(in.windows(), Split.TEST)) {
            if (!spec.normaliser().sameStatistics(windows.spec().normaliser())) {
                throw new UserException(in.windows() + " were normalised differently from " + start.json() + "'s training data; "
                        + "the policy must see windows made the model's way (preprocess.normaliser=from_model)");
            }
            ContextPool training = ContextPool.of(List.of(windows.train()), s.contextFrames(), s.contextStep());
            List<ShardDataset> heldoutSplits = new ArrayList<>();
            if (windows.val() != null) heldoutSplits.add(windows.val());
            if (test != null) heldoutSplits.add(test);
            ContextPool heldout = ContextPool.of(heldoutSplits, s.contextFrames(), s.contextStep());
            if (training.size() == 0) {
                throw new UserException(in.windows() + ": no training window has " + s.contextFrames() + " real frames for a context; "
                        + "lower rlhf.context_frames");
            }
            if (heldout.size() == 0) {
                throw new UserException(in.windows() + ": no validation or test window has " + s.contextFrames()
                        + " real frames for a held-out context; lower rlhf.context_frames or give the data more projects");
            }
            log.info("rlhf: starting from {} ({}); {} training and {} held-out contexts of {} frames, horizon {}", start.json(),
                    in.sourcePhase(), training.size(), heldout.size(), s.contextFrames(), s.horizon());

            // 1. Pairs, and the held-out split by context.
            PairSet pairs = pairs(s, start, fps, judge, training, seed, sampler);
            // 2. The reward model.
            Path rmDir = in.out().resolve(REWARD_MODEL);
            trainRewardModel(s, model, spec, pairs, rmDir, cfg);
            RewardModel rewardModel = (RewardModel) ModelArtifact.load(rmDir.resolve(CheckpointStore.LAST + ".json")).network();
            RewardScorer scorer = new RewardScorer(rewardModel, spec.normaliser(), s.contextFrames(), s.horizon(), s.sampleBatch());
            Accuracy heldoutAccuracy = accuracy(scorer, pairs.heldout());
            log.info("rlhf: reward model held-out accuracy {} on {} pairs ({} ties left out)", heldoutAccuracy.value(), heldoutAccuracy.counted(),
                    heldoutAccuracy.ties());

            // 3. PPO from the starting model, against the reward model, with the starting model as the frozen reference.
            TransformerModel reference = start.frameTransformer();
            PolicyComparison comparison = new PolicyComparison(sampler, judge, scorer, spec.normaliser(), fps, s.contextFrames(), s.horizon(),
                    s.sampleBatch());
            // With rlhf.eval.every, the win rate is also measured during PPO, on the first of the same held-out contexts.
            WinRateCurve curve = s.eval().every() > 0 ? new WinRateCurve(comparison, reference, heldout, s.eval().curveContexts(),
                    s.eval().every(), s.ppo().iterations(), seed) : null;
            PolicyModel policy = ppo(s, start, model, spec, scorer, training, fps, seed, cfg, sampler, curve);
            Calibration calibration = ThresholdCalibrator.of(cfg, windows).calibrate(policy);
            if (calibration != null) new CheckpointStore(in.out()).calibrate(CheckpointStore.LAST, calibration);

            // 4. The tuned policy against the reference on held-out contexts, judged by the rules.
            PolicyComparison.Result cmp = comparison.compare(policy, reference, heldout, s.eval().contexts(), s.eval().policyPairs(), seed);
            if (cmp.contexts() < s.eval().contexts()) {
                log.warn("rlhf: only {} held-out contexts exist (rlhf.eval.contexts is {}); the win rate is measured on {}", cmp.contexts(),
                        s.eval().contexts(), cmp.contexts());
            }
            log.info(String.format(java.util.Locale.ROOT, "rlhf: policy vs reference on %d held-out contexts: win rate %.3f [%.3f, %.3f], "
                            + "%d ties; KL %.2f nats; reward model score %.3f vs %.3f", cmp.contexts(), cmp.winRate(), cmp.winRateLow(),
                    cmp.winRateHigh(), cmp.ties(), cmp.klToReference(), cmp.policyScore(), cmp.referenceScore()));
            Map<String, Object> summary = summary(s, start, pairs, heldoutAccuracy, cmp, windows, seed, cfg);
            AtomicFiles.writeString(in.out().resolve(SUMMARY), JSON.writeValueAsString(summary) + "\n");
            return summary;
        }
    }

    /**
     * Reads and range-checks every setting the run reads (rlhf.*, the judge's, the reward model's
     * training, the calibration, the sampler's), and that a rollout fits in the run's windows: what
     * the phase checks before any phase runs.
     */
    public static void checkSettings(Config cfg) {
        RlhfSettings s = RlhfSettings.from(cfg);
        s.checkFitsWindows(cfg.getInt("window.length", 1, 100_000));
        RuleJudge.fromConfig(cfg);
        TrainSettings.from(rewardModelConfig(cfg, s.rewardModel()));
        ThresholdCalibrator.Settings.from(cfg);
        GeneratorSampler.checkSettings(cfg);
    }

    /** The pairs of a run: those trained on, those held out, and where they came from. */
    record PairSet(List<Pair> train, List<Pair> heldout, String source, List<Map<String, Object>> files, int skipped, int ties) {
        int count() {
            return train.size() + heldout.size();
        }
    }

    private PairSet pairs(RlhfSettings s, ModelArtifact start, SamplingRate fps, RuleJudge judge, ContextPool training, long seed,
                          RolloutSampler sampler) throws IOException {
        List<Pair> all = new ArrayList<>();
        List<Map<String, Object>> files = new ArrayList<>();
        int skipped = 0;
        String source;
        if (!s.pairFiles().isEmpty()) {
            source = "files";
            for (Path f : s.pairFiles()) {
                Path file = in.baseDir().resolve(f);
                if (!Files.isRegularFile(file)) {
                    throw new UserException("rlhf.pairs names " + f + ", which is not a file (looked for " + file + "); "
                            + "give pair files made by prefs collect, import or simulate, or rlhf.pairs=[] to simulate pairs");
                }
                PairLines lines = new PairStore(file).read();
                int wrongRate = 0;
                for (Pair p : lines.pairList()) {
                    if (!p.context().frames().fps().equals(fps)) {
                        wrongRate++;
                        continue;
                    }
                    all.add(p);
                }
                if (wrongRate > 0) {
                    log.warn("{}: {} pair(s) at another rate than the model's {} fps left out", file, wrongRate, fps);
                }
                skipped += wrongRate + lines.problems().size();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", f.toString());
                m.put("sha256", Hashing.sha256(file));
                m.put("pairs", lines.pairs().size());
                m.put("skipped_lines", lines.problems().stream().map(LineProblem::toString).toList());
                m.put("other_rate", wrongRate);
                files.add(m);
            }
        } else {
            source = "simulated";
            all = simulatedPairs(s, start, fps, judge, training, seed, sampler);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", SIMULATED_PAIRS);
            m.put("sha256", Hashing.sha256(in.out().resolve(SIMULATED_PAIRS)));
            m.put("pairs", all.size());
            m.put("judge", judge.identity().id());
            files.add(m);
        }
        if (all.isEmpty()) throw new UserException("no preference pairs to train the reward model on; check rlhf.pairs");
        List<Pair> train = new ArrayList<>();
        List<Pair> heldout = new ArrayList<>();
        int ties = 0;
        for (Pair p : all) {
            if (p.tie()) ties++;
            (heldOut(p, s.heldoutFraction(), seed) ? heldout : train).add(p);
        }
        log.info("rlhf: {} pairs ({}), {} held out, {} ties", all.size(), source, heldout.size(), ties);
        return new PairSet(train, heldout, source, files, skipped, ties);
    }

    /** A pair is held out when its context hashes, with the seed, below the fraction: pairs of one context stay together. */
    static boolean heldOut(Pair p, double fraction, long seed) {
        String key = p.context().export() + "\u0000" + p.context().sequence() + "\u0000" + p.context().startS() + "\u0000" + p.context().endS();
        long h = Seeds.derive(seed, "rlhf.heldout:" + key);
        return (h >>> 11) * 0x1.0p-53 < fraction;
    }

    /** The simulated pairs of pairs/simulated.jsonl, made now unless a complete file is there. */
    private List<Pair> simulatedPairs(RlhfSettings s, ModelArtifact start, SamplingRate fps, RuleJudge judge, ContextPool training, long seed,
                                      RolloutSampler sampler) throws IOException {
        Path file = in.out().resolve(SIMULATED_PAIRS);
        if (in.resume() && Files.isRegularFile(file)) {
            PairLines lines = PairStore.read(file, PairStore.LastLine.TORN_IF_UNTERMINATED);
            if (lines.problems().isEmpty() && lines.pairs().size() == s.simulatedPairs()) {
                log.info("rlhf: reusing the {} simulated pairs of {}", lines.pairs().size(), file);
                return lines.pairList();
            }
        }
        long t0 = System.nanoTime();
        PairSimulator sim = new PairSimulator(sampler, start.frameTransformer(), start.info().weightsSha256(), start.normaliser(), fps, judge,
                s.simulator());
        PairSimulator.Result r = sim.simulate(training, s.simulatedPairs(), Seeds.derive(seed, "rlhf.pairs"),
                Instant.parse(OutputTime.now()), made -> log.debug("rlhf: {} pairs simulated", made));
        StringBuilder text = new StringBuilder();
        for (Pair p : r.pairs()) text.append(PairJson.encode(p)).append('\n');
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, text.toString());
        log.info(String.format(java.util.Locale.ROOT, "rlhf: simulated %d pairs from %d contexts in %.1f s (%d ties)", r.pairs().size(),
                r.contexts(), (System.nanoTime() - t0) / 1e9, r.ties()));
        return r.pairs();
    }

    private void trainRewardModel(RlhfSettings s, ModelConfig model, DataSpec spec, PairSet pairs, Path dir, Config cfg) {
        List<Pair> train = pairs.train().stream().filter(p -> !p.tie()).toList();
        List<Pair> heldout = pairs.heldout().stream().filter(p -> !p.tie()).toList();
        if (train.isEmpty()) throw new UserException("every training pair is a tie: the reward model has nothing to learn from; add pairs");
        int classes = model.assetClasses();
        int sides = s.rewardModel().groupSize();
        PairGroups trainGroups = PairGroups.of(train, s.contextFrames(), s.horizon(), sides, spec.normaliser(), classes);
        PairGroups heldoutGroups = heldout.isEmpty() ? null : PairGroups.of(heldout, s.contextFrames(), s.horizon(), sides, spec.normaliser(), classes);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("pairs", pairs.files());
        inputs.put("train_pairs", train.size());
        inputs.put("train_groups", trainGroups.size());
        inputs.put("heldout_pairs", heldout.size());
        Init init = in.resume() && Files.isRegularFile(dir.resolve(CheckpointStore.LAST + ".json")) ? new Init.Resume(dir) : new Init.WarmStart(in.source());
        TrainingRun.phase("rlhf")
                .config(rewardModelConfig(cfg, s.rewardModel()))
                .data(trainGroups, heldoutGroups, spec, inputs)
                .checkpoints(dir)
                .network(RewardModel.KIND, model)
                // The architecture comes from the starting checkpoint, not model.*: provenance records rlhf's own inputs.
                .inputKeys(inputKeys())
                .init(init)
                .objective(new BradleyTerryObjective(model, s.contextFrames(), trainGroups, heldoutGroups))
                .force(true)
                .run();
    }

    /**
     * The settings the reward model trains with: train.* as configured (optimizer, clipping, ...), with
     * the rlhf.reward_model.* values in place of the pretraining schedule, a fixed number of epochs (no
     * early stopping: the held-out pairs are measured on, never selected on) and no step limit.
     */
    static Config rewardModelConfig(Config cfg, RlhfSettings.RewardModelSettings r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("train.epochs", (long) r.epochs());
        o.put("train.batch_size", (long) r.batchSize());
        o.put("train.lr", r.lr());
        o.put("train.warmup_steps", (long) r.warmupSteps());
        o.put("train.weight_decay", r.weightDecay());
        o.put("train.patience", 0L);
        o.put("train.max_steps", 0L);
        o.put("train.checkpoint_every", (long) r.epochs());
        o.put("train.keep_last", 1L);
        return cfg.with(o);
    }

    /** The reward model's share of non-tie pairs ranked as the judge ranked them. */
    record Accuracy(Double value, int counted, int ties) {}

    static Accuracy accuracy(RewardScorer scorer, List<Pair> pairs) {
        List<RewardScorer.Sample> samples = new ArrayList<>();
        int ties = 0;
        for (Pair p : pairs) {
            if (p.tie()) {
                ties++;
                continue;
            }
            samples.add(new RewardScorer.Sample(p.context().frames(), p.preferred().frames()));
            samples.add(new RewardScorer.Sample(p.context().frames(), p.other().frames()));
        }
        if (samples.isEmpty()) return new Accuracy(null, 0, ties);
        double[] scores = scorer.score(samples);
        int right = 0;
        for (int i = 0; i < scores.length; i += 2) if (scores[i] > scores[i + 1]) right++;
        return new Accuracy((double) right / (scores.length / 2), scores.length / 2, ties);
    }

    private PolicyModel ppo(RlhfSettings s, ModelArtifact start, ModelConfig model, DataSpec spec, RewardScorer scorer, ContextPool training,
                            SamplingRate fps, long seed, Config cfg, RolloutSampler sampler, WinRateCurve curve) throws IOException {
        PolicyModel policy = PolicyModel.create(model, Seeds.derive(seed, "rlhf.policy.init"));
        Path last = in.out().resolve(CheckpointStore.LAST + ".json");
        PpoTrainer.Resumed resumed = null;
        Map<String, Object> init = new LinkedHashMap<>();
        if (in.resume() && Files.isRegularFile(last)) {
            CheckpointInfo info = CheckpointStore.read(last);
            if (!PolicyModel.KIND.equals(info.kind()) || !"rlhf".equals(info.phase()) || !info.model().differences(model).isEmpty()) {
                throw new UserException(last + " is not a policy this rlhf run can resume (kind " + info.kind() + ", phase " + info.phase()
                        + "); run the phase again with --force");
            }
            Weights w = CheckpointStore.weights(last, info);
            w.loadInto(policy);
            resumed = new PpoTrainer.Resumed(w.optimizer(), info.epochsDone(), info.step(), info.state().listeners().get(PpoTrainer.KL_STATE),
                    "checkpoint " + last);
            init.put("mode", "resume");
            init.put("checkpoint", last.toString());
        } else {
            Weights.Transfer t = CheckpointStore.weights(start.json(), start.info()).warmStartInto(policy);
            log.info("rlhf: policy from {}: copied {} parameters, initialised {} from the seed: {}", start.json(), t.copied().size(),
                    t.initialised().size(), t.initialised());
            init.put("mode", "warm_start");
            init.put("checkpoint", start.json().toString());
            init.put("initialised", t.initialised());
        }
        init.put("weights_sha256", start.info().weightsSha256());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("init", init);
        inputs.put("windows", in.windows().toString());
        inputs.put("reward_model", in.out().resolve(REWARD_MODEL).resolve(CheckpointStore.LAST + ".json").toString());
        Provenance provenance = Provenance.of("rlhf", seed, cfg.select(provenanceKeys()), inputs).withNd4j(Backend.describe());
        PpoTrainer trainer = new PpoTrainer(new PpoTrainer.Models(policy, start.frameTransformer(), scorer), sampler, training, s, seed, fps,
                in.out(), new PpoTrainer.Header(spec, new LinkedHashMap<>(cfg.asMap()), provenance));
        trainer.curve(curve).run(resumed);
        return policy;
    }

    static List<String> provenanceKeys() {
        // generate.keyframe_tolerance: the sampler holds values within it, so it shapes every continuation.
        return new ArrayList<>(List.of("seed", "rlhf", "prefs.judge", "generate.keyframe_tolerance"));
    }

    private Map<String, Object> summary(RlhfSettings s, ModelArtifact start, PairSet pairs, Accuracy heldout, PolicyComparison.Result cmp,
                                        TrainingWindows windows, long seed, Config cfg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", SUMMARY_FORMAT);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", pairs.count());
        p.put("source", pairs.source());
        p.put("heldout", pairs.heldout().size());
        p.put("train", pairs.train().size());
        p.put("ties", pairs.ties());
        p.put("skipped", pairs.skipped());
        p.put("files", pairs.files());
        m.put("pairs", p);
        Map<String, Object> rm = new LinkedHashMap<>();
        rm.put("heldout_accuracy", heldout.value());
        rm.put("policy_sample_accuracy", cmp.policySampleAccuracy());
        rm.put("heldout_pairs", heldout.counted());
        rm.put("heldout_ties", heldout.ties());
        rm.put("policy_sample_pairs", cmp.policyPairs() - cmp.policyPairTies());
        rm.put("policy_sample_ties", cmp.policyPairTies());
        rm.put("checkpoint", REWARD_MODEL + "/" + CheckpointStore.LAST + ".json");
        m.put("reward_model", rm);
        Map<String, Object> policy = cmp.policyJson();
        policy.put("checkpoint", CheckpointStore.LAST + ".json");
        m.put("policy", policy);
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("reward_model_score", cmp.referenceScore());
        reference.put("phase", in.sourcePhase());
        reference.put("weights_sha256", start.info().weightsSha256());
        m.put("reference", reference);
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("context_frames", s.contextFrames());
        setup.put("horizon_frames", s.horizon());
        setup.put("ppo_iterations", s.ppo().iterations());
        setup.put("rollouts_per_iteration", s.ppo().rollouts());
        setup.put("kl_mode", s.kl().mode());
        setup.put("target_kl", s.targetKl());
        setup.put("judge", RuleJudge.fromConfig(cfg).identity().id());
        m.put("setup", setup);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("source", start.json().toString());
        inputs.putAll(windows.inputs());
        m.put("provenance", Provenance.of("rlhf", seed, cfg.select(provenanceKeys()), inputs).toMap());
        return m;
    }

    private static ShardDataset openIfPresent(Path windows, Split split) {
        return Files.isDirectory(windows.resolve(split.id())) ? ShardDataset.open(windows, split) : null;
    }

    /** Every setting the reward model's training depends on: rlhf.* and {@link #otherKeys()}. */
    static List<String> inputKeys() {
        List<String> keys = new ArrayList<>(RlhfSettings.KEYS);
        for (String k : otherKeys()) if (!keys.contains(k)) keys.add(k);
        return keys;
    }

    /**
     * Every key the run reads besides the rlhf.* settings: the judge's, the seed, train.* (the reward
     * model's optimizer), evaluate.* (calibration) and the sampler's generate.keyframe_tolerance.*.
     */
    public static List<String> otherKeys() {
        List<String> keys = new ArrayList<>(List.of("seed", "prefs.judge.target_shot_s", "prefs.judge.min_shot_frames", "prefs.judge.jump_back_s",
                "prefs.judge.tie_tolerance", "prefs.judge.weight_shot_length", "prefs.judge.weight_flash", "prefs.judge.weight_framing",
                "prefs.judge.weight_jump_back", "evaluate.cut_tolerance", "evaluate.max_windows", "evaluate.batch_size"));
        keys.addAll(GeneratorSampler.INPUT_KEYS);
        for (String k : TrainSettings.KEYS) if (!TrainSettings.RUNTIME_KEYS.contains(k) && !keys.contains(k)) keys.add(k);
        return keys;
    }
}
