package dev.autoeditor.train.eval;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.FrameModel;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Network;
import dev.autoeditor.train.Calibration;
import dev.autoeditor.train.Calibrator;
import dev.autoeditor.train.TrainingWindows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes a frame predictor's cut threshold, and those of the two baselines, on the validation split
 * at {@code evaluate.cut_tolerance}, and measures the training split's per-track cut rates: the same
 * computation as {@code evaluate --data} (so the numbers agree), done once when training ends and
 * stored in every checkpoint, for {@code evaluate --input} on exports the model has never seen.
 */
public final class ThresholdCalibrator implements Calibrator {
    private static final Logger log = LoggerFactory.getLogger(ThresholdCalibrator.class);
    private final WindowDataset train;
    private final WindowDataset val;
    private final Settings settings;

    /** The evaluate.* settings the calibration depends on, and the seed of the random cutter. */
    public record Settings(int cutTolerance, int batchSize, int maxWindows, long seed) {
        public static Settings from(Config cfg) {
            return new Settings(cfg.getInt("evaluate.cut_tolerance", 0, 1000), cfg.getInt("evaluate.batch_size", 1, 1 << 16),
                    cfg.getInt("evaluate.max_windows", 0, Integer.MAX_VALUE), cfg.getLong("seed"));
        }
    }

    public ThresholdCalibrator(WindowDataset train, WindowDataset val, Settings settings) {
        this.train = train;
        this.val = val;
        this.settings = settings;
    }

    /** Calibrates on a training run's windows. */
    public static ThresholdCalibrator of(Config cfg, TrainingWindows windows) {
        return new ThresholdCalibrator(windows.train(), windows.val(), Settings.from(cfg));
    }

    @Override
    public Calibration calibrate(Network network) {
        if (!(network instanceof FrameModel model)) return null;
        Calibration c = tune(ModelUnderTest.of(model.frameTransformer()), train, val, settings);
        log.info("calibrated on {} validation windows: cut thresholds {}", c.valWindows(), c.thresholds());
        return c;
    }

    /** The model, persistence and the rate-matched random cutter, in the order reports list them. */
    static List<FramePredictor> predictors(FramePredictor model, int classes, double[] cutRates, long seed) {
        return List.of(model, new Persistence(classes), new RandomCutter(classes, cutRates, EvaluationRun.cutterSeed(seed)));
    }

    /** Cut rates of {@code train} and every predictor's threshold tuned on {@code val} (null or empty: the default). */
    static Calibration tune(FramePredictor model, WindowDataset train, WindowDataset val, Settings s) {
        CutRates rates = CutRates.measure(train, s.batchSize(), 0);
        List<FramePredictor> predictors = predictors(model, train.assetClasses(), rates.perTrack(), s.seed());
        Evaluator evaluator = new Evaluator(null, s.cutTolerance(), s.batchSize(), s.maxWindows());
        double[] thresholds = evaluator.tuneThresholds(predictors, val);
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int i = 0; i < predictors.size(); i++) byName.put(predictors.get(i).name(), thresholds[i]);
        List<Double> perTrack = new ArrayList<>();
        for (double r : rates.perTrack()) perTrack.add(r);
        boolean tuned = val != null && val.size() > 0;
        return new Calibration(s.cutTolerance(), s.maxWindows(), tuned ? "val" : "default", byName, perTrack, rates.overall(),
                rates.cuts(), rates.positions(), train.size(), tuned ? evaluator.windowsUsed(val) : 0);
    }
}
