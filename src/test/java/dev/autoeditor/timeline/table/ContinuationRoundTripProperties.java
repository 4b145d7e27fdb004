package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TimelineArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inverse mapping's law: frames placed through the builder, written as xmeml, read and
 * converted at the same sampling give back the frames (active and asset exactly, regressions within
 * the tolerance + 1e-4), the context converts as the cut prompt, and the edit passes the structural
 * check. Random prompts (TimelineArbitraries: NTSC and other rates, transitions, disabled clips and
 * tracks, nested, multicam, generators, stills, audio and links), cut points, samplings, tolerances.
 */
class ContinuationRoundTripProperties {
    private static final SamplingRate[] SAMPLINGS = {SamplingRate.NATIVE, new SamplingRate(5, 1), new SamplingRate(5, 2),
            new SamplingRate(30000, 1001), new SamplingRate(12, 1)};

    record Case(Project project, SamplingRate sampling, Double seconds, KeyframeTolerance tolerance, long seed) {}

    @Provide
    Arbitrary<Case> cases() {
        return TimelineArbitraries.projects(4).flatMap(p -> Arbitraries.randomValue(r -> {
            Sequence s = p.sequences().get(0);
            double length = s.rate().seconds(s.lengthFrames());
            Double seconds = r.nextInt(5) == 0 ? null : Math.round(r.nextDouble() * (length + 1) * 100) / 100.0;
            double[] t = new double[7];
            if (r.nextBoolean()) for (int f = 0; f < 7; f++) t[f] = f == 0 ? 0.5 * r.nextInt(3) : f <= 2 ? 0.002 * r.nextInt(3) : 0.25 * r.nextInt(3);
            return new Case(p, SAMPLINGS[r.nextInt(SAMPLINGS.length)], seconds, new KeyframeTolerance(t), r.nextLong());
        }));
    }

    @Property(tries = 150)
    void framesComeBackFromTheWrittenEdit(@ForAll("cases") Case c) {
        Sequence prompt = c.project().sequences().get(0);
        PromptCut cut = PromptCut.of(c.project(), prompt, c.sampling(), c.seconds());
        ContinuationBuilder b = ContinuationBuilder.of(cut, c.tolerance());
        FrameRules.Stats stats = FrameRules.random(b, 40, new Random(c.seed()), 4);
        List<double[]> frames = b.frames();
        Sequence edit = b.build();
        EditCheck.Report report = EditCheck.check(edit, cut.cutFrame());
        assertTrue(report.ok(), report.problems().toString());
        Sequence read = FrameRules.writeAndRead(new Project(c.project().name(), List.of(edit)));
        FrameRules.assertFramesBack(read, cut, frames, c.tolerance());
        assertTrue(EditCheck.check(read, cut.cutFrame()).ok(), "the read-back edit passes too");
        net.jqwik.api.statistics.Statistics.label("forced cuts").collect(stats.forcedCuts() > 0);
        net.jqwik.api.statistics.Statistics.label("generated clips").collect(report.generatedVideoClips() / 10 * 10);
        net.jqwik.api.statistics.Statistics.label("generated audio").collect(report.generatedAudioClips() > 0);
        net.jqwik.api.statistics.Statistics.label("cut prompt clips").collect(report.videoClips() - report.generatedVideoClips() > 0);
    }
}
