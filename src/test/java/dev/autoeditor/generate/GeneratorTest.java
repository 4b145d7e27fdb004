package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.table.FieldLimits;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generation loop with a real (tiny) trained model: the frames fed back are the frames recorded
 * and written, the decoding constraints hold on every frame, the log-probabilities are those of the
 * actions taken, and the written edit converts back to the recorded frames.
 */
class GeneratorTest {
    private static final int K = KeyframeTable.TRACKS;
    private static final int F = KeyframeTable.FIELDS;

    static PromptCut prompt(EditGenerator g, int file, double seconds) throws Exception {
        Path path = TinyModel.exports().get(file);
        Project p = XmemlReader.forEditing().read(path);
        return g.cut(p, p.sequences().get(0), seconds, path.toString());
    }

    @Test
    void framesFedBackAreTheFramesRecordedWrittenAndReadBack() throws Exception {
        EditGenerator g = TinyModel.generator(1.0);
        KeyframeTolerance tolerance = g.settings().tolerance();
        List<GenerationPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < 4; i++) prompts.add(new GenerationPrompt(prompt(g, i, 6 + i), 60, i));
        List<List<StepListener.Step>> steps = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) steps.add(new ArrayList<>());
        List<Continuation> done = g.generate(prompts, s -> steps.get(s.prompt()).add(s));
        int contextFrames = g.policy().contextFrames();
        for (int i = 0; i < done.size(); i++) {
            Continuation c = done.get(i);
            PromptCut cut = c.prompt().cut();
            List<double[]> frames = c.frames();
            assertEquals(60, frames.size());
            double logProb = 0;
            double[] previous = cut.contextRow(cut.firstSample() - 1);
            for (int j = 0; j < frames.size(); j++) {
                StepListener.Step s = steps.get(i).get(j);
                assertEquals(j, s.frame());
                // The model saw the last frames: the context's and then exactly the ones recorded.
                assertEquals(Math.min(contextFrames, cut.firstSample() + j), s.window().length());
                assertArrayEquals(previous, s.window().lastFrame(), "prompt " + i + " frame " + j + ": the window ends with the last recorded frame");
                assertArrayEquals(frames.get(j), s.recorded());
                assertEquals(s.proposal().distribution().logProb(s.proposal().row(), s.taken(), 1.0), s.logProb(), 1e-12);
                logProb += s.logProb();
                checkConstraints(s, previous, tolerance, cut);
                previous = frames.get(j);
            }
            assertEquals(logProb, c.logProb(), 1e-9);
            EditCheck.Report report = GenerationCheck.checkOne(c, tolerance);
            assertTrue(report.ok());
        }
    }

    /** Values in range; a kept source's values move by 0 or at least the tolerance; a named class shows its asset. */
    private static void checkConstraints(StepListener.Step s, double[] previous, KeyframeTolerance tolerance, PromptCut cut) {
        double[] row = s.recorded();
        for (int k = 0; k < K; k++) {
            boolean on = row[k * F] == 1;
            assertEquals(on, s.taken().active(k));
            if (!on) continue;
            int asset = (int) row[k * F + 1];
            for (int f = 0; f < F - 2; f++) {
                double v = row[k * F + 2 + f];
                assertTrue(FieldLimits.valid(f, v), "V" + (k + 1) + " " + FieldLimits.name(f) + " = " + v);
                boolean kept = previous[k * F] == 1 && previous[k * F + 1] == asset;
                double change = Math.abs(v - previous[k * F + 2 + f]);
                if (kept) assertTrue(change == 0 || change >= tolerance.of(f), FieldLimits.name(f) + " moved " + change);
            }
            int sampled = s.sampled().assetClass(k);
            if (s.sampled().active(k) && sampled < s.window().named() && asset == s.window().assetOf(sampled)) {
                assertEquals(sampled, s.taken().assetClass(k), "a named class taken as sampled is recorded as that class");
            }
            if (s.window().contains(asset)) assertEquals(s.window().classOf(asset), s.taken().assetClass(k));
        }
    }

    @Test
    void aTrackThePromptDisabledStaysDark() throws Exception {
        EditGenerator g = TinyModel.generator(1.0);
        Path path = TinyModel.exports().get(4);
        Project p = XmemlReader.forEditing().read(path);
        Sequence s = p.sequences().get(0);
        List<VideoTrack> tracks = new ArrayList<>(s.tracks());
        tracks.set(0, new VideoTrack(false, tracks.get(0).items()));
        Sequence disabled = s.withTracks(tracks, s.audioTracks());
        Project edited = new Project(p.name(), List.of(disabled));
        PromptCut cut = g.cut(edited, disabled, 8.0, path.toString());
        Continuation c = g.generate(List.of(new GenerationPrompt(cut, 40, 0)), StepListener.NONE).get(0);
        for (double[] row : c.frames()) assertEquals(0.0, row[0], "V1 is disabled in the prompt");
        assertTrue(GenerationCheck.checkOne(c, g.settings().tolerance()).ok());
    }

    @Test
    void aReferenceOfTheSamePolicyHasNoKlAndTheSameLogProbabilities() throws Exception {
        EditGenerator g = TinyModel.generator(1.0);
        Generator loop = g.generator().withReference(g.policy());
        List<StepListener.Step> steps = new ArrayList<>();
        loop.run(g.modelPolicy(), List.of(new GenerationPrompt(prompt(g, 1, 9), 20, 3)), steps::add);
        for (StepListener.Step s : steps) {
            assertEquals(0, s.kl(), 1e-9);
            assertEquals(s.logProb(), s.referenceLogProb(), 1e-9);
        }
    }

    @Test
    void aSamplesFramesDoNotDependOnTheOtherSamplesOfItsBatch() throws Exception {
        EditGenerator g = TinyModel.generator(1.0);
        GenerationPrompt alone = new GenerationPrompt(prompt(g, 2, 7), 30, 5);
        List<double[]> single = g.generate(List.of(alone), StepListener.NONE).get(0).frames();
        List<double[]> batched = g.generate(List.of(new GenerationPrompt(prompt(g, 0, 11), 45, 4), alone,
                new GenerationPrompt(prompt(g, 3, 5), 12, 6)), StepListener.NONE).get(1).frames();
        assertEquals(single.size(), batched.size());
        for (int j = 0; j < single.size(); j++) assertArrayEquals(single.get(j), batched.get(j), "frame " + j);
    }

    /** A sample with a seed of its own is what generate writes with that seed: the seed a pair's side records reproduces it. */
    @Test
    void aSampleWithItsOwnSeedIsWhatGenerateWritesWithThatSeed() throws Exception {
        EditGenerator g = TinyModel.generator(1.0);
        PromptCut cut = prompt(g, 1, 8);
        long[] seeds = {1234, 98765};
        List<Continuation> both = g.generator().run(ModelPolicy.withSampleSeeds(g.policy(), 1.0, seeds),
                List.of(new GenerationPrompt(cut, 25, 0), new GenerationPrompt(cut, 25, 1)), StepListener.NONE);
        for (int i = 0; i < 2; i++) {
            List<double[]> alone = new EditGenerator(g.artifact(), g.settings().withSeed(seeds[i])).generate(List.of(new GenerationPrompt(cut, 25, 0)),
                    StepListener.NONE).get(0).frames();
            List<double[]> inPair = both.get(i).frames();
            for (int j = 0; j < alone.size(); j++) assertArrayEquals(alone.get(j), inPair.get(j), "sample " + i + ", frame " + j);
        }
    }

    @Test
    void greedyDecodingAlmostNeverCuts() throws Exception {
        int[] cuts = new int[2];
        double[] temperatures = {0, 1};
        for (int t = 0; t < 2; t++) {
            EditGenerator g = TinyModel.generator(temperatures[t]);
            List<GenerationPrompt> prompts = new ArrayList<>();
            for (int i = 0; i < 4; i++) prompts.add(new GenerationPrompt(prompt(g, i, 8), 50, i));
            for (Continuation c : g.generate(prompts, StepListener.NONE)) cuts[t] += EditCheck.check(c.edit(), c.prompt().cut().cutFrame()).cuts();
        }
        System.out.printf("cuts in 4 x 10 s: greedy %d, temperature 1: %d%n", cuts[0], cuts[1]);
        assertTrue(cuts[0] * 4 < cuts[1], "greedy " + cuts[0] + " cuts, sampled " + cuts[1]);
    }
}
