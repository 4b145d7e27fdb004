package dev.autoeditor.rl;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.SyntheticWindows;
import dev.autoeditor.model.TransformerModel;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark entry point (not a test): {@code RolloutSpeedBench [ROUNDS] [BATCH]} samples rounds of
 * {@code BATCH} continuations (default 128, rlhf.sample_batch) of the default sizes (20 frames of
 * context, 30 sampled) with the default model's architecture (weights from a seed: speed does not
 * depend on their values) and prints the wall and process CPU time, continuations and frames per second
 * of each round (docs/rlhf.md, "Rollout speed"; the first rounds include the JIT's warm-up).
 */
public final class RolloutSpeedBench {
    private RolloutSpeedBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        Config cfg = ConfigLoader.defaults();
        RlhfSettings s = RlhfSettings.from(cfg);
        ModelConfig mc = ModelConfig.from(cfg);
        TransformerModel model = TransformerModel.create(mc, 1);
        int length = cfg.getInt("window.length", 2, 100_000);
        ContextPool pool = ContextPool.of(List.of(new SyntheticWindows(96, length, mc.assetClasses(), 7)), s.contextFrames(), s.contextStep());
        DataSpec spec = new DataSpec("5", length, length / 2, 10, mc.assetClasses(), Normaliser.identity());
        RolloutSampler sampler = GeneratorSampler.of(spec, GenerateSettings.from(cfg));
        System.out.printf(Locale.ROOT, "%d rows x (%d + %d) frames, %d contexts in the pool%n", batch, s.contextFrames(), s.horizon(), pool.size());
        OperatingSystemMXBean cpu = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            List<ContextPool.Ref> refs = new ArrayList<>();
            long[] seeds = new long[batch];
            for (int i = 0; i < batch; i++) {
                refs.add(pool.get((round * batch + i) % pool.size()));
                seeds[i] = 1000L * round + i;
            }
            WindowBatch contexts = pool.batch(refs, s.contextFrames());
            long cpu0 = cpu.getProcessCpuTime();
            long t0 = System.nanoTime();
            Continuations c = sampler.sample(model, contexts, s.contextFrames(), s.horizon(), 1.0, seeds);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (cpu.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %.2f s (%.2f s CPU), %.1f continuations/s, %.0f frames/s (log-prob sum %.1f)%n", round + 1, seconds,
                    cpuSeconds, c.size() / seconds, c.size() * (double) s.horizon() / seconds, Arrays.stream(c.logProbs()).sum());
        }
    }
}
