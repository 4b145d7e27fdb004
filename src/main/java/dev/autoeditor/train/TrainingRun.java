package dev.autoeditor.train;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.Backend;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.ModelKinds;
import dev.autoeditor.model.Network;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run of any phase (pretrain, distill, finetune...): the network of a kind built from its
 * architecture and started by an {@link Init} (scratch, exact resume, warm start), an {@link Objective}
 * attached to it, a fresh or restored {@link Optimizer}, the standard listeners (metrics files, a
 * progress bar and provenance naming the phase, divergence guard, early stopping) plus any given, and a
 * checkpoint writer; then the {@link Trainer}'s loop; then, when training has ended, every checkpoint
 * of the folder is calibrated ({@link Calibrator}) before the phase commits.
 *
 * <pre>{@code
 * try (TrainingWindows windows = TrainingWindows.open(windowsDir)) {
 *     TrainResult r = TrainingRun.phase("finetune")
 *             .config(cfg).windows(windows).checkpoints(outDir)
 *             .network(TransformerModel.KIND, ModelConfig.from(cfg))
 *             .init(new Init.WarmStart(pretrainedJson))
 *             .objective(new SupervisedObjective(ModelConfig.from(cfg), LossSettings.from(cfg)))
 *             .calibrator(ThresholdCalibrator.of(cfg, windows))
 *             .run();
 * }
 * }</pre>
 */
public final class TrainingRun {
    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    /** Settings a resumed run must share with its checkpoint, or the continuation would not be exact. */
    /** Settings a resume must not change: the data order and dropout masks of the remaining steps depend on them. */
    public static final List<String> RESUME_INVARIANTS = TrainSettings.RESUME_INVARIANTS;
    /** The config sections a checkpoint's provenance records. */
    /** The settings a supervised training phase declares as its inputs, which its checkpoints' provenance records. */
    public static final List<String> SUPERVISED_INPUT_KEYS = supervisedInputKeys();

    private static List<String> supervisedInputKeys() {
        List<String> keys = new java.util.ArrayList<>(TrainSettings.INPUT_KEYS);
        // The cut thresholds stored in every checkpoint are tuned at these.
        keys.add("evaluate.cut_tolerance");
        keys.add("evaluate.max_windows");
        return List.copyOf(keys);
    }

    private List<String> provenanceKeys = SUPERVISED_INPUT_KEYS;

    private final String phase;
    private Path checkpointDir;
    private Config cfg;
    private WindowDataset train;
    private WindowDataset val;
    private DataSpec data;
    private Map<String, Object> inputs = new LinkedHashMap<>();
    private String kind = ModelKinds.FRAME_TRANSFORMER;
    private ModelConfig model;
    private Init init = new Init.Scratch();
    private Objective objective;
    private Calibrator calibrator = Calibrator.NONE;
    private final List<TrainingListener> extraListeners = new ArrayList<>();
    private boolean force;
    private int frozenBlocks;
    private double headLrFactor = 1.0;

    private TrainingRun(String phase) {
        this.phase = phase;
    }

    /** A run of {@code phase}: its name goes into the progress bar, the checkpoints and their provenance. */
    public static TrainingRun phase(String phase) {
        return new TrainingRun(phase);
    }

    /** The resolved config: train.* drives the loop, seed every random draw. */
    public TrainingRun config(Config cfg) {
        this.cfg = cfg;
        return this;
    }

    /** Where checkpoints and metrics go. */
    public TrainingRun checkpoints(Path dir) {
        this.checkpointDir = dir;
        return this;
    }

    /** Window shards opened from a folder: splits, data spec and hashes. */
    public TrainingRun windows(TrainingWindows windows) {
        return data(windows.train(), windows.val(), windows.spec(), windows.inputs());
    }

    /**
     * The windows trained and validated on (val may be null), the spec they were made with (it goes into
     * every checkpoint) and what describes them in provenance.
     */
    public TrainingRun data(WindowDataset train, WindowDataset val, DataSpec spec, Map<String, Object> inputs) {
        this.train = train;
        this.val = val;
        this.data = spec;
        this.inputs = new LinkedHashMap<>(inputs);
        return this;
    }

    /** The kind of network and its architecture (default kind: frame-transformer). */
    public TrainingRun network(String kind, ModelConfig model) {
        this.kind = kind;
        this.model = model;
        return this;
    }

    public TrainingRun init(Init init) {
        this.init = init;
        return this;
    }

    public TrainingRun objective(Objective objective) {
        this.objective = objective;
        return this;
    }

    /** Tunes every checkpoint's thresholds when training ends (default: none). */
    public TrainingRun calibrator(Calibrator calibrator) {
        this.calibrator = calibrator;
        return this;
    }

    /** One more listener, after the standard ones (its {@link TrainingListener#state()} is checkpointed). */
    public TrainingRun listener(TrainingListener listener) {
        extraListeners.add(listener);
        return this;
    }

    /**
     * Leaves the input embedding and the first {@code blocks} trunk blocks as the {@link Init} put them:
     * they get no gradient, no update and no weight decay ({@link Network#lowerLayers}); 0 (the default)
     * trains everything. A resume must freeze the same layers.
     */
    public TrainingRun freezeLowerLayers(int blocks) {
        if (blocks < 0) throw new IllegalArgumentException("frozen blocks must be 0 or more, got " + blocks);
        this.frozenBlocks = blocks;
        return this;
    }

    /**
     * Trains the output heads ({@link Network#heads}) at {@code factor} times the learning rate of the
     * schedule, the rest at the schedule's rate; 1 (the default) trains everything alike.
     */
    public TrainingRun headLearningRateFactor(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("head learning-rate factor must be positive, got " + factor);
        this.headLrFactor = factor;
        return this;
    }

    /** Start from scratch even though the checkpoint folder already holds checkpoints (they are replaced as training goes). */
    /** The settings the phase declares as its inputs (recorded in the checkpoints' provenance); default {@link #SUPERVISED_INPUT_KEYS}. */
    public TrainingRun inputKeys(List<String> keys) {
        this.provenanceKeys = List.copyOf(keys);
        return this;
    }

    public TrainingRun force(boolean force) {
        this.force = force;
        return this;
    }

    /** Assembles and runs it; returns how training ended. */
    public TrainResult run() {
        Objects.requireNonNull(cfg, "config");
        Objects.requireNonNull(checkpointDir, "checkpoints");
        Objects.requireNonNull(train, "data");
        Objects.requireNonNull(objective, "objective");
        if (model == null) model = ModelConfig.from(cfg);
        log.info("ND4J backend: {}", Backend.describe());
        TrainSettings settings = TrainSettings.from(cfg);
        checkData();
        CheckpointStore store = new CheckpointStore(checkpointDir);
        if (init instanceof Init.Scratch && !force && !store.names().isEmpty()) {
            throw new UserException(checkpointDir + " already holds checkpoints; pass --resume to continue them or --force to start over");
        }

        // 1. The network, built in code from its architecture and seed; then the starting weights by name.
        Network network = ModelKinds.build(kind, model, settings.seedFor("init"));
        Start start = applyInit(network);
        log.info("{} model: {} {} parameters ({})", phase, network.parameterCount(), kind, model);
        Set<String> frozen = frozenBlocks == 0 ? Set.of() : network.lowerLayers(frozenBlocks);
        if (!frozen.isEmpty()) {
            log.info("{}: {} parameters frozen (input embedding and {} lower blocks): {}", phase, frozen.size(), frozenBlocks, frozen);
            start.describe().put("frozen_blocks", frozenBlocks);
            start.describe().put("frozen", List.copyOf(frozen));
        }

        // 2. The objective's loss on the network's outputs, then the optimizer (fresh, or its moments on resume).
        objective.attach(network);
        Optimizer optimizer = new Optimizer(network.sameDiff(), Optimizer.Settings.from(settings), frozen);
        if (headLrFactor != 1.0) {
            Set<String> heads = network.heads();
            if (heads.isEmpty()) throw new IllegalArgumentException("a " + kind + " network names no output heads to train faster");
            optimizer.scaleLearningRate(heads, headLrFactor);
            start.describe().put("head_lr_factor", headLrFactor);
            log.info("{}: the {} head parameters train at {} times the learning rate", phase, heads.size(), headLrFactor);
        }
        if (start.resumed() != null) optimizer.restore(start.resumed().optimizer(), start.resumed().source());

        // 3. Listeners (their state restored on resume), the checkpoint writer, the loop.
        BatchIterator.Options batching = BatchIterator.Options.training(cfg);
        int perEpoch = BatchIterator.batchesPerEpoch(train.size(), batching.batchSize(), batching.dropLast());
        Provenance provenance = Provenance.of(phase, settings.seed(), cfg.select(provenanceKeys), inputs)
                .withInput("init", start.describe()).withNd4j(Backend.describe());
        var header = new CheckpointWriter.Header(kind, model, data, phase, objective.name(), rng(settings, perEpoch),
                new LinkedHashMap<>(cfg.asMap()), provenance);
        CheckpointWriter writer = new CheckpointWriter(store, optimizer, header, settings.checkpointEvery(), settings.keepLast());
        if (start.resumed() != null && !Files.exists(store.jsonOf(CheckpointStore.LAST))) {
            // Resumed from an older checkpoint because last was damaged or gone: last is that state again.
            writer.save(network, CheckpointStore.LAST, start.state());
        }
        String lastGood = Files.exists(store.jsonOf(CheckpointStore.LAST)) ? store.jsonOf(CheckpointStore.LAST).toString() : "none written yet";
        TrainResult result;
        try (MetricsWriter metrics = new MetricsWriter(checkpointDir.resolve("metrics"), start.state().step())) {
            ProgressListener progress = new ProgressListener(phase, settings.logEvery());
            List<TrainingListener> listeners = new ArrayList<>(List.of(metrics, progress, new DivergenceGuard(settings.maxGradNormExplosion(), lastGood)));
            listeners.addAll(extraListeners);
            listeners.add(new EarlyStopping(settings.patience()));
            for (TrainingListener l : listeners) {
                Map<String, Object> saved = start.state().listeners().get(l.stateKey());
                if (saved != null) l.restore(saved);
            }
            Trainer trainer = new Trainer(network, objective, optimizer, settings,
                    new Trainer.Data(train, val, batching, BatchIterator.Options.evaluation(cfg)), writer, listeners);
            try {
                result = trainer.fit(start.state());
            } catch (RuntimeException e) {
                progress.onTrainingEnd(null);
                throw e;
            }
        }
        log.info("{} done: {} epochs, {} steps, best validation loss {}", phase, result.epochsDone(), result.steps(), result.bestValLoss());
        // 4. Training has ended: every checkpoint gets the thresholds tuned on its own weights.
        calibrateAll(store);
        return result;
    }

    /**
     * How the run starts: the training state, the weights resumed from (their optimizer moments are
     * restored once the optimizer exists), and what provenance says about it.
     */
    private record Start(TrainingState state, Weights resumed, Map<String, Object> describe) {}

    /** Puts the starting weights into {@code network} as the {@link Init} says. */
    private Start applyInit(Network network) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (init instanceof Init.Resume r) {
            Path json = CheckpointStore.resolve(r.checkpoint(), false);
            CheckpointInfo source = CheckpointStore.read(json);
            checkResumable(source, json);
            Weights weights = CheckpointStore.weights(json, source);
            weights.loadInto(network);
            describe(info, "resume", json, source);
            TrainingState state = source.state();
            log.info("resuming from {} at epoch {}, batch {}, step {}", json, state.position().epoch() + 1, state.position().batch(), state.step());
            return new Start(state, weights, info);
        }
        if (init instanceof Init.WarmStart w) {
            Path json = CheckpointStore.resolve(w.checkpoint(), true);
            CheckpointInfo source = CheckpointStore.read(json);
            Weights.Transfer t = CheckpointStore.weights(json, source).warmStartInto(network);
            describe(info, "warm_start", json, source);
            info.put("copied", t.copied());
            info.put("initialised", t.initialised());
            info.put("unused", t.unused());
            log.info("warm start from {} ({} {}): copied {} parameters: {}", json, source.kind(), source.phase(), t.copied().size(), t.copied());
            log.info("warm start: initialised {} parameters from the seed: {}", t.initialised().size(), t.initialised());
            if (!t.unused().isEmpty()) log.info("warm start: {} parameters of the source not used: {}", t.unused().size(), t.unused());
            if (!source.data().normaliser().sameStatistics(data.normaliser())) {
                log.warn("warm start: the windows were normalised differently from {}'s training data; for fine-tuning, "
                        + "preprocess with preprocess.normaliser=from_model and preprocess.normaliser_model={}", json, json);
            }
            return new Start(TrainingState.BEGINNING, null, info);
        }
        info.put("mode", "scratch");
        return new Start(TrainingState.BEGINNING, null, info);
    }

    private void checkData() {
        if (train.size() == 0) throw new UserException("the training split has no windows; add data or lower window.min_sequence_frames");
        if (train.assetClasses() != model.assetClasses()) {
            throw new UserException("the windows were made with " + train.assetClasses() + " asset classes but model.asset_classes is "
                    + model.assetClasses() + "; set model.asset_classes=" + train.assetClasses() + " or re-run `auto-editor window`");
        }
        Objects.requireNonNull(data, "the windows' data spec");
    }

    /** A resume continues the same run: same kind, same phase, same architecture and the settings exactness depends on. */
    private void checkResumable(CheckpointInfo info, Path json) {
        if (!kind.equals(info.kind())) {
            throw new UserException("checkpoint " + json + " holds a " + info.kind() + " but this " + phase + " run trains a " + kind
                    + "; a run resumes only its own checkpoints: start from it with a warm start instead");
        }
        if (!phase.equals(info.phase())) {
            throw new UserException("checkpoint " + json + " was written by phase " + info.phase() + ", not " + phase
                    + "; a run resumes only its own checkpoints: start from it with a warm start instead");
        }
        checkCompatible(info, model, cfg, json);
    }

    /** Fails, naming the settings, when the config asks for another architecture or breaks exact resume. */
    static void checkCompatible(CheckpointInfo info, ModelConfig wanted, Config cfg, Path from) {
        List<String> diffs = new ArrayList<>(info.model().differences(wanted));
        for (String key : RESUME_INVARIANTS) {
            Object saved = info.config() == null ? null : info.config().get(key);
            if (saved != null && cfg.has(key) && !Objects.equals(String.valueOf(saved), String.valueOf(cfg.get(key)))) {
                diffs.add(key + " " + saved + " vs " + cfg.get(key));
            }
        }
        if (!diffs.isEmpty()) {
            throw new UserException("checkpoint " + from + " does not match the config (checkpoint vs config): " + String.join(", ", diffs)
                    + "; resume with the checkpoint's settings, or start a new run in another folder");
        }
        Object savedEpochs = info.config() == null ? null : info.config().get("train.epochs");
        if (savedEpochs != null && !String.valueOf(savedEpochs).equals(String.valueOf(cfg.get("train.epochs")))) {
            log.warn("train.epochs changed from {} to {}: the learning-rate schedule is stretched from here on", savedEpochs, cfg.get("train.epochs"));
        }
    }

    private static void describe(Map<String, Object> initInfo, String mode, Path json, CheckpointInfo info) {
        initInfo.put("mode", mode);
        initInfo.put("checkpoint", json.toAbsolutePath().normalize().toString());
        initInfo.put("kind", info.kind());
        initInfo.put("phase", info.phase());
        initInfo.put("step", info.step());
        initInfo.put("weights_sha256", info.weightsSha256());
    }

    /**
     * Calibrates each checkpoint of the folder that lacks a calibration at the current settings; one
     * per distinct weights file (best is often the last or a periodic one).
     */
    private void calibrateAll(CheckpointStore store) {
        if (calibrator == Calibrator.NONE) return;
        Map<String, Calibration> byWeights = new LinkedHashMap<>();
        for (String name : store.names()) {
            Path json = store.jsonOf(name);
            CheckpointInfo info = CheckpointStore.read(json);
            Calibration done = byWeights.get(info.weightsSha256());
            if (done == null) {
                if (info.calibration() != null && matchesSettings(info.calibration())) {
                    byWeights.put(info.weightsSha256(), info.calibration());
                    continue;
                }
                Network loaded = ModelKinds.build(info.kind(), info.model(), 0L);
                CheckpointStore.weights(json, info).loadInto(loaded);
                done = calibrator.calibrate(loaded);
                if (done == null) return;
                byWeights.put(info.weightsSha256(), done);
                System.gc();
            }
            if (!done.equals(info.calibration())) store.calibrate(name, done);
        }
    }

    private boolean matchesSettings(Calibration c) {
        return c.cutTolerance() == cfg.getInt("evaluate.cut_tolerance") && c.maxWindows() == cfg.getInt("evaluate.max_windows");
    }

    /** The seeds every remaining random draw derives from (with the step for dropout, the epoch for shuffling). */
    private static Map<String, Object> rng(TrainSettings settings, int batchesPerEpoch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", settings.seed());
        m.put("init_seed", settings.seedFor("init"));
        m.put("dropout_seed", settings.seedFor("dropout"));
        m.put("dropout_stream", "SplittableRandom(dropout_seed + golden * (step + 1))");
        m.put("shuffle", "BatchIterator.permutation(size, seed, epoch)");
        m.put("batches_per_epoch", batchesPerEpoch);
        return m;
    }
}
