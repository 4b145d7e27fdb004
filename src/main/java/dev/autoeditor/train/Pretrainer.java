package dev.autoeditor.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.config.Config;
import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.Preprocessor;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.data.Windower;
import dev.autoeditor.model.Backend;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.OrderedMaps;
import dev.autoeditor.util.OutputTime;
import dev.autoeditor.util.UserException;
import dev.autoeditor.util.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pretrain phase: opens the window shards, builds or resumes the model, and trains it with
 * checkpoints in {@code checkpointDir} (and metrics in its metrics/ folder).
 */
public final class Pretrainer {
    private static final Logger log = LoggerFactory.getLogger(Pretrainer.class);
    private Pretrainer() {}

    public static TrainResult run(Path windowsDir, Path checkpointDir, Config cfg, ResumeMode resume) {
        return run(windowsDir, checkpointDir, cfg, resume, false);
    }

    /** @param force start afresh even though {@code checkpointDir} already holds checkpoints */
    public static TrainResult run(Path windowsDir, Path checkpointDir, Config cfg, ResumeMode resume, boolean force) {
        if (!Files.isDirectory(windowsDir.resolve(Split.TRAIN.id()))) {
            throw new UserException("no training windows in " + windowsDir + " (expected " + windowsDir.resolve(Split.TRAIN.id())
                    + "); run `auto-editor window` first");
        }
        try (ShardDataset train = ShardDataset.open(windowsDir, Split.TRAIN);
             ShardDataset val = Files.isDirectory(windowsDir.resolve(Split.VAL.id())) ? ShardDataset.open(windowsDir, Split.VAL) : null) {
            return train(train, val, checkpointDir, cfg, resume, force, windowsReference(windowsDir));
        }
    }

    /** Trains on already opened datasets; {@code inputs} describes them for provenance (hashes, normaliser). */
    public static TrainResult train(WindowDataset train, WindowDataset val, Path checkpointDir, Config cfg, ResumeMode resume,
                                    boolean force, Inputs inputs) {
        log.info("ND4J backend: {}", Backend.describe());
        TrainSettings settings = TrainSettings.from(cfg);
        ModelConfig wanted = ModelConfig.from(cfg);
        if (train.size() == 0) throw new UserException("the training split has no windows; add data or lower window.min_sequence_frames");
        if (train.assetClasses() != wanted.assetClasses()) {
            throw new UserException("the windows were made with " + train.assetClasses() + " asset classes but model.asset_classes is "
                    + wanted.assetClasses() + "; set model.asset_classes=" + train.assetClasses() + " or re-run `auto-editor window`");
        }
        CheckpointStore store = new CheckpointStore(checkpointDir);
        Path from = resume.resume() ? (resume.path() != null ? resume.path() : checkpointDir) : null;
        boolean resuming = from != null && (resume.path() != null || Files.exists(store.jsonOf(CheckpointStore.LAST)));
        if (from != null && !resuming) log.info("--resume: no checkpoint in {} yet, starting from the beginning", checkpointDir);
        if (!resuming && !force && Files.exists(store.jsonOf(CheckpointStore.LAST))) {
            throw new UserException(checkpointDir + " already holds checkpoints; pass --resume to continue them or --force to start over");
        }

        TransformerModel model;
        Trainer.Start start;
        int epochsWithoutImprovement = 0;
        if (resuming) {
            Path json = Files.isDirectory(from) ? from.resolve(CheckpointStore.LAST + ".json") : from;
            CheckpointInfo info = CheckpointStore.read(json);
            checkCompatible(info, wanted, cfg, json);
            model = CheckpointStore.loadModel(json, info);
            start = new Trainer.Start(info.position(), info.step(), info.bestValLoss(), info.valLoss());
            epochsWithoutImprovement = info.epochsWithoutImprovement();
            log.info("resuming from {} at epoch {}, batch {}, step {}", from, info.position().epoch() + 1, info.position().batch(), info.step());
        } else {
            model = TransformerModel.create(wanted, settings.seedFor("init"));
            start = Trainer.Start.BEGINNING;
        }
        log.info("model: {} parameters ({})", model.parameterCount(), wanted);

        BatchIterator.Options batching = BatchIterator.Options.training(cfg);
        int perEpoch = BatchIterator.batchesPerEpoch(train.size(), batching.batchSize(), batching.dropLast());
        CheckpointWriter writer = new CheckpointWriter(store, settings, new LinkedHashMap<>(cfg.asMap()), inputs.normaliser(),
                provenance(cfg, inputs), perEpoch);
        String lastGood = Files.exists(store.jsonOf(CheckpointStore.LAST)) ? store.jsonOf(CheckpointStore.LAST).toString() : "none written yet";
        try (MetricsWriter metrics = new MetricsWriter(checkpointDir.resolve("metrics"), start.step())) {
            ProgressListener progress = new ProgressListener(settings.logEvery());
            List<TrainingListener> listeners = List.of(metrics, progress, new DivergenceGuard(settings.maxGradNormExplosion(), lastGood));
            Trainer trainer = new Trainer(model, settings, batching, BatchIterator.Options.evaluation(cfg), train, val, writer,
                    new EarlyStopping(settings.patience(), epochsWithoutImprovement), listeners);
            try {
                TrainResult r = trainer.fit(start);
                log.info("pretrain done: {} epochs, {} steps, best validation loss {}", r.epochsDone(), r.steps(), r.bestValLoss());
                return r;
            } finally {
                progress.onTrainingEnd(null);
            }
        }
    }

    /** Fails, naming the settings, when the config asks for another architecture or breaks exact resume. */
    static void checkCompatible(CheckpointInfo info, ModelConfig wanted, Config cfg, Path from) {
        List<String> diffs = new ArrayList<>(info.model().differences(wanted));
        for (String key : TrainSettings.RESUME_INVARIANTS) {
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

    /** What the training data was: hashes of the windows' summary and indexes, and the normaliser used. */
    public record Inputs(Map<String, Object> hashes, Map<String, Object> normaliser) {
        public static Inputs of(String description) {
            return new Inputs(OrderedMaps.of("data", description), Map.of());
        }
    }

    @SuppressWarnings("unchecked")
    static Inputs windowsReference(Path windowsDir) {
        Map<String, Object> hashes = new LinkedHashMap<>();
        Map<String, Object> normaliser = new LinkedHashMap<>();
        try {
            Path summary = windowsDir.resolve(Windower.SUMMARY);
            if (Files.isRegularFile(summary)) {
                hashes.put(Windower.SUMMARY, Hashing.sha256(summary));
                Map<String, Object> doc = new ObjectMapper().readValue(summary.toFile(), Map.class);
                Map<String, Object> source = (Map<String, Object>) doc.getOrDefault("source", Map.of());
                Object sha = source.get("normaliser_sha256");
                normaliser.put("sha256", sha);
                normaliser.put("method", source.get("normaliser_method"));
                Path guess = windowsDir.toAbsolutePath().normalize().resolveSibling("preprocessed").resolve(Preprocessor.NORMALISER);
                if (Files.isRegularFile(guess) && Hashing.sha256(guess).equals(sha)) normaliser.put("path", guess.toString());
            }
            for (Split s : Split.values()) {
                Path index = windowsDir.resolve(s.id()).resolve("index.json");
                if (Files.isRegularFile(index)) hashes.put(s.id() + "/index.json", Hashing.sha256(index));
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + windowsDir + ": " + e.getMessage(), e);
        }
        hashes.put("windows_dir", windowsDir.toAbsolutePath().normalize().toString());
        return new Inputs(hashes, normaliser);
    }

    private static Map<String, Object> provenance(Config cfg, Inputs inputs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tool", "auto-editor");
        p.put("version", Version.version());
        p.put("dl4j", Version.dl4j());
        p.put("phase", "pretrain");
        p.put("time", OutputTime.now());
        p.put("seed", cfg.getLong("seed"));
        p.put("config_sha256", cfg.hashOf(TrainSettings.INPUT_KEYS));
        p.put("inputs", inputs.hashes());
        return p;
    }
}
