package dev.autoeditor.train.eval;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.util.Progress;
import dev.autoeditor.util.UserException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores predictors side by side. First each predictor's cut threshold is tuned on the validation
 * split: every threshold of {@link #THRESHOLDS} is tried and the one with the best cut-point F1 kept
 * (ties to the one nearest 0.5). Then every predictor is scored on the evaluation split with its own
 * threshold. All predictors see the same batches in the same order.
 */
public final class Evaluator {
    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);

    /** Change-probability thresholds tried on the validation split: fine at the low end, where cuts are rare. */
    public static final double[] THRESHOLDS = {
        0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
        0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99,
    };
    /** Used when the validation split is empty. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final Normaliser normaliser;
    private final int tolerance;
    private final int batchSize;
    private final int maxWindows;

    /**
     * @param tolerance  cut matching tolerance in sampled frames
     * @param batchSize  windows per predictor call
     * @param maxWindows windows used from each split, 0 = all
     */
    public Evaluator(Normaliser normaliser, int tolerance, int batchSize, int maxWindows) {
        if (tolerance < 0) throw new IllegalArgumentException("tolerance must be >= 0");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1");
        this.normaliser = normaliser;
        this.tolerance = tolerance;
        this.batchSize = batchSize;
        this.maxWindows = maxWindows;
    }

    /** Tunes each predictor's threshold on {@code validation} (may be null or empty). */
    public double[] tuneThresholds(List<FramePredictor> predictors, WindowDataset validation) {
        double[] chosen = new double[predictors.size()];
        java.util.Arrays.fill(chosen, DEFAULT_THRESHOLD);
        if (validation == null || validation.size() == 0) {
            log.warn("validation split is empty: cut threshold {} for every predictor", DEFAULT_THRESHOLD);
            return chosen;
        }
        List<CutScorer> tuners = new ArrayList<>();
        for (int i = 0; i < predictors.size(); i++) tuners.add(new CutScorer(THRESHOLDS, tolerance));
        int classes = validation.assetClasses();
        forEachBatch(validation, "tune thresholds", batch -> {
            for (int i = 0; i < predictors.size(); i++) {
                tuners.get(i).add(batch, check(predictors.get(i), predictors.get(i).predict(batch), batch, classes));
            }
        });
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = tuners.get(i).bestThreshold();
            log.info("{}: cut threshold {} (validation)", predictors.get(i).name(), chosen[i]);
        }
        return chosen;
    }

    /** Scores every predictor on {@code split} with the given thresholds. */
    public List<PredictorMetrics> score(List<FramePredictor> predictors, double[] thresholds, WindowDataset split) {
        List<FrameScorer> frames = new ArrayList<>();
        List<CutScorer> cuts = new ArrayList<>();
        for (double threshold : thresholds) {
            frames.add(new FrameScorer(normaliser));
            cuts.add(new CutScorer(new double[] {threshold}, tolerance));
        }
        forEachBatch(split, "evaluate", batch -> {
            for (int i = 0; i < predictors.size(); i++) {
                Predictions p = check(predictors.get(i), predictors.get(i).predict(batch), batch, split.assetClasses());
                frames.get(i).add(batch, p);
                cuts.get(i).add(batch, p);
            }
        });
        List<PredictorMetrics> out = new ArrayList<>();
        for (int i = 0; i < predictors.size(); i++) {
            out.add(PredictorMetrics.of(predictors.get(i).name(), thresholds[i], frames.get(i), cuts.get(i).counts(0)));
        }
        return out;
    }

    /** Windows of {@code data} this evaluator uses. */
    public int windowsUsed(WindowDataset data) {
        return maxWindows > 0 ? Math.min(maxWindows, data.size()) : data.size();
    }

    private void forEachBatch(WindowDataset data, String task, java.util.function.Consumer<WindowBatch> action) {
        int n = windowsUsed(data);
        try (Progress progress = Progress.start(task, n, "windows")) {
            for (int start = 0; start < n; start += batchSize) {
                int size = Math.min(batchSize, n - start);
                action.accept(Batches.read(data, start, size));
                progress.step(size);
            }
        }
    }

    private static Predictions check(FramePredictor predictor, Predictions p, WindowBatch batch, int classes) {
        if (p.size() != batch.size() || p.length() != batch.length()) {
            throw new IllegalStateException(predictor.name() + " returned predictions of shape [" + p.size() + ", " + p.length()
                    + "] for a batch of [" + batch.size() + ", " + batch.length() + "]");
        }
        if (p.classes() != classes) {
            throw new UserException(predictor.name() + " predicts " + p.classes() + " asset classes but the windows have "
                    + classes + "; evaluate on windows made with model.asset_classes=" + p.classes());
        }
        return p;
    }
}
