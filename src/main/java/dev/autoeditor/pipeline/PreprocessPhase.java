package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.PreprocessResult;
import dev.autoeditor.data.Preprocessor;
import java.util.ArrayList;
import java.util.List;

/** Phase 4: project-level splits and the normaliser fitted on train, into data/preprocessed/. */
public final class PreprocessPhase extends DeclaredPhase {
    public static final String NAME = "preprocess";

    /** Format 2: splits.json carries the sample rate; the normaliser can come from a model (preprocess.normaliser). */
    public PreprocessPhase() {
        super(NAME, 2, List.of(ConvertPhase.NAME), List.of(RunLayout.PREPROCESSED));
    }

    @Override
    public List<String> configKeys(Config config) {
        List<String> keys = new ArrayList<>(config.keysUnder("preprocess"));
        keys.add("seed");
        return keys;
    }

    @Override
    public void run(PhaseContext context) {
        PreprocessResult r = Preprocessor.run(context.layout().keyframes(), context.layout().preprocessed(), context.config(), true);
        context.note("rows", r.rows());
        context.note("projects", r.projects());
    }
}
