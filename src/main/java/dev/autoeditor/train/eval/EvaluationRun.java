package dev.autoeditor.train.eval;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.ShardIndex;
import dev.autoeditor.data.Split;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.Backend;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.train.Calibration;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An evaluation of a model beside the two baselines. On the window shards of a run ({@link #run}):
 * the training split gives the random cutter its per-track cut rates, the validation split tunes every
 * predictor's cut threshold, and the chosen split (the test split by default) is scored. On windows of
 * new exports ({@link #runCalibrated}): the thresholds and cut rates come from the model's checkpoint.
 */
public final class EvaluationRun {
    private static final Logger log = LoggerFactory.getLogger(EvaluationRun.class);

    private EvaluationRun() {}

    /**
     * What to evaluate.
     *
     * @param model      the model's predictor
     * @param modelInfo  the model's description (checkpoint path, SHA-256, step...), copied into the report
     * @param windowsDir folder written by {@code auto-editor window} (train/, val/, test/)
     * @param split      the split to score
     * @param normaliser the normaliser the windows were made with
     * @param normaliserInfo where the normaliser came from (file or checkpoint, SHA-256)
     */
    public record Inputs(FramePredictor model, Map<String, Object> modelInfo, Path windowsDir, Split split,
                         Normaliser normaliser, Map<String, Object> normaliserInfo) {}

    public static EvaluationReport run(Inputs in, Config cfg) {
        ThresholdCalibrator.Settings s = ThresholdCalibrator.Settings.from(cfg);
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
            // The same computation a checkpoint's calibration stores, here on these windows.
            Calibration c = ThresholdCalibrator.tune(in.model(), train, val, s);
            log.info("training split: {} windows, cut rate {} per track-frame", train.size(), String.format("%.4f", c.overallRate()));
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("model", in.modelInfo());
            inputs.put("windows", windowsInfo(in.windowsDir(), List.of(train, val, scored), s.maxWindows(), scored));
            inputs.put("normaliser", in.normaliserInfo());
            return score(in.model(), scored, in.split().id(), in.normaliser(), c, c.thresholdFrom(), cfg, inputs);
        }
    }

    /**
     * Scores {@code model} on {@code scored} (windows of exports it has never seen) with the thresholds
     * and training cut rates of its checkpoint: {@code "threshold_from": "checkpoint"}.
     *
     * @param inputs what the report's provenance says was read (model, exports, conversion)
     */
    public static EvaluationReport runCalibrated(FramePredictor model, WindowDataset scored, String split, Normaliser normaliser,
                                                 Calibration calibration, Config cfg, Map<String, Object> inputs) {
        if (scored.size() == 0) {
            throw new UserException("the exports gave no windows (every sequence is shorter than the model's min_sequence_frames); "
                    + "evaluate on longer sequences");
        }
        return score(model, scored, split, normaliser, calibration, "checkpoint", cfg, inputs);
    }

    private static EvaluationReport score(FramePredictor model, WindowDataset scored, String split, Normaliser normaliser,
                                          Calibration c, String thresholdFrom, Config cfg, Map<String, Object> inputs) {
        ThresholdCalibrator.Settings s = ThresholdCalibrator.Settings.from(cfg);
        int tolerance = c.cutTolerance();
        CutRates rates = new CutRates(c.cutRatesArray(), c.overallRate(), c.cuts(), c.positions());
        List<FramePredictor> predictors = ThresholdCalibrator.predictors(model, scored.assetClasses(), rates.perTrack(), s.seed());
        double[] thresholds = new double[predictors.size()];
        for (int i = 0; i < thresholds.length; i++) thresholds[i] = c.threshold(predictors.get(i).name());
        Evaluator evaluator = new Evaluator(normaliser, tolerance, s.batchSize(), s.maxWindows());
        List<PredictorMetrics> metrics = evaluator.score(predictors, thresholds, scored);

        Provenance provenance = Provenance.of("evaluate", s.seed(), cfg.select(List.of("evaluate", "seed")), inputs)
                .withNote("random_cutter_seed", cutterSeed(s.seed()))
                .withNd4j(Backend.describe());
        return new EvaluationReport(split, evaluator.windowsUsed(scored), tolerance, rates, thresholdFrom, metrics, provenance.toMap());
    }

    private static Map<String, Object> windowsInfo(Path dir, List<ShardDataset> splits, int maxWindows, ShardDataset scored) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("dir", dir.toAbsolutePath().normalize().toString());
        info.put("max_windows", maxWindows);
        for (ShardDataset d : splits) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("windows", d.size());
            s.put("index_sha256", Hashing.sha256Unchecked(d.dir().resolve(ShardIndex.NAME)));
            info.put(d.index().split(), s);
        }
        return info;
    }

    /** The random cutter's seed: an independent stream of the master seed. */
    static long cutterSeed(long seed) {
        return Seeds.derive(seed, "evaluate.random-cutter");
    }
}
