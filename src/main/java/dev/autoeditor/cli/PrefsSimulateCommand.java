package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.pipeline.DataTree;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.prefs.Pair;
import dev.autoeditor.prefs.PairStore;
import dev.autoeditor.prefs.RuleJudge;
import dev.autoeditor.rl.ContextPool;
import dev.autoeditor.rl.GeneratorSampler;
import dev.autoeditor.rl.PairSimulator;
import dev.autoeditor.rl.RlhfSettings;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.OutputTime;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code auto-editor prefs simulate --pairs N}: pairs sampled from a model on training contexts and
 * decided by the rule-based judge (docs/prefs.md), appended to a pair file; the tie rate and a histogram
 * of the judge's score margins are printed.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Make preference pairs without a person: continue training contexts with the model "
                + "(rlhf.simulate.samples_per_context samples each at rlhf.simulate.temperature, rlhf.context_frames of context, "
                + "rlhf.horizon_frames sampled), and let the rule-based judge (prefs.judge.*) prefer one of every two."},
        footer = {"", "Pairs already in the output are not added again. Prints the tie rate and the judge's score margins.",
                "Example: auto-editor prefs simulate --pairs 600 --run-dir runs/mine"})
public final class PrefsSimulateCommand extends BaseCommand {
    /** Upper edges of the margin histogram's bins (the first is the default tie tolerance). */
    static final double[] EDGES = {0.02, 0.1, 0.25, 0.5, 1, 2, 4};

    @Option(names = "--pairs", required = true, paramLabel = "N", description = "How many pairs to make.")
    int pairs;

    @Option(names = "--model", paramLabel = "CKPT", description = "The model sampled from (a .json or a folder); default: the run's final model.")
    Path model;

    @Option(names = "--windows", paramLabel = "DIR",
            description = "Windows whose training split gives the contexts; default: the run's fine-tuning windows when present, else its main windows.")
    Path windows;

    @Option(names = "--output", paramLabel = "PAIRS.jsonl", description = "The pair file to append to; default: <run-dir>/" + PairStore.DEFAULT_FILE + ".")
    Path output;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the contexts and samples; default: the config's seed. Another seed gives other pairs.")
    Long seed;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (pairs < 1) throw new UserException("--pairs must be at least 1, got " + pairs);
        Config cfg = config();
        RlhfSettings s = RlhfSettings.from(cfg);
        RunLayout layout = run.layout();
        if (model == null) {
            model = layout.finalModel().orElseThrow(() -> new UserException("no trained model in " + layout.root()
                    + "; pass --model CKPT, or run `auto-editor full-run --run-dir " + layout.root() + "` first"));
        }
        if (windows == null) {
            Path finetune = layout.resolve(DataTree.FINETUNE.windows());
            windows = Files.isDirectory(finetune.resolve(Split.TRAIN.id())) ? finetune : layout.windows();
        }
        if (!Files.isDirectory(windows.resolve(Split.TRAIN.id()))) {
            throw new UserException("no training windows in " + windows + "; pass --windows with a folder written by `auto-editor window`");
        }
        Path target = output != null ? output : layout.resolve(PairStore.DEFAULT_FILE);
        ModelArtifact artifact = ModelArtifact.load(model);
        SamplingRate fps = SamplingRate.parse(artifact.data().requireFixedRate("checkpoint " + artifact.json()), "the model's sample rate");
        s.checkFits(artifact.data().windowLength(), "checkpoint " + artifact.json());
        RuleJudge judge = RuleJudge.fromConfig(cfg);
        long t0 = System.nanoTime();
        PairSimulator.Result r;
        try (ShardDataset train = ShardDataset.open(windows, Split.TRAIN)) {
            ContextPool pool = ContextPool.of(List.of(train), s.contextFrames(), s.contextStep());
            if (pool.size() == 0) throw new UserException(windows + ": no training window has " + s.contextFrames() + " real frames; lower rlhf.context_frames");
            // Sampled as the rlhf phase samples its rollouts: generate's sampler and decoding constraints.
            PairSimulator sim = new PairSimulator(GeneratorSampler.of(artifact.data(), cfg), artifact.frameTransformer(), artifact.info().weightsSha256(),
                    artifact.normaliser(), fps, judge, s.simulator());
            long base = Seeds.derive(seed != null ? seed : cfg.getLong("seed"), "prefs.simulate");
            r = sim.simulate(pool, pairs, base, Instant.parse(OutputTime.now()), made -> { });
        }
        // Decided and appended under the store's lock: pairs another command adds meanwhile are not added twice.
        List<Pair> fresh = new PairStore(target).appendAbsent(r.pairs());
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = out();
        out.printf(Locale.ROOT, "simulated %d pair(s) from %d context(s) of %s in %.1f s; appended %d to %s%s%n", r.pairs().size(), r.contexts(),
                windows, seconds, fresh.size(), target, fresh.size() < r.pairs().size() ? " (" + (r.pairs().size() - fresh.size()) + " already there)" : "");
        out.printf("judge %s%n", judge.identity().id());
        out.printf(Locale.ROOT, "ties %d of %d (%.1f%%)%n", r.ties(), r.pairs().size(), 100.0 * r.ties() / Math.max(1, r.pairs().size()));
        printHistogram(r.marginHistogram(EDGES), out);
        return ExitCodes.OK;
    }

    /** The margin histogram as lines: range, count, a bar. */
    static void printHistogram(int[] counts, PrintWriter out) {
        int total = 0;
        int max = 1;
        for (int c : counts) {
            total += c;
            max = Math.max(max, c);
        }
        out.println("score margin |A - B|   pairs");
        for (int i = 0; i < counts.length; i++) {
            String range = i == 0 ? String.format(Locale.ROOT, "<= %.2f", EDGES[0]) : i < EDGES.length
                    ? String.format(Locale.ROOT, "%.2f - %.2f", EDGES[i - 1], EDGES[i]) : String.format(Locale.ROOT, "> %.2f", EDGES[EDGES.length - 1]);
            out.printf(Locale.ROOT, "  %-18s %6d %5.1f%% %s%n", range, counts[i], 100.0 * counts[i] / Math.max(1, total), "#".repeat((int) Math.round(30.0 * counts[i] / max)));
        }
    }
}
