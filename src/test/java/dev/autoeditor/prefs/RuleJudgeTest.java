package dev.autoeditor.prefs;

import static dev.autoeditor.prefs.Edits.empty;
import static dev.autoeditor.prefs.Edits.framed;
import static dev.autoeditor.prefs.Edits.full;
import static dev.autoeditor.prefs.Edits.off;
import static dev.autoeditor.prefs.Edits.repeat;
import static dev.autoeditor.prefs.Edits.row;
import static dev.autoeditor.prefs.Edits.v1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.ConfigException;
import dev.autoeditor.config.ConfigLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rule-based judge on hand-made edits: each rule fails on a bad edit and passes on a good one. */
class RuleJudgeTest {
    /** The defaults of config/default.yaml: target 4 s, flash under 2 frames, jump back under 2 s, tie 0.02, weights 1,1,4,1. */
    static final RuleJudge JUDGE = RuleJudge.fromConfig(ConfigLoader.load("default", null, List.of()));

    static RuleScore explain(Edit continuation) {
        return JUDGE.explain(empty(), continuation);
    }

    @Test
    void defaultsComeFromConfigAndNameThemselves() {
        JudgeSettings s = JUDGE.settings();
        assertEquals(new JudgeSettings(4.0, 2, 2.0, 0.02, 1, 1, 4, 1), s);
        assertEquals("rule-judge/1 target_shot_s=4 min_shot_frames=2 jump_back_s=2 tie_tolerance=0.02"
                + " weights=shot_length:1,flash:1,framing:4,jump_back:1", JUDGE.identity().id());
        assertEquals(PairJudge.Kind.RULE, JUDGE.identity().kind());
    }

    @Test
    void badSettingsNameTheKey() {
        var e = assertThrows(ConfigException.class, () -> RuleJudge.fromConfig(
                ConfigLoader.load("default", null, List.of("prefs.judge.target_shot_s=0"))));
        assertTrue(e.getMessage().contains("prefs.judge.target_shot_s' is 0.0; it must be a positive number"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> RuleJudge.fromConfig(
                ConfigLoader.load("default", null, List.of("prefs.judge.weight_framing=-1"))));
        assertTrue(e.getMessage().contains("prefs.judge.weight_framing"), e.getMessage());
    }

    @Test
    void aFlawlessEditScoresZero() {
        // 4 s shots (20 rows at 5 fps), full frame, no returns.
        RuleScore s = explain(v1(0, 20, 1, 20, 2, 20, 3, 20));
        assertEquals(new RuleScore(0, 0, 0, 0, 0, 4, 0, 0), s);
    }

    @Nested
    class ShotLength {
        @Test
        void shotsFarFromTheTargetArePenalisedPerDoubling() {
            // 1 s shots between open ends: each closed one is two halvings from 4 s.
            RuleScore bad = explain(v1(0, 20, 1, 5, 2, 5, 3, 5, 4, 20));
            assertEquals(2.0 * 15 / 55, bad.shotLength(), 1e-12);
            assertEquals(-bad.shotLength(), bad.score(), 1e-12);
            // A 2 s shot (one halving) over 10 of 50 rows; the open 4 s ends cost nothing.
            assertEquals(0.2, explain(v1(0, 20, 1, 10, 2, 20)).shotLength(), 1e-12);
            // An 8 s closed shot costs the same as a 2 s one.
            assertEquals(1.0 * 40 / 80, explain(v1(0, 20, 1, 40, 2, 20)).shotLength(), 1e-12);
        }

        @Test
        void anOpenShotIsOnlyPenalisedForBeingTooLong() {
            // 2 s with nothing before or after: it may go on, so no penalty.
            assertEquals(0, explain(v1(0, 10)).shotLength());
            // 40 s without a cut is too long whatever follows: log2(10).
            assertEquals(Math.log(10) / Math.log(2), explain(v1(0, 200)).shotLength(), 1e-12);
        }

        @Test
        void theContextSaysWhereTheFirstShotBegan() {
            // The continuation's first 3 s continue a shot that began 20 s into the context: 23 s long.
            Edit context = v1(0, 100);
            RuleScore s = JUDGE.explain(context, v1(0, 15, 1, 20));
            assertEquals(Math.log(115 / 20.0) / Math.log(2) * 15 / 35, s.shotLength(), 1e-12);
        }
    }

    @Nested
    class FlashFrames {
        @Test
        void aShotShorterThanMinShotFramesIsAFlash() {
            RuleScore bad = explain(v1(0, 20, 1, 1, 2, 20));
            assertEquals(1, bad.flashes());
            assertEquals(1 / (41 / 5.0 / 10), bad.flashFrames(), 1e-12);
            RuleScore good = explain(v1(0, 20, 1, 2, 2, 20));
            assertEquals(0, good.flashes());
            assertTrue(good.score() > bad.score(), good + " vs " + bad);
        }

        @Test
        void aFlashAcrossTheContextBoundaryCounts() {
            // The context ends in shot 0; the continuation shows asset 1 for one frame, then 2.
            assertEquals(1, JUDGE.explain(v1(0, 20), v1(1, 1, 2, 20)).flashes());
            // Without the context the first frame may be the end of a longer shot: not a flash.
            assertEquals(0, explain(v1(1, 1, 2, 20)).flashes());
            // A flash wholly inside the context is not the continuation's doing.
            assertEquals(0, JUDGE.explain(v1(0, 20, 1, 1, 2, 20), v1(2, 20)).flashes());
        }

        @Test
        void aBlackFrameBetweenShotsIsAFlashToo() {
            assertEquals(1, explain(v1(0, 20, -1, 1, 1, 20)).flashes());
        }
    }

    @Nested
    class Framing {
        @Test
        void aPictureFillingTheFrameLeavesNoBorder() {
            assertEquals(0, explain(repeat(row(full(0)), 20)).framing());
            // Zoomed in 125% and cropped 10% on the left: the crop falls outside the frame.
            assertEquals(0, explain(repeat(row(new double[] {1, 0, 125, 0, 0, 10, 0, 0, 0}), 20)).framing());
        }

        @Test
        void emptyBordersAreTheUncoveredShareOfTheFrame() {
            assertEquals(0.75, explain(repeat(row(framed(0, 50, 0, 0)), 20)).framing(), 1e-12); // a quarter of the frame
            assertEquals(0.25, explain(repeat(row(framed(0, 100, 0.25, 0)), 20)).framing(), 1e-12); // pushed a quarter right
            assertEquals(0.1, explain(repeat(row(new double[] {1, 0, 100, 0, 0, 10, 0, 0, 0}), 20)).framing(), 1e-12); // cropped 10%
            assertEquals(1, explain(v1(-1, 20)).framing()); // black
            RuleScore s = explain(repeat(row(framed(0, 50, 0, 0)), 20));
            assertEquals(-4 * 0.75, s.score(), 1e-12);
        }

        @Test
        void picturesOnSeveralTracksCoverTogether() {
            // Picture-in-picture over a full-frame host, and a two-way split screen of 25%-cropped strips.
            assertEquals(0, explain(repeat(row(full(0), framed(1, 30, 0.3, -0.3)), 20)).framing());
            double[] left = {1, 0, 100, -0.25, 0, 25, 25, 0, 0};
            double[] right = {1, 1, 100, 0.25, 0, 25, 25, 0, 0};
            assertEquals(0, explain(repeat(row(left, right), 20)).framing());
            // Only the left strip: half the frame is empty.
            assertEquals(0.5, explain(repeat(row(left), 20)).framing(), 1e-12);
            // Three-way strips at the table's rounding of thirds still cover the frame.
            double t = 100 / 3.0;
            assertEquals(0, explain(repeat(row(new double[] {1, 0, 100, -1 / 3.0, 0, t, t, 0, 0}, new double[] {1, 1, 100, 0, 0, t, t, 0, 0},
                    new double[] {1, 2, 100, 1 / 3.0, 0, t, t, 0, 0}), 20)).framing());
        }

        @Test
        void sourceSizesSayWhatScaleFillsTheFrame() {
            // A UHD camera in an HD sequence fills the frame at scale 50; an HD one leaves three quarters empty.
            Edit uhdAt50 = repeat(row(framed(0, 50, 0, 0)), 20);
            SourceSizes uhd = SourceSizes.of(List.of(new SourceSizes.Size(2, 2)));
            assertEquals(0, JUDGE.explain(empty(), uhdAt50.withSizes(uhd)).framing());
            assertEquals(0.75, JUDGE.explain(empty(), uhdAt50).framing(), 1e-12);
            // A portrait photo fitted to the height leaves pillars: 1080x1620 at scale 66.67 is 0.375 of the width.
            SourceSizes portrait = SourceSizes.of(List.of(new SourceSizes.Size(1080 / 1920.0, 1620 / 1080.0)));
            Edit photo = repeat(row(framed(0, 100 * 1080 / 1620.0, 0, 0)), 20).withSizes(portrait);
            assertEquals(1 - 0.375, JUDGE.explain(empty(), photo).framing(), 1e-4);
        }

        @Test
        void aFullFramePictureHidesTheTracksBelowSoTheirCutsAreNotCuts() {
            // V1 switches source under a full-frame V2: the viewer sees one shot.
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < 40; i++) rows.add(row(full(i < 20 ? 0 : 1), full(2)));
            assertEquals(1, explain(Edit.of(Edits.FPS5, rows, SourceSizes.UNKNOWN)).shots());
            // Under a small picture-in-picture it is a cut.
            rows.clear();
            for (int i = 0; i < 40; i++) rows.add(row(full(i < 20 ? 0 : 1), framed(2, 30, 0.3, 0.3)));
            assertEquals(2, explain(Edit.of(Edits.FPS5, rows, SourceSizes.UNKNOWN)).shots());
        }
    }

    @Nested
    class JumpBack {
        @Test
        void returningToThePictureJustLeftTooSoonIsAJumpBack() {
            RuleScore bad = explain(v1(0, 20, 1, 5, 0, 20)); // A, 1 s of B, back to A
            assertEquals(1, bad.jumpBacks());
            assertEquals(1 / (45 / 5.0 / 10), bad.jumpBack(), 1e-12);
            RuleScore good = explain(v1(0, 20, 1, 15, 0, 20)); // a 3 s cutaway: an ordinary return
            assertEquals(0, good.jumpBacks());
            RuleScore elsewhere = explain(v1(0, 20, 1, 5, 2, 20)); // on to a third picture
            assertEquals(0, elsewhere.jumpBacks());
        }

        @Test
        void aCutawayOverTheInterviewIsJudgedByWhatIsSeen() {
            // V1 interview throughout; V2 B-roll full frame for 1 s, then the interview again.
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < 45; i++) rows.add(i >= 20 && i < 25 ? row(full(0), full(1)) : row(full(0), off()));
            assertEquals(1, explain(Edit.of(Edits.FPS5, rows, SourceSizes.UNKNOWN)).jumpBacks());
        }

        @Test
        void onlyReturnsMadeByTheContinuationCount() {
            // The return happened inside the context.
            assertEquals(0, JUDGE.explain(v1(0, 20, 1, 5, 0, 10), v1(0, 10, 2, 20)).jumpBacks());
            // The continuation's first frame returns to the picture the context left 1 s earlier.
            assertEquals(1, JUDGE.explain(v1(0, 20, 1, 5), v1(0, 20)).jumpBacks());
        }
    }

    @Nested
    class Ties {
        @Test
        void equalContinuationsAreATieRecordedAsSuch() {
            Edit a = v1(0, 20, 1, 20);
            Verdict v = JUDGE.compare(empty(), a, v1(0, 20, 1, 20));
            assertTrue(v.tie());
            assertEquals(0, v.margin());
            assertEquals(0.5, v.winForA());
            assertFalse(v.prefersA() || v.prefersB());
            PairSide sa = PairSide.sampled(new ModelRef(Edits.hex('a'), 1, 1.0), a);
            PairSide sb = PairSide.sampled(new ModelRef(Edits.hex('a'), 2, 1.0), v1(0, 20, 1, 20));
            Pair p = v.toPair(new PairContext("x", "s", 0, 0, empty()), sa, sb, JUDGE.identity(), Instant.EPOCH);
            assertTrue(p.tie());
            assertSame(sa.model(), p.preferred().model());
        }

        @Test
        void scoresWithinTheToleranceTieAndBeyondItTheHigherWins() {
            // B leaves 1% of one frame in 40 uncovered: a framing penalty of 4 * 0.01 / 40 = 0.001.
            Edit a = repeat(row(full(0)), 40);
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < 40; i++) rows.add(row(i == 7 ? framed(0, 100, 0.01, 0) : full(0)));
            Edit b = Edit.of(Edits.FPS5, rows, SourceSizes.UNKNOWN);
            Verdict v = JUDGE.compare(empty(), a, b);
            assertEquals(0.001, v.margin(), 1e-9);
            assertTrue(v.tie());
            RuleJudge strict = new RuleJudge(new JudgeSettings(4, 2, 2, 0, 1, 1, 4, 1));
            Verdict s = strict.compare(empty(), a, b);
            assertFalse(s.tie());
            assertTrue(s.prefersA());
            assertEquals(1, s.winForA());
            // Beyond the tolerance: a flash in A makes B the preferred side, put first in the pair.
            Verdict flash = JUDGE.compare(empty(), v1(0, 20, 1, 1, 2, 20), v1(0, 20, 1, 2, 2, 19));
            assertTrue(flash.prefersB());
            assertEquals(0, flash.winForA());
            PairSide sa = PairSide.sampled(new ModelRef(Edits.hex('a'), 1, 1.0), v1(0, 20, 1, 1, 2, 20));
            PairSide sb = PairSide.sampled(new ModelRef(Edits.hex('a'), 2, 1.0), v1(0, 20, 1, 2, 2, 19));
            Pair p = flash.toPair(new PairContext("x", "s", 0, 0, empty()), sa, sb, JUDGE.identity(), Instant.EPOCH);
            assertFalse(p.tie());
            assertEquals(2, p.preferred().model().seed());
        }

        @Test
        void comparingTheOtherWayRoundMirrorsTheVerdict() {
            Edit a = v1(0, 20, 1, 5, 0, 20);
            Edit b = v1(0, 20, 1, 20);
            Verdict ab = JUDGE.compare(empty(), a, b);
            Verdict ba = JUDGE.compare(empty(), b, a);
            assertEquals(ab.scoreA(), ba.scoreB());
            assertEquals(ab.scoreB(), ba.scoreA());
            assertEquals(ab.prefersA(), ba.prefersB());
        }
    }

    /** The worked examples of docs/prefs.md, to the precision printed there. */
    @Test
    void theDocumentedExamplesScoreAsDocumented() {
        SourceSizes uhd = SourceSizes.of(List.of(new SourceSizes.Size(2, 2)));
        assertEquals(0, explain(v1(0, 20, 1, 20, 2, 20, 3, 20)).score(), 0.005);
        assertEquals(-0.2, explain(v1(0, 20, 1, 10, 2, 20)).score(), 0.005);
        assertEquals(-1.32, explain(v1(0, 20, 1, 1, 2, 20)).score(), 0.005);
        assertEquals(-1.33, explain(v1(0, 20, 1, 5, 0, 20)).score(), 0.005);
        assertEquals(-0.11, explain(v1(0, 20, 1, 15, 0, 20)).score(), 0.005);
        assertEquals(-3, explain(repeat(row(framed(0, 50, 0, 0)), 20)).score(), 0.005);
        assertEquals(0, explain(repeat(row(framed(0, 50, 0, 0)), 20).withSizes(uhd)).score(), 0.005);
        assertEquals(0, explain(repeat(row(full(0), framed(1, 30, 0.3, -0.3)), 20)).score(), 0.005);
        assertEquals(-3.32, explain(v1(0, 200)).score(), 0.005);
    }

    @Test
    void nothingToJudgeIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> explain(empty()));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
    }
}
