package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.PreprocessResult;
import dev.autoeditor.data.Preprocessor;
import java.util.ArrayList;
import java.util.List;

/** Phase 4: project-level splits and the normaliser fitted on train, into data/preprocessed/. */
public final class PreprocessPhase implements Phase {
    public static final String NAME = "preprocess";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public List<String> configKeys(Config config) {
        List<String> keys = new ArrayList<>(config.keysUnder("preprocess"));
        keys.add("seed");
        return keys;
    }

    @Override
    public List<String> upstream() {
        return List.of(ConvertPhase.NAME);
    }

    @Override
    public List<String> outputs() {
        return List.of(RunLayout.PREPROCESSED);
    }

    @Override
    public void run(PhaseContext context) {
        PreprocessResult r = Preprocessor.run(context.layout().keyframes(), context.layout().preprocessed(), context.config(), true);
        context.note("rows", r.rows());
        context.note("projects", r.projects());
    }
}
