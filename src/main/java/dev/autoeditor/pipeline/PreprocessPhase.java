package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.PreprocessResult;
import dev.autoeditor.data.PreprocessSettings;
import dev.autoeditor.data.Preprocessor;
import java.util.List;

/** Project-level splits and the normaliser fitted on train, into a data tree's preprocessed/. */
public final class PreprocessPhase extends DeclaredPhase {
    /** The name on the main tree; {@link DataTree#phaseName} names it on another. */
    public static final String NAME = "preprocess";
    private final DataTree tree;

    /** Format 2: splits.json carries the sample rate; the normaliser can come from a model (preprocess.normaliser). */
    public PreprocessPhase(DataTree tree) {
        super(tree.phaseName(NAME), 2, List.of(tree.phaseName(ConvertPhase.NAME)), List.of(tree.preprocessed()));
        this.tree = tree;
    }

    @Override
    public boolean enabled(Config config) {
        return tree.enabled(config);
    }

    @Override
    public List<String> configKeys(Config config) {
        return PreprocessSettings.KEYS;
    }

    @Override
    public void checkSettings(Config config) {
        Preprocessor.checkSettings(config);
    }

    @Override
    public void run(PhaseContext context) {
        PreprocessResult r = Preprocessor.run(context.path(tree.keyframes()), context.path(tree.preprocessed()), context.config(), true);
        context.note("rows", r.rows());
        context.note("projects", r.projects());
    }
}
