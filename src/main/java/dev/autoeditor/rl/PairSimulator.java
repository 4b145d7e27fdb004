package dev.autoeditor.rl;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FrameModel;
import dev.autoeditor.prefs.Edit;
import dev.autoeditor.prefs.Judge;
import dev.autoeditor.prefs.ModelRef;
import dev.autoeditor.prefs.Pair;
import dev.autoeditor.prefs.PairContext;
import dev.autoeditor.prefs.PairSide;
import dev.autoeditor.prefs.Verdict;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.Seeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * {@code prefs simulate}: preference pairs sampled from a model and decided by a judge. Contexts are
 * drawn from a {@link ContextPool} by a seeded shuffle; each is continued {@code samplesPerContext}
 * times by the {@link RolloutSampler} at the configured temperature with independent seeds (InstructGPT
 * ranks several samples of one prompt: 4 samples give 6 pairs for the cost of 4 continuations), and
 * every two of them make a pair, judged by the {@link Judge}: the preferred side first, ties recorded
 * as ties. No continuation is corrupted by hand: both sides are what the model samples.
 */
public final class PairSimulator {
    /**
     * @param contextFrames    frames of context
     * @param horizon          frames sampled after it
     * @param temperature      sampling temperature
     * @param samplesPerContext continuations per context (at least 2): every two make a pair
     * @param batchContexts    contexts sampled together (the batch is this times samplesPerContext)
     */
    public record Settings(int contextFrames, int horizon, double temperature, int samplesPerContext, int batchContexts) {
        public Settings {
            if (samplesPerContext < 2) throw new IllegalArgumentException("a pair needs two continuations per context, got " + samplesPerContext);
            if (batchContexts < 1) throw new IllegalArgumentException("batch of " + batchContexts + " contexts");
        }

        int pairsPerContext() {
            return samplesPerContext * (samplesPerContext - 1) / 2;
        }
    }

    /**
     * @param pairs    the pairs, in the order made
     * @param verdicts the judge's verdict of each pair (A = the earlier sample), for tie rates and margins
     * @param contexts contexts continued
     */
    public record Result(List<Pair> pairs, List<Verdict> verdicts, int contexts) {
        public long ties() {
            return verdicts.stream().filter(Verdict::tie).count();
        }

        /**
         * Counts of the judge's score margins |A - B| by bin: bin i holds margins in (edges[i-1], edges[i]]
         * (bin 0 from 0), the last bin everything above the last edge.
         */
        public int[] marginHistogram(double[] edges) {
            int[] counts = new int[edges.length + 1];
            for (Verdict v : verdicts) {
                int bin = 0;
                while (bin < edges.length && v.margin() > edges[bin]) bin++;
                counts[bin]++;
            }
            return counts;
        }
    }

    private final RolloutSampler sampler;
    private final FrameModel model;
    private final String modelSha256;
    private final Normaliser normaliser;
    private final SamplingRate fps;
    private final Judge judge;
    private final Settings settings;

    /**
     * @param modelSha256 the SHA-256 recorded as the model of every side (the checkpoint's weights)
     * @param normaliser  the model's, to give the frames in the table's units
     * @param fps         the model's sample rate
     */
    public PairSimulator(RolloutSampler sampler, FrameModel model, String modelSha256, Normaliser normaliser, SamplingRate fps,
                         Judge judge, Settings settings) {
        this.sampler = sampler;
        this.model = model;
        this.modelSha256 = modelSha256;
        this.normaliser = normaliser;
        this.fps = fps;
        this.judge = judge;
        this.settings = settings;
    }

    /**
     * {@code count} pairs from contexts of {@code pool}: the contexts in the order of a shuffle seeded by
     * {@code seed} (round again, with new samples, when the pool runs out), continuation j of the i-th
     * context drawn with seed {@code Seeds.derive(seed, "prefs.simulate.sample", i * samplesPerContext + j)}.
     *
     * @param time     when the pairs are recorded as judged
     * @param progress told the number of pairs made so far after each batch
     */
    public Result simulate(ContextPool pool, int count, long seed, Instant time, IntConsumer progress) {
        if (pool.size() == 0) throw new IllegalArgumentException("no context to continue");
        if (pool.contextFrames() != settings.contextFrames()) {
            throw new IllegalArgumentException("contexts of " + pool.contextFrames() + " frames, settings say " + settings.contextFrames());
        }
        int contexts = (count + settings.pairsPerContext() - 1) / settings.pairsPerContext();
        int[] order = shuffled(pool.size(), Seeds.derive(seed, "prefs.simulate.contexts"));
        int s = settings.samplesPerContext();
        List<Pair> pairs = new ArrayList<>(count);
        List<Verdict> verdicts = new ArrayList<>(count);
        for (int first = 0; first < contexts && pairs.size() < count; first += settings.batchContexts()) {
            int n = Math.min(settings.batchContexts(), contexts - first);
            List<ContextPool.Ref> refs = new ArrayList<>(n * s);
            long[] seeds = new long[n * s];
            for (int i = 0; i < n; i++) {
                ContextPool.Ref ref = pool.get(order[(first + i) % order.length]);
                for (int j = 0; j < s; j++) {
                    refs.add(ref);
                    seeds[i * s + j] = Seeds.derive(seed, "prefs.simulate.sample", (long) (first + i) * s + j);
                }
            }
            WindowBatch batch = pool.batch(refs, settings.contextFrames());
            Continuations c = sampler.sample(model, batch, settings.contextFrames(), settings.horizon(), settings.temperature(), seeds);
            for (int i = 0; i < n && pairs.size() < count; i++) {
                int row0 = i * s;
                ContextPool.Ref ref = refs.get(row0);
                Edit context = WindowEdits.toEdit(c.frames(), row0, 0, settings.contextFrames(), normaliser, fps);
                PairContext pc = contextOf(ref, context);
                List<PairSide> sides = new ArrayList<>(s);
                for (int j = 0; j < s; j++) {
                    Edit frames = WindowEdits.toEdit(c.frames(), row0 + j, settings.contextFrames(), c.frames().length(), normaliser, fps);
                    sides.add(PairSide.sampled(new ModelRef(modelSha256, seeds[row0 + j], settings.temperature()), frames));
                }
                for (int a = 0; a < s && pairs.size() < count; a++) {
                    for (int b = a + 1; b < s && pairs.size() < count; b++) {
                        Verdict v = judge.compare(context, sides.get(a).frames(), sides.get(b).frames());
                        verdicts.add(v);
                        pairs.add(v.toPair(pc, sides.get(a), sides.get(b), judge.identity(), time));
                    }
                }
            }
            System.gc();
            progress.accept(pairs.size());
        }
        return new Result(pairs, verdicts, contexts);
    }

    /** The pair's context: where the frames lie in their export, in seconds at the model's rate. */
    private PairContext contextOf(ContextPool.Ref ref, Edit frames) {
        double perSecond = (double) fps.numerator() / fps.denominator();
        double start = ref.source().startRow() / perSecond;
        return new PairContext(ref.source().project(), ref.source().sequence(), start, start + frames.rows() / perSecond, frames);
    }

    /** 0..n-1 in a seeded random order (Fisher-Yates). */
    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
