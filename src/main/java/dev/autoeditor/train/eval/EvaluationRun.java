package dev.autoeditor.train.eval;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.OutputTime;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import dev.autoeditor.util.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An evaluation of a model beside the two baselines on the window shards of a run: the training split
 * gives the random cutter its per-track cut rates, the validation split tunes every predictor's cut
 * threshold, and the chosen split (the test split by default) is scored.
 */
public final class EvaluationRun {
    private static final Logger log = LoggerFactory.getLogger(EvaluationRun.class);

    private EvaluationRun() {}

    /**
     * What to evaluate.
     *
     * @param model      the model's predictor
     * @param modelInfo  the model's provenance (checkpoint path, SHA-256, step...), copied into the report
     * @param windowsDir folder written by {@code auto-editor window} (train/, val/, test/)
     * @param split      the split to score
     * @param normaliser the normaliser the windows were made with
     * @param normaliserInfo where the normaliser came from (file, SHA-256)
     */
    public record Inputs(FramePredictor model, Map<String, Object> modelInfo, Path windowsDir, Split split,
                         Normaliser normaliser, Map<String, Object> normaliserInfo) {}

    public static EvaluationReport run(Inputs in, Config cfg) {
        int tolerance = cfg.getInt("evaluate.cut_tolerance", 0, 1000);
        int maxWindows = cfg.getInt("evaluate.max_windows", 0, Integer.MAX_VALUE);
        int batchSize = cfg.getInt("evaluate.batch_size", 1, 1 << 16);
        long seed = cfg.getLong("seed");
        try (ShardDataset train = ShardDataset.open(in.windowsDir(), Split.TRAIN);
             ShardDataset val = ShardDataset.open(in.windowsDir(), Split.VAL);
             ShardDataset scored = ShardDataset.open(in.windowsDir(), in.split())) {
            if (scored.size() == 0) {
                throw new UserException(in.windowsDir().resolve(in.split().id()) + " holds no windows; choose another --split "
                        + "or give the corpus more projects (preprocess.train_fraction / val_fraction)");
            }
            int classes = scored.assetClasses();
            for (WindowDataset d : List.of(train, val)) {
                if (d.assetClasses() != classes) {
                    throw new UserException(in.windowsDir() + ": splits disagree on asset classes (" + d.assetClasses() + " vs "
                            + classes + "); re-run `auto-editor window --force`");
                }
            }
            CutRates rates = CutRates.measure(train, batchSize, 0);
            log.info("training split: {} windows, cut rate {} per track-frame", train.size(), String.format("%.4f", rates.overall()));
            long cutterSeed = Seeds.derive(seed, "evaluate.random-cutter");
            List<FramePredictor> predictors = List.of(in.model(), new Persistence(classes),
                    new RandomCutter(classes, rates.perTrack(), cutterSeed));

            Evaluator evaluator = new Evaluator(in.normaliser(), tolerance, batchSize, maxWindows);
            boolean tuned = val.size() > 0;
            double[] thresholds = evaluator.tuneThresholds(predictors, val);
            List<PredictorMetrics> metrics = evaluator.score(predictors, thresholds, scored);

            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("tool", "auto-editor");
            provenance.put("version", Version.version());
            provenance.put("phase", "evaluate");
            provenance.put("time", OutputTime.now());
            provenance.put("seed", seed);
            provenance.put("random_cutter_seed", cutterSeed);
            List<String> keys = new ArrayList<>(cfg.keysUnder("evaluate"));
            keys.add("seed");
            provenance.put("config_sha256", cfg.hashOf(keys));
            Map<String, Object> settings = new LinkedHashMap<>();
            for (String k : keys) settings.put(k, cfg.get(k));
            provenance.put("config", settings);
            provenance.put("model", in.modelInfo());
            provenance.put("windows", windowsInfo(in.windowsDir(), List.of(train, val, scored), maxWindows, evaluator));
            provenance.put("normaliser", in.normaliserInfo());
            return new EvaluationReport(in.split().id(), evaluator.windowsUsed(scored), tolerance, rates,
                    tuned ? "val" : "default", metrics, provenance);
        }
    }

    private static Map<String, Object> windowsInfo(Path dir, List<ShardDataset> splits, int maxWindows, Evaluator evaluator) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("dir", dir.toAbsolutePath().normalize().toString());
        info.put("max_windows", maxWindows);
        for (ShardDataset d : splits) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("windows", d.size());
            s.put("index_sha256", Hashing.sha256Unchecked(d.dir().resolve(dev.autoeditor.data.ShardIndex.NAME)));
            info.put(d.index().split(), s);
        }
        return info;
    }
}
