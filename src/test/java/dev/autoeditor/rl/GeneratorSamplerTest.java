package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.generate.ContextWindow;
import dev.autoeditor.generate.Continuation;
import dev.autoeditor.generate.EditGenerator;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.generate.GenerationPrompt;
import dev.autoeditor.generate.ModelPolicy;
import dev.autoeditor.generate.StepListener;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.report.TinyRun;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.table.FieldLimits;
import dev.autoeditor.timeline.table.FrameSampler;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.train.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@link RolloutSampler} contract on the rlhf phase's sampler ({@link GeneratorSampler}): contexts
 * kept; each frame drawn from the causal prediction given the frames before it and recorded as
 * generate's decoding constraints make it (classes in order of first appearance, values clamped and
 * held); a row's continuation a function of its own seed; the log-probabilities those of the recorded
 * actions, equal to what PPO's causal pass computes; temperature sharpening the draws; and, on a trained
 * model and real prompts, the very continuations {@code generate}'s loop writes for the same seeds.
 */
class GeneratorSamplerTest {
    private static final int K = WindowBatch.TRACKS;
    private static final int R = WindowBatch.REGRESSIONS;
    private static final int F = KeyframeTable.FIELDS;

    @Test
    void keepsTheContextsAndIsAFunctionOfEachRowsSeed() {
        TransformerModel model = TransformerModel.create(Tiny.MODEL, 2);
        ContextPool pool = Tiny.pool(6, 1);
        WindowBatch contexts = pool.batch(pool.refs().subList(0, 4), Tiny.CONTEXT);
        Continuations all = Tiny.sampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 1.0, new long[] {1, 2, 3, 4});
        assertEquals(Tiny.CONTEXT + Tiny.HORIZON, all.frames().length());
        int l = all.frames().length();
        for (int row = 0; row < 4; row++) {
            for (int f = 0; f < Tiny.CONTEXT; f++) {
                for (int k = 0; k < K; k++) {
                    int src = (row * Tiny.CONTEXT + f) * K + k;
                    int dst = (row * l + f) * K + k;
                    assertEquals(contexts.assetClass()[src], all.frames().assetClass()[dst]);
                    assertEquals(contexts.active()[src], all.frames().active()[dst]);
                    for (int r = 0; r < R; r++) assertEquals(contexts.regression()[src * R + r], all.frames().regression()[dst * R + r]);
                }
            }
            for (int f = 0; f < l; f++) assertEquals(1f, all.frames().valid()[row * l + f]);
        }
        // Row 2 alone, with its seed: the same continuation as in the batch of four.
        WindowBatch one = pool.batch(pool.refs().subList(2, 3), Tiny.CONTEXT);
        Continuations alone = Tiny.sampler().sample(model, one, Tiny.CONTEXT, Tiny.HORIZON, 1.0, new long[] {3});
        assertArrayEquals(Arrays.copyOfRange(all.frames().active(), 2 * l * K, 3 * l * K), alone.frames().active());
        assertArrayEquals(Arrays.copyOfRange(all.frames().assetClass(), 2 * l * K, 3 * l * K), alone.frames().assetClass());
        assertArrayEquals(Arrays.copyOfRange(all.logProbs(), 2 * Tiny.HORIZON, 3 * Tiny.HORIZON), alone.logProbs(), 1e-9);
        // Another seed, another continuation (over four rows of 5 frames and 20 tracks, some draw differs).
        Continuations other = Tiny.sampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 1.0, new long[] {11, 12, 13, 14});
        assertFalse(Arrays.equals(all.logProbs(), other.logProbs()));
    }

    @Test
    void eachFrameIsDrawnFromThePredictionGivenTheFramesBeforeItAndRecordedAsGenerateDecodesIt() {
        TransformerModel model = TransformerModel.create(Tiny.MODEL, 4);
        ContextPool pool = Tiny.pool(4, 2);
        int n = 3;
        Continuations c = Tiny.rollouts(model, pool, n);
        WindowBatch frames = c.frames();
        int l = frames.length();
        int classes = Tiny.MODEL.assetClasses();
        int other = classes - 1;
        KeyframeTolerance tolerance = KeyframeTolerance.fromConfig(ConfigLoader.defaults());
        Normaliser normaliser = Tiny.SPEC.normaliser();
        // Predictions over the finished rollouts: causal, so entry t is what the sampler saw before drawing frame t+1.
        Predictions p = model.predict(frames);
        int held = 0;
        for (int row = 0; row < n; row++) {
            // Recorded classes are numbered in order of first appearance over the whole rollout, as a training window numbers them.
            ContextWindow.encoded(frames, row, l, classes, normaliser);
            for (int s = 0; s < Tiny.HORIZON; s++) {
                int at = row * l + Tiny.CONTEXT - 1 + s;
                int frame = row * l + Tiny.CONTEXT + s;
                int namedBefore = ContextWindow.encoded(frames, row, Tiny.CONTEXT + s, classes, normaliser).named();
                double logPi = 0;
                for (int k = 0; k < K; k++) {
                    double pa = p.activeProb()[at * K + k];
                    boolean on = frames.active()[frame * K + k] > 0.5f;
                    logPi += Math.log(on ? pa : 1 - pa);
                    if (!on) {
                        assertEquals(-1, frames.assetClass()[frame * K + k]);
                        for (int f = 0; f < R; f++) assertEquals(0f, frames.regression()[(frame * K + k) * R + f]);
                        continue;
                    }
                    int cls = frames.assetClass()[frame * K + k];
                    logPi += Math.log(p.assetProbs()[(at * K + k) * classes + cls]);
                    // The decoding: the model's values clamped, and held while the track keeps its asset.
                    boolean kept = frames.active()[(frame - 1) * K + k] > 0.5f && frames.assetClass()[(frame - 1) * K + k] == cls
                            && (cls != other || namedBefore == other);
                    for (int f = 0; f < R; f++) {
                        double v = FieldLimits.clamp(f, normaliser.denormalise(f, p.regression()[(at * K + k) * R + f]));
                        if (kept) {
                            double before = normaliser.denormalise(f, frames.regression()[((frame - 1) * K + k) * R + f]);
                            double h = tolerance.hold(f, before, v);
                            if (h != v) held++;
                            v = h;
                        }
                        assertEquals(normaliser.normalise(f, v), frames.regression()[(frame * K + k) * R + f], 1e-5,
                                "row " + row + ", step " + s + ", V" + (k + 1) + ", field " + f);
                    }
                }
                assertEquals(logPi, c.logProbs()[row * Tiny.HORIZON + s], 1e-4, "log pi of the recorded action");
            }
        }
        assertTrue(held > 0, "some small change was held, as generate holds it");
    }

    @Test
    void theLogProbabilitiesAreWhatPposCausalPassComputesForTheRecordedActions() {
        TransformerModel model = TransformerModel.create(Tiny.MODEL, 6);
        ContextPool pool = Tiny.pool(8, 4);
        int n = Math.min(8, pool.size());
        Continuations c = Tiny.rollouts(model, pool, n);
        ActionLogProbs.Steps steps = ActionLogProbs.evaluate(model, c.frames(), Tiny.CONTEXT, 4);
        assertArrayEquals(steps.logProb(), c.logProbs(), 1e-4);
    }

    @Test
    void aLowTemperatureSharpensTheDraws() {
        TransformerModel model = TransformerModel.create(Tiny.MODEL, 5);
        ContextPool pool = Tiny.pool(8, 3);
        int n = Math.min(16, pool.size());
        WindowBatch contexts = pool.batch(pool.refs().subList(0, n), Tiny.CONTEXT);
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) seeds[i] = 500 + i;
        double hot = Arrays.stream(Tiny.sampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 1.0, seeds).logProbs()).sum();
        double cold = Arrays.stream(Tiny.sampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 0.25, seeds).logProbs()).sum();
        assertTrue(cold > hot, "at T = 0.25 the draws are likelier under their own distribution: " + cold + " vs " + hot);
    }

    @Test
    void refusesWhatItCannotSample() {
        TransformerModel model = TransformerModel.create(Tiny.MODEL, 2);
        ContextPool pool = Tiny.pool(4, 1);
        WindowBatch contexts = pool.batch(pool.refs().subList(0, 2), Tiny.CONTEXT);
        assertThrows(IllegalArgumentException.class, () -> Tiny.sampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 1.0, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Tiny.sampler().sample(model, contexts, Tiny.CONTEXT, Tiny.HORIZON, 0, new long[] {1, 2}));
        // Context and horizon beyond the model's window: one causal pass could not cover a rollout.
        assertThrows(IllegalArgumentException.class, () -> Tiny.sampler().sample(model, contexts, Tiny.CONTEXT, Tiny.SPEC.windowLength(), 1.0,
                new long[] {1, 2}));
    }

    /**
     * A trained model continuing real prompts: {@code generate}'s loop, each prompt cut so that its context
     * is exactly the rollout's, against this sampler on those contexts with the same seeds. Where the
     * generator had no source-level constraint to apply (no forced cut, no disabled track, no track gone
     * dark for want of a source), the actions,
     * values and log-probabilities are the same: rollouts are what generate would write.
     */
    @Test
    void onATrainedModelTheContinuationsAreTheOnesGenerateWritesForTheSameSeeds() throws Exception {
        Path run = TinyRun.get();
        ModelArtifact artifact = ModelArtifact.load(run.resolve("checkpoints/pretrain/best.json"));
        GenerateSettings settings = GenerateSettings.from(ConfigLoader.defaults()).withTemperature(1.0);
        EditGenerator g = new EditGenerator(artifact, settings);
        int lc = 8;
        int h = 8;
        List<GenerationPrompt> prompts = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(run.resolve("data/raw"))) {
            files = s.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path file : files) {
            Project project = XmemlReader.forEditing().read(file, w -> { });
            for (Sequence seq : project.sequences()) {
                if (prompts.size() >= 6 || KeyframeTable.of(seq).lengthFrames() == 0) continue;
                FrameSampler grid = g.sampling().sampler(seq.rate(), 0);
                // Seconds just after sample lc - 1: the cut rounds up to sample lc, leaving exactly lc frames of context.
                double seconds = (grid.frameAt(lc - 1) + 0.5) * seq.rate().fpsDenominator() / seq.rate().fpsNumerator();
                PromptCut cut = PromptCut.atSeconds(project, seq, g.sampling(), seconds);
                assertEquals(lc, cut.firstSample());
                prompts.add(new GenerationPrompt(cut, h, prompts.size()));
            }
        }
        assertTrue(prompts.size() >= 3, "prompts from the tiny run's exports: " + prompts.size());
        long[] seeds = new long[prompts.size()];
        for (int i = 0; i < seeds.length; i++) seeds[i] = 9000 + 17L * i;
        Map<Integer, List<StepListener.Step>> steps = new HashMap<>();
        List<Continuation> generated = g.generator().run(ModelPolicy.withSampleSeeds(g.policy(), 1.0, seeds), prompts,
                step -> steps.computeIfAbsent(step.prompt(), i -> new ArrayList<>()).add(step));

        // The same contexts as the model's windows, continued by the rollout sampler.
        WindowBatch contexts = WindowBatch.allocate(prompts.size(), lc);
        for (int i = 0; i < prompts.size(); i++) steps.get(i).get(0).window().fill(contexts, i);
        Continuations rollouts = GeneratorSampler.of(artifact.data(), settings).sample(artifact.frameTransformer(), contexts, lc, h, 1.0, seeds);

        Normaliser normaliser = artifact.normaliser();
        int compared = 0;
        int changedBySampling = 0;
        for (int i = 0; i < prompts.size(); i++) {
            Continuation c = generated.get(i);
            boolean allEnabled = true;
            for (int k = 0; k < K; k++) allEnabled &= c.builder().trackEnabled(k);
            // A track that sampled a new source when the prompt had none left goes dark: a rule of sources, not of windows.
            boolean wentDark = false;
            for (StepListener.Step s : steps.get(i)) for (int k = 0; k < K; k++) wentDark |= s.sampled().active(k) && !s.taken().active(k);
            if (c.forcedCuts() > 0 || !allEnabled || wentDark) continue;
            compared++;
            for (StepListener.Step s : steps.get(i)) {
                int frame = (i * (lc + h) + lc + (int) s.frame()) * K;
                if (!s.sampled().equals(s.taken())) changedBySampling++;
                for (int k = 0; k < K; k++) {
                    String where = "prompt " + i + ", frame " + s.frame() + ", V" + (k + 1);
                    assertEquals(s.taken().active(k), rollouts.frames().active()[frame + k] > 0.5f, where);
                    assertEquals(s.taken().assetClass(k), rollouts.frames().assetClass()[frame + k], where);
                    if (!s.taken().active(k)) continue;
                    for (int f = 0; f < R; f++) {
                        assertEquals(normaliser.normalise(f, s.recorded()[k * F + 2 + f]), rollouts.frames().regression()[(frame + k) * R + f], 1e-3,
                                where + ", field " + f);
                    }
                }
                assertEquals(s.logProb(), rollouts.logProbs()[i * h + (int) s.frame()], 1e-5, "prompt " + i + ", frame " + s.frame());
            }
        }
        assertTrue(compared >= 3, compared + " prompts without a source-level constraint");
        System.out.println("generate vs rollouts: " + compared + " prompts compared, " + changedBySampling + " frames recorded otherwise than sampled");
    }
}
