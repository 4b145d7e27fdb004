package dev.autoeditor.data;

import dev.autoeditor.config.Config;
import java.util.List;

/**
 * The preprocess.* settings (and the master seed), read and range-checked once.
 *
 * @param trainFraction  share of project groups in the training split
 * @param valFraction    share in validation; the rest is the test split
 * @param normaliser     how the normaliser is fitted: standard or robust (preprocess.normaliser_method)
 * @param dropDuplicates drop exact re-exports, keeping the first by name
 * @param robustSample   values per field kept to estimate the robust normaliser's quantiles
 * @param seed           the master seed (splits and the robust reservoir derive from it)
 */
public record PreprocessSettings(double trainFraction, double valFraction, String normaliser, boolean dropDuplicates,
                                 int robustSample, long seed) {
    /**
     * The config keys {@link #from} and {@link NormaliserSource#from} read: the preprocess phase's
     * inputs and its outputs' provenance.
     */
    public static final List<String> KEYS = List.of(
            "seed", "preprocess.drop_duplicates", "preprocess.normaliser", "preprocess.normaliser_method", "preprocess.normaliser_model",
            "preprocess.robust_sample",
            "preprocess.train_fraction", "preprocess.val_fraction");

    public static PreprocessSettings from(Config cfg) {
        return new PreprocessSettings(
                cfg.getDouble("preprocess.train_fraction"),
                cfg.getDouble("preprocess.val_fraction"),
                cfg.getChoice("preprocess.normaliser_method", "standard", "robust"),
                cfg.getBoolean("preprocess.drop_duplicates"),
                cfg.getInt("preprocess.robust_sample", 1000, 50_000_000),
                cfg.getLong("seed"));
    }
}
