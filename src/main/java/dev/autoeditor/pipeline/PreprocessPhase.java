package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.PreprocessResult;
import dev.autoeditor.data.PreprocessSettings;
import dev.autoeditor.data.Preprocessor;
import dev.autoeditor.util.OrderedMaps;
import java.util.ArrayList;
import java.util.List;

/**
 * Project-level splits and the normaliser, into a data tree's preprocessed/. On the main tree the
 * normaliser is fitted on the training split (or taken from a model, as preprocess.normaliser says);
 * on a tree that feeds a model phase starting from a trained model (fine-tuning), it is always that
 * model's normaliser, never refitted, so the new data is in the units the model was trained in.
 */
public final class PreprocessPhase extends DeclaredPhase {
    /** The name on the main tree; {@link DataTree#phaseName} names it on another. */
    public static final String NAME = "preprocess";
    /** Settings this phase replaces when the normaliser comes from the starting model. */
    private static final List<String> FROM_MODEL_KEYS = List.of("preprocess.normaliser", "preprocess.normaliser_model");
    private final DataTree tree;
    private final String normaliserFrom;

    /** Format 2: splits.json carries the sample rate; the normaliser can come from a model (preprocess.normaliser). */
    public PreprocessPhase(DataTree tree) {
        this(tree, null);
    }

    /**
     * @param normaliserFrom the model phase whose model the tree's model phase starts from (in the full
     *                       pipeline; the orchestrator substitutes the last enabled one): its checkpoint's
     *                       normaliser is reused; null to follow preprocess.normaliser
     */
    public PreprocessPhase(DataTree tree, String normaliserFrom) {
        super(tree.phaseName(NAME), 2, upstream(tree, normaliserFrom), List.of(tree.preprocessed()));
        this.tree = tree;
        this.normaliserFrom = normaliserFrom;
    }

    private static List<String> upstream(DataTree tree, String model) {
        List<String> up = new ArrayList<>(List.of(tree.phaseName(ConvertPhase.NAME)));
        if (model != null) up.add(model);
        return up;
    }

    @Override
    public boolean enabled(Config config) {
        return tree.enabled(config);
    }

    @Override
    public List<String> configKeys(Config config) {
        if (normaliserFrom == null) return PreprocessSettings.KEYS;
        List<String> keys = new ArrayList<>(PreprocessSettings.KEYS);
        keys.removeAll(FROM_MODEL_KEYS);
        return keys;
    }

    @Override
    public void checkSettings(Config config) {
        Preprocessor.checkSettings(config);
    }

    @Override
    public void run(PhaseContext context) {
        Config cfg = context.config();
        if (normaliserFrom != null) {
            ModelSource model = context.sourceModel();
            cfg = cfg.with(OrderedMaps.of("preprocess.normaliser", "from_model",
                    "preprocess.normaliser_model", model.checkpoint().toAbsolutePath().toString()));
            context.note("normaliser_from", model.phase());
            context.note("normaliser_model", context.layout().root().relativize(model.checkpoint().toAbsolutePath()).toString());
        }
        PreprocessResult r = Preprocessor.run(context.path(tree.keyframes()), context.path(tree.preprocessed()), cfg, true);
        context.note("rows", r.rows());
        context.note("projects", r.projects());
    }
}
