package dev.autoeditor.rl;

import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.SyntheticWindows;
import dev.autoeditor.model.TransformerModel;
import java.util.List;

/** Small models and windows for the RLHF tests: everything in memory, seconds to run. */
final class Tiny {
    /** 4 asset classes, dropout on (it must be off in rollouts and updates). */
    static final ModelConfig MODEL = new ModelConfig(16, 2, 1, 32, 0.1, 4, 4);
    static final int CONTEXT = 6;
    static final int HORIZON = 5;
    static final DataSpec SPEC = new DataSpec("5", 12, 6, 10, MODEL.assetClasses(), Normaliser.identity());

    private Tiny() {}

    static SyntheticWindows windows(int n, long seed) {
        return new SyntheticWindows(n, 12, MODEL.assetClasses(), seed);
    }

    static ContextPool pool(int n, long seed) {
        return ContextPool.of(List.of(windows(n, seed)), CONTEXT, 3);
    }

    /** The rlhf phase's sampler for the tiny models, with the default generate.* settings. */
    static GeneratorSampler sampler() {
        return GeneratorSampler.of(SPEC, GenerateSettings.from(ConfigLoader.defaults()));
    }

    /** {@code n} continuations of the pool's first contexts by {@code model}, seeds 100, 101, ... */
    static Continuations rollouts(TransformerModel model, ContextPool pool, int n) {
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) seeds[i] = 100 + i;
        WindowBatch contexts = pool.batch(pool.refs().subList(0, n), CONTEXT);
        return sampler().sample(model, contexts, CONTEXT, HORIZON, 1.0, seeds);
    }
}
