package dev.autoeditor.timeline.table;

import static dev.autoeditor.timeline.table.KeyframeTable.ACTIVE;
import static dev.autoeditor.timeline.table.KeyframeTable.ASSET;
import static dev.autoeditor.timeline.table.KeyframeTable.CROP_BOTTOM;
import static dev.autoeditor.timeline.table.KeyframeTable.CROP_LEFT;
import static dev.autoeditor.timeline.table.KeyframeTable.CROP_RIGHT;
import static dev.autoeditor.timeline.table.KeyframeTable.CROP_TOP;
import static dev.autoeditor.timeline.table.KeyframeTable.POS_X;
import static dev.autoeditor.timeline.table.KeyframeTable.POS_Y;
import static dev.autoeditor.timeline.table.KeyframeTable.SCALE;
import static dev.autoeditor.timeline.table.Timelines.at;
import static dev.autoeditor.timeline.table.Timelines.clip;
import static dev.autoeditor.timeline.table.Timelines.disabled;
import static dev.autoeditor.timeline.table.Timelines.dissolve;
import static dev.autoeditor.timeline.table.Timelines.file;
import static dev.autoeditor.timeline.table.Timelines.keyed;
import static dev.autoeditor.timeline.table.Timelines.sequence;
import static dev.autoeditor.timeline.table.Timelines.track;
import static dev.autoeditor.timeline.table.Timelines.value;
import static dev.autoeditor.timeline.table.Timelines.withCrop;
import static dev.autoeditor.timeline.table.Timelines.withMotion;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframeTableTest {
    private static final double EPS = 1e-9;

    @Test
    void lengthIsTheLargestClipEndNotTheDeclaredDuration() {
        Sequence s = new Sequence("s", "S", Timelines.PAL, 1920, 1080, 0, List.of(
                track(clip("a", file("A"), 0, 50, 0, 50)),
                track(clip("b", file("B"), 30, -1, 10, 90))));  // -1 end: 30 + (90 - 10) = 110
        KeyframeTable t = KeyframeTable.of(s);
        assertEquals(110, t.lengthFrames());
        assertEquals(110, t.rows(SamplingRate.NATIVE).size());
        // 5 samples per second of a 25 fps timeline: every 5th frame, 0..105
        assertEquals(22, t.rows(SamplingRate.parse("5", "test")).size());
    }

    @Test
    void inactiveTracksWriteZerosAndAssetMinusOne() {
        Sequence s = sequence(track(clip("a", file("A"), 10, 20, 0, 10)));
        double[] row = at(s, 5);
        for (int k = 1; k <= 20; k++) {
            for (int f = 0; f < KeyframeTable.FIELDS; f++) {
                assertEquals(f == ASSET ? -1 : 0, value(row, k, f), "track " + k + " field " + f);
            }
        }
    }

    @Test
    void clipWithoutMotionOrCropHasTheDefaults() {
        Sequence s = sequence(track(clip("a", file("A"), 0, 20, 0, 20)));
        double[] row = at(s, 3);
        assertArrayEquals(new double[] {1, 0, 100, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(row, 0, 9));
        Clip nulls = new Clip("n", "n", true, 0, 20, 0, 20, file("A"), null, null, java.util.Set.of());
        assertArrayEquals(new double[] {1, 0, 100, 0, 0, 0, 0, 0, 0},
                java.util.Arrays.copyOfRange(at(sequence(track(nulls)), 3), 0, 9));
    }

    @Test
    void staticMotionAndCropAreCopied() {
        Clip c = withCrop(withMotion(clip("a", file("A"), 0, 20, 0, 20),
                        new Motion(Param.constant(50), Param.constant(-0.25), Param.constant(0.125))),
                new Crop(Param.constant(10), Param.constant(20), Param.constant(5), Param.constant(7.5)));
        double[] row = at(sequence(track(), track(c)), 0);
        assertEquals(1, value(row, 2, ACTIVE));
        assertEquals(0, value(row, 2, ASSET));
        assertEquals(50, value(row, 2, SCALE));
        assertEquals(-0.25, value(row, 2, POS_X));
        assertEquals(0.125, value(row, 2, POS_Y));
        assertEquals(10, value(row, 2, CROP_LEFT));
        assertEquals(20, value(row, 2, CROP_RIGHT));
        assertEquals(5, value(row, 2, CROP_TOP));
        assertEquals(7.5, value(row, 2, CROP_BOTTOM));
        assertEquals(0, value(row, 1, ACTIVE));
    }

    @Test
    void keyframesAreOnTheSourceAxisAndHoldOutside() {
        // Clip shows source frames 100..199 at timeline 0..99; scale keyed 100 at source 120, 200 at 160.
        Clip c = withMotion(clip("a", file("A"), 0, 100, 100, 200),
                new Motion(keyed(120, 100, 160, 200), Param.constant(0), keyed(300, 0.5)));
        Sequence s = sequence(track(c));
        assertEquals(100, value(at(s, 0), 1, SCALE), EPS);      // before the first keyframe: held
        assertEquals(100, value(at(s, 20), 1, SCALE), EPS);     // source 120
        assertEquals(150, value(at(s, 40), 1, SCALE), EPS);     // source 140: halfway
        assertEquals(175, value(at(s, 50), 1, SCALE), EPS);     // source 150: three quarters
        assertEquals(200, value(at(s, 99), 1, SCALE), EPS);     // after the last: held
        assertEquals(0.5, value(at(s, 10), 1, POS_Y), EPS);     // one keyframe outside [in, out] holds
    }

    @Test
    void bezierHandlesBendTheCurve() {
        // Ease-out then ease-in from 0 to 100 over source 0..30: handles flatten both ends, so the
        // value at a third of the way is below linear, and the midpoint is symmetric (50).
        Param p = new Param(0, List.of(
                new Keyframe(0, 0, null, new Keyframe.Handle(10, 0)),
                new Keyframe(30, 100, new Keyframe.Handle(-10, 0), null)));
        Clip c = withMotion(clip("a", file("A"), 0, 31, 0, 31), new Motion(p, Param.constant(0), Param.constant(0)));
        Sequence s = sequence(track(c));
        assertEquals(50, value(at(s, 15), 1, SCALE), 1e-6);
        // Cubic Bezier with x control points 0,10,20,30 is x = 30u, so at x = 10, u = 1/3:
        // y = 3(1-u)u^2*100 + u^3*100 = 3*(2/3)*(1/9)*100 + (1/27)*100 = 22.2222 + 3.7037 = 25.9259
        assertEquals(25.925925925, value(at(s, 10), 1, SCALE), 1e-6);
    }

    @Test
    void assetsNumberInOrderOfFirstUseByStartThenTrack() {
        Source.File a = file("A");
        Source.File b = file("B");
        Source.File c = file("C");
        Source.File aEmpty = file("A"); // an empty <file id="A"/> reference: the same source
        Sequence s = sequence(
                track(clip("1", b, 0, 10, 0, 10), clip("2", a, 10, 20, 0, 10), clip("3", aEmpty, 30, 40, 0, 10)),
                track(clip("4", c, 0, 5, 0, 5), clip("5", a, 20, 30, 0, 10)));
        // First uses: start 0 track 1 = B -> 0, start 0 track 2 = C -> 1, start 10 = A -> 2.
        assertEquals(0, value(at(s, 2), 1, ASSET));
        assertEquals(1, value(at(s, 2), 2, ASSET));
        assertEquals(2, value(at(s, 12), 1, ASSET));
        assertEquals(2, value(at(s, 22), 2, ASSET));
        assertEquals(2, value(at(s, 35), 1, ASSET));
        assertEquals(3, KeyframeTable.of(s).assetCount());
    }

    @Test
    void assetOrderUsesResolvedStartOfMinusOneClips() {
        // Clip y starts at -1 and ends at 90 with 50 source frames (in 10, out 60), so it starts at
        // 40: before clip z on track 2, which starts at 45, so Y is numbered before Z.
        Sequence s = sequence(
                track(clip("x", file("X"), 0, -1, 0, 50), dissolve(40, 50), clip("y", file("Y"), -1, 90, 10, 60)),
                track(clip("z", file("Z"), 45, 60, 0, 15)));
        assertEquals(0, value(at(s, 0), 1, ASSET));
        assertEquals(1, value(at(s, 70), 1, ASSET));
        assertEquals(2, value(at(s, 50), 2, ASSET));
        assertEquals(1, value(at(s, 45), 1, ASSET)); // the dissolve's centre cut at 45
    }

    @Test
    void dissolveCutsAtItsCentreWithMinusOneEnds() {
        // Outgoing a runs 0..110 through the dissolve [90, 110); incoming b runs 90..200. Centre cut = 100.
        Source.File fa = file("A");
        Source.File fb = file("B");
        Sequence s = sequence(track(
                clip("a", fa, 0, -1, 0, 110), dissolve(90, 110), clip("b", fb, -1, 200, 0, 110)));
        assertEquals(0, value(at(s, 99), 1, ASSET));
        assertEquals(1, value(at(s, 100), 1, ASSET));
        assertEquals(1, value(at(s, 199), 1, ACTIVE));
        assertEquals(0, value(at(s, 200), 1, ACTIVE));
    }

    @Test
    void cutPointAndAlignmentPlaceTheCut() {
        for (var c : List.of(
                new Object[] {new Transition(90, 110, Transition.Alignment.CENTER, 4, "d", "d"), 94L},
                new Object[] {new Transition(90, 110, Transition.Alignment.START, -1, "d", "d"), 90L},
                new Object[] {new Transition(90, 110, Transition.Alignment.END, -1, "d", "d"), 110L})) {
            Transition t = (Transition) c[0];
            long cut = (Long) c[1];
            Sequence s = sequence(track(clip("a", file("A"), 0, -1, 0, 110), t, clip("b", file("B"), -1, 200, 0, 110)));
            assertEquals(0, value(at(s, cut - 1), 1, ASSET), t.toString());
            assertEquals(1, value(at(s, cut), 1, ASSET), t.toString());
        }
    }

    @Test
    void keyframesOfTheIncomingClipFollowItsOwnSourceAxis() {
        // b starts (resolved) at 90 with in = 0: at timeline 100 it shows source frame 10.
        Clip b = withMotion(clip("b", file("B"), -1, 200, 0, 110), new Motion(keyed(0, 0, 20, 200), Param.constant(0), Param.constant(0)));
        Sequence s = sequence(track(clip("a", file("A"), 0, -1, 0, 110), dissolve(90, 110), b));
        assertEquals(100, value(at(s, 100), 1, SCALE), EPS);
    }

    @Test
    void fadesFromAndToBlackKeepTheClipActive() {
        Transition in = new Transition(0, 12, Transition.Alignment.START_BLACK, -1, "Cross Dissolve", "Cross Dissolve");
        Transition out = new Transition(88, 100, Transition.Alignment.END_BLACK, -1, "Cross Dissolve", "Cross Dissolve");
        Sequence s = sequence(track(in, clip("a", file("A"), -1, 100, 0, 100), out));
        for (long f : new long[] {0, 5, 11, 50, 88, 99}) assertEquals(1, value(at(s, f), 1, ACTIVE), "frame " + f);
        assertEquals(100, KeyframeTable.of(s).lengthFrames());
    }

    @Test
    void disabledClipsAndTracksAreNotVisibleNorNumbered() {
        Sequence s = sequence(
                track(disabled(clip("x", file("X"), 0, 10, 0, 10)), clip("y", file("Y"), 10, 20, 0, 10)),
                new VideoTrack(false, List.of(clip("z", file("Z"), 0, 20, 0, 20))));
        assertEquals(0, value(at(s, 5), 1, ACTIVE));
        assertEquals(-1, value(at(s, 5), 1, ASSET));
        assertEquals(0, value(at(s, 15), 1, ASSET));  // Y is the first visible source
        assertEquals(0, value(at(s, 5), 2, ACTIVE));
        assertEquals(1, KeyframeTable.of(s).assetCount());
        assertEquals(20, KeyframeTable.of(s).lengthFrames()); // a disabled clip still ends on a video track
    }

    @Test
    void nestedMulticamAndGeneratorClipsAreAssets() {
        Sequence inner = sequence(track(clip("i", file("I"), 0, 10, 0, 10)));
        Sequence s = sequence(track(
                clip("n", new Source.Nested("seq-2", "Inner", inner), 0, 10, 0, 10),
                clip("m", new Source.Multicam("mc-1", "Cams"), 10, 20, 0, 10),
                clip("g", new Source.Generator("Color", "Black"), 20, 30, 0, 10),
                clip("g2", new Source.Generator("Color", "Black"), 30, 40, 0, 10),
                clip("g3", new Source.Generator("Color", "Red"), 40, 50, 0, 10)));
        long[] frames = {5, 15, 25, 35, 45};
        double[] expected = {0, 1, 2, 2, 3};
        for (int i = 0; i < frames.length; i++) {
            assertEquals(1, value(at(s, frames[i]), 1, ACTIVE));
            assertEquals(expected[i], value(at(s, frames[i]), 1, ASSET), "frame " + frames[i]);
        }
    }

    @Test
    void tracksAboveTwentyAreDropped() {
        List<VideoTrack> tracks = new ArrayList<>();
        for (int k = 1; k <= 22; k++) tracks.add(track(clip("c" + k, file("F" + k), k, 100 + k, 0, 100)));
        Sequence s = new Sequence("s", "Many", Timelines.PAL, 1920, 1080, 0, tracks);
        KeyframeTable t = KeyframeTable.of(s);
        assertEquals(2, t.droppedTracks());
        assertEquals(20, t.assetCount());
        double[] row = at(s, 50);
        assertEquals(19, value(row, 20, ASSET));
        assertEquals(KeyframeTable.VALUES, row.length);
    }

    @Test
    void ntscTimeAndExactSampling() {
        Rate ntsc30 = new Rate(30, true);
        Sequence s = sequence(ntsc30, track(clip("a", file("A"), 0, 7000, 0, 7000)));
        KeyframeTable t = KeyframeTable.of(s);
        List<long[]> frames = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        try {
            t.write(SamplingRate.parse("5", "test"), (frame, time, values) -> {
                frames.add(new long[] {frame});
                times.add(time);
            });
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        // Sample 1001 at 5/s of 30000/1001 fps is frame 1001 * 6000 / 1001 = 6000 exactly.
        assertEquals(6000, frames.get(1001)[0]);
        assertEquals(6000 * 1001 / 30000.0, times.get(1001), 1e-12);
        assertEquals(5, frames.get(1)[0]); // floor(5.994)
    }

    @Test
    void clipWithBothEndsMinusOneSitsBetweenItsTransitions() {
        // FCP7: a dissolve from nothing [0, 30), then a clip with start and end -1 (100 source frames),
        // then a dissolve into b. The clip starts where the transition before it starts: [0, 100).
        Clip a = withMotion(clip("a", file("A"), -1, -1, 50, 150), new Motion(keyed(50, 10, 150, 110), Param.constant(0), Param.constant(0)));
        Sequence s = sequence(track(
                new Transition(0, 30, Transition.Alignment.START, -1, "Cross Dissolve", "Cross Dissolve"),
                a, dissolve(90, 100), clip("b", file("B"), -1, 150, 0, 60)));
        KeyframeTable t = KeyframeTable.of(s);
        assertEquals(150, t.lengthFrames());
        assertEquals(1, value(at(s, 0), 1, ACTIVE));
        assertEquals(10, value(at(s, 0), 1, SCALE), EPS);    // source frame 50
        assertEquals(60, value(at(s, 50), 1, SCALE), EPS);   // source frame 100, halfway
        assertEquals(0, value(at(s, 94), 1, ASSET));         // cut at the dissolve's centre, 95
        assertEquals(1, value(at(s, 95), 1, ASSET));
    }

    @Test
    void aCutOutsideTheOverlapMovesToItsEdgeLeavingNoGap() {
        // As in Kraakeklubben Pgm 5 v3 (V1, frame 20720): the outgoing clip ends exactly where the
        // centred transition [20, 26) starts, the incoming one (start -1) begins there too. The centre
        // cut (23) lies outside their overlap (none), so each keeps its own frames.
        Sequence s = sequence(track(clip("a", file("A"), 0, 20, 0, 20), dissolve(20, 26), clip("b", file("B"), -1, 60, 0, 40)));
        assertEquals(0, value(at(s, 19), 1, ASSET));
        assertEquals(1, value(at(s, 20), 1, ACTIVE));
        assertEquals(1, value(at(s, 20), 1, ASSET));
        // Clips overlapping on [20, 24) with a cut point of 5 (frame 25, beyond the overlap): the split
        // moves to the overlap's end, 24.
        Sequence late = sequence(track(clip("a", file("A"), 0, 24, 0, 24),
                new Transition(20, 26, Transition.Alignment.CENTER, 5, "d", "d"), clip("b", file("B"), 20, 60, 0, 40)));
        assertEquals(0, value(at(late, 23), 1, ASSET));
        assertEquals(1, value(at(late, 24), 1, ASSET));
    }
}
