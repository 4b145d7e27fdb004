package dev.autoeditor.timeline.synth;

import static dev.autoeditor.timeline.synth.TimelineChecks.assertNear;
import static dev.autoeditor.timeline.synth.TimelineChecks.clipAt;
import static dev.autoeditor.timeline.synth.TimelineChecks.clips;
import static dev.autoeditor.timeline.synth.TimelineChecks.settled;
import static dev.autoeditor.timeline.synth.TimelineChecks.visibleEnd;
import static dev.autoeditor.timeline.synth.TimelineChecks.visibleStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Each style's documented rules (docs/synth.md) hold on every project, whatever the seed. */
class SynthStylesTest {

    static Sequence generate(long seed, int index, SynthStyle style) {
        SynthOptions options = new SynthOptions(index + 1, seed, List.of(style), 20, 120);
        return SynthGenerator.project(options, index).sequences().get(0);
    }

    static long frames(Sequence seq, double seconds) {
        return Math.round(seconds * seq.rate().fps());
    }

    static double fitScale(Sequence seq, Source.File f) {
        return 100.0 * Math.min((double) seq.width() / f.width(), (double) seq.height() / f.height());
    }

    @Property(tries = 60)
    void everyClipIsValid(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5000) int index, @ForAll SynthStyle style) {
        TimelineChecks.assertValid(generate(seed, index, style));
    }

    @Property(tries = 40)
    void shortestAndLongestAllowedSequencesAreValidToo(@ForAll long seed, @ForAll @IntRange(min = 0, max = 99) int index,
                                                       @ForAll SynthStyle style, @ForAll boolean shortest) {
        double lo = shortest ? 5 : 1500;
        SynthOptions options = new SynthOptions(index + 1, seed, List.of(style), lo, lo + 1);
        TimelineChecks.assertValid(SynthGenerator.project(options, index).sequences().get(0));
    }

    @Property(tries = 25)
    void interviewV1NeverEmptyAndBrollShotsInRange(@ForAll long seed, @ForAll @IntRange(min = 0, max = 999) int index) {
        Sequence seq = generate(seed, index, SynthStyle.INTERVIEW);
        VideoTrack v1 = seq.tracks().get(0);
        for (long f = 0; f < seq.lengthFrames(); f++) assertNotNull(clipAt(v1, f), "V1 empty at frame " + f);
        assertEquals(1, clips(v1).stream().map(c -> c.source().key()).distinct().count(), "one interview source on V1");
        VideoTrack v2 = seq.tracks().get(1);
        for (Clip c : clips(v2)) {
            long len = visibleEnd(c, v2) - visibleStart(c, v2);
            assertTrue(len >= frames(seq, InterviewStyle.BROLL_SHOT.min()) - 1
                    && len <= frames(seq, InterviewStyle.BROLL_SHOT.max()) + 1, "B-roll shot of " + len + " frames");
            Source.File f = (Source.File) c.source();
            assertNear(fitScale(seq, f), TimelineChecks.min(c.motion().scale()), 0.01, "B-roll starts full frame");
            assertEquals(0.0, c.motion().centerX().value(), "B-roll centred");
        }
    }

    @Property(tries = 25)
    void vlogOverlaysAreSmallAndInOneCorner(@ForAll long seed, @ForAll @IntRange(min = 0, max = 999) int index) {
        Sequence seq = generate(seed, index, SynthStyle.VLOG);
        VideoTrack v1 = seq.tracks().get(0);
        for (long f = 0; f < seq.lengthFrames(); f++) assertNotNull(clipAt(v1, f), "host missing at frame " + f);
        Set<String> corners = new HashSet<>();
        for (Clip c : clips(seq.tracks().get(1))) {
            Source.File f = (Source.File) c.source();
            double scale = TimelineChecks.max(c.motion().scale());
            assertTrue(scale < 100, "overlay scale " + scale);
            assertTrue(scale <= fitScale(seq, f) * (VlogStyle.PIP_MAX + 0.02) + 1e-3, "overlay at most 42% of the frame");
            double x = c.motion().centerX().value();
            double y = c.motion().centerY().value();
            assertTrue(Math.abs(x) >= 0.2 && Math.abs(y) >= 0.15, "overlay off centre, got " + x + ", " + y);
            corners.add(Math.signum(x) + "," + Math.signum(y));
        }
        assertTrue(corners.size() <= 1, "one corner per project, got " + corners);
    }

    @Property(tries = 25)
    void splitScreenPanelsAreCroppedColumns(@ForAll long seed, @ForAll @IntRange(min = 0, max = 999) int index) {
        Sequence seq = generate(seed, index, SynthStyle.SPLIT_SCREEN);
        int n = seq.tracks().size() >= 3 && !clips(seq.tracks().get(2)).isEmpty() ? 3 : 2;
        double side = 50.0 * (1 - 1.0 / n);
        VideoTrack v2 = seq.tracks().get(1);
        for (Clip panel2 : clips(v2)) {
            long mid = (visibleStart(panel2, v2) + visibleEnd(panel2, v2)) / 2;
            for (int i = 0; i < n; i++) {
                VideoTrack track = seq.tracks().get(i);
                Clip c = clipAt(track, mid);
                assertNotNull(c, "panel " + (i + 1) + " missing at frame " + mid);
                assertNear(side, settled(c.crop().left()), 1e-3, "left crop of panel " + (i + 1));
                assertNear(side, settled(c.crop().right()), 1e-3, "right crop of panel " + (i + 1));
                assertNear(-0.5 + (i + 0.5) / n, c.motion().centerX().value(), 1e-3, "column of panel " + (i + 1));
            }
        }
        VideoTrack v1 = seq.tracks().get(0);
        for (long f = 0; f < seq.lengthFrames(); f++) {
            Clip c = clipAt(v1, f);
            assertNotNull(c, "V1 empty at " + f);
            if (clipAt(v2, f) == null) {
                assertEquals(0.0, settled(c.crop().left()), "full-screen speaker uncropped at " + f);
                assertEquals(0.0, c.motion().centerX().value(), "full-screen speaker centred at " + f);
            }
        }
    }

    @Property(tries = 25)
    void montageStillsPanAndZoomAndCutOnTheBeat(@ForAll long seed, @ForAll @IntRange(min = 0, max = 999) int index) {
        Sequence seq = generate(seed, index, SynthStyle.MONTAGE);
        VideoTrack v1 = seq.tracks().get(0);
        List<Clip> shots = clips(v1);
        for (Clip c : shots) {
            if (c.source() instanceof Source.File f && f.still()) {
                assertEquals(2, c.motion().scale().keyframes().size(), "zoom keyframes on " + c.id());
                assertEquals(c.in(), c.motion().scale().keyframes().get(0).when(), 1e-9, "first keyframe at in");
                assertEquals(c.out(), c.motion().scale().keyframes().get(1).when(), 1e-9, "last keyframe at out");
                assertTrue(c.motion().centerX().animated() && c.motion().centerY().animated(), "drift on " + c.id());
                double fill = 100.0 * Math.max((double) seq.width() / f.width(), (double) seq.height() / f.height());
                assertTrue(TimelineChecks.min(c.motion().scale()) >= fill - 1e-3, "still covers the frame");
            }
        }
        // Cuts (not the sequence end) sit on one beat grid of 90-130 BPM, to the nearest frame.
        double fps = seq.rate().fps();
        long[] cuts = shots.subList(0, shots.size() - 1).stream().mapToLong(c -> visibleEnd(c, v1)).toArray();
        boolean onGrid = false;
        for (double bpm = MontageStyle.BPM_MIN; bpm <= MontageStyle.BPM_MAX && !onGrid; bpm += 0.0005) {
            double beat = 60.0 / bpm;
            boolean all = true;
            for (long cut : cuts) {
                double beats = cut / fps / beat;
                if (Math.abs(beats - Math.rint(beats)) * beat * fps > 0.51) {
                    all = false;
                    break;
                }
            }
            onGrid = all;
        }
        assertTrue(onGrid, "cuts on a beat grid: " + java.util.Arrays.toString(cuts));
    }

    @Property(tries = 25)
    void multicamCutsBetweenSyncedAngles(@ForAll long seed, @ForAll @IntRange(min = 0, max = 999) int index) {
        Sequence seq = generate(seed, index, SynthStyle.MULTICAM);
        VideoTrack v1 = seq.tracks().get(0);
        for (long f = 0; f < seq.lengthFrames(); f++) assertNotNull(clipAt(v1, f), "V1 empty at " + f);
        for (Transition t : TimelineChecks.transitions(v1)) {
            assertNotEquals(Transition.Alignment.CENTER, t.alignment(), "multicam cuts are straight");
        }
        List<Clip> shots = clips(v1);
        Map<String, Long> offsets = new HashMap<>();
        for (int i = 0; i < shots.size(); i++) {
            Clip c = shots.get(i);
            long offset = c.in() - c.timelineStart();
            Long known = offsets.putIfAbsent(c.source().key(), offset);
            if (known != null) assertEquals(known, offset, "angle " + c.name() + " stays in sync");
            if (i > 0) {
                Clip p = shots.get(i - 1);
                boolean sameAngle = p.source().key().equals(c.source().key())
                        && p.motion().scale().value() == c.motion().scale().value();
                assertTrue(!sameAngle, "two shots of one angle in a row at " + c.id());
            }
        }
        for (Clip alt : clips(seq.tracks().get(1))) assertTrue(!alt.enabled(), "alternative angles are disabled");
    }
}
