package dev.autoeditor.timeline.synth;

import static dev.autoeditor.timeline.synth.TimelineChecks.assertNear;
import static dev.autoeditor.timeline.synth.TimelineChecks.clipAt;
import static dev.autoeditor.timeline.synth.TimelineChecks.clips;
import static dev.autoeditor.timeline.synth.TimelineChecks.visibleEnd;
import static dev.autoeditor.timeline.synth.TimelineChecks.visibleStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The house style's rules (docs/synth.md) hold on every project, whatever the seed. */
class HouseStyleTest {
    static final double FPS = 25;
    /** Cut frames may sit this far from the rhythm's grid. */
    static final int JITTER = HouseStyle.JITTER_FRAMES;
    /** The fit scale of the house's HD cameras in its HD sequences, and the zoom every shot starts at. */
    static final double START_SCALE = 100 * HouseStyle.ZOOM;

    static Sequence house(long seed, int index) {
        return SynthStylesTest.generate(seed, index, SynthStyle.HOUSE);
    }

    /** Frames from the sequence start to the end of the k-th slot of the rhythm. */
    static long grid(int k) {
        double seconds = 0;
        for (int i = 0; i <= k; i++) seconds += HouseStyle.RHYTHM_S[i % HouseStyle.RHYTHM_S.length];
        return Math.round(seconds * FPS);
    }

    static int camera(Clip c) {
        String name = c.name();
        for (int cam = 0; cam < HouseStyle.CAMERA_NAMES.length; cam++) if (HouseStyle.CAMERA_NAMES[cam].equals(name)) return cam;
        throw new AssertionError("clip " + c.id() + " shows " + name + ", not a house camera");
    }

    @Property(tries = 40)
    void oneFormatOneTrackAndCutsOnTheRhythmsGrid(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5000) int index) {
        Sequence seq = house(seed, index);
        assertEquals(new Rate(25, false), seq.rate());
        assertEquals(1920, seq.width());
        assertEquals(1080, seq.height());
        VideoTrack v1 = seq.tracks().get(0);
        for (int k = 1; k < seq.tracks().size(); k++) assertTrue(seq.tracks().get(k).items().isEmpty(), "only V1 holds clips");
        for (long f = 0; f < seq.lengthFrames(); f++) assertNotNull(clipAt(v1, f), "V1 empty at " + f);
        List<Clip> shots = clips(v1);
        for (int k = 0; k + 1 < shots.size(); k++) {
            long cut = visibleEnd(shots.get(k), v1);
            assertEquals(cut, visibleStart(shots.get(k + 1), v1), "straight cut after shot " + k);
            assertTrue(Math.abs(cut - grid(k)) <= JITTER, "cut " + k + " at frame " + cut + ", grid " + grid(k));
        }
        // The last shot runs to the end: its own slot plus a remainder shorter than MIN_LAST_S.
        int last = shots.size() - 1;
        long lastLength = visibleEnd(shots.get(last), v1) - visibleStart(shots.get(last), v1);
        long slot = grid(last) - (last == 0 ? 0 : grid(last - 1));
        long minLast = Math.round(HouseStyle.MIN_LAST_S * FPS);
        if (last > 0) assertTrue(lastLength >= minLast, "last shot of " + lastLength + " frames");
        assertTrue(lastLength < slot + minLast + 2 * JITTER, "last shot of " + lastLength + " frames, its slot " + slot);
    }

    @Property(tries = 40)
    void shotLengthsFollowThePattern(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5000) int index) {
        Sequence seq = house(seed, index);
        VideoTrack v1 = seq.tracks().get(0);
        List<Clip> shots = clips(v1);
        for (int k = 0; k + 1 < shots.size(); k++) {
            long length = visibleEnd(shots.get(k), v1) - visibleStart(shots.get(k), v1);
            double expected = HouseStyle.RHYTHM_S[k % HouseStyle.RHYTHM_S.length] * FPS;
            assertTrue(Math.abs(length - expected) <= 2 * JITTER, "shot " + k + " lasts " + length + " frames, not " + expected);
        }
    }

    @Property(tries = 40)
    void camerasAlternateInSyncWithCutawaysOnlyInTheirSlot(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5000) int index) {
        Sequence seq = house(seed, index);
        List<Clip> shots = clips(seq.tracks().get(0));
        Map<Integer, Long> offsets = new HashMap<>();
        for (int k = 0; k < shots.size(); k++) {
            Clip c = shots.get(k);
            int slot = k % HouseStyle.RHYTHM_S.length;
            int cam = camera(c);
            if (slot == HouseStyle.CUTAWAY_SLOT) {
                assertTrue(cam == HouseStyle.CAMERA_A || cam == HouseStyle.CAMERA_C, "slot " + slot + " shows camera " + cam);
            } else {
                assertEquals(HouseStyle.SLOT_CAMERA[slot], cam, "camera of shot " + k);
            }
            if (k > 0) assertTrue(cam != camera(shots.get(k - 1)), "the same camera twice in a row at shot " + k);
            Long known = offsets.putIfAbsent(cam, c.in() - c.timelineStart());
            if (known != null) assertEquals(known, c.in() - c.timelineStart(), "camera " + cam + " stays in sync");
        }
    }

    @Property(tries = 40)
    void signatureCropZoomAndPushIn(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5000) int index) {
        Sequence seq = house(seed, index);
        for (Clip c : clips(seq.tracks().get(0))) {
            assertTrue(c.enabled(), "every house shot is enabled");
            assertConstant(HouseStyle.CROP_SIDES, c.crop().left(), c.id() + " left crop");
            assertConstant(HouseStyle.CROP_SIDES, c.crop().right(), c.id() + " right crop");
            assertConstant(0, c.crop().top(), c.id() + " top crop");
            assertConstant(0, c.crop().bottom(), c.id() + " bottom crop");
            assertEquals(0.0, TimelineChecks.min(c.motion().centerY()), c.id() + " centre y");
            assertEquals(0.0, TimelineChecks.max(c.motion().centerY()), c.id() + " centre y");
            double seconds = (c.out() - c.in()) / FPS;
            if (camera(c) == HouseStyle.CAMERA_C) {
                assertConstant(START_SCALE, c.motion().scale(), c.id() + " cutaway holds the zoom");
                assertConstant(0, c.motion().centerX(), c.id() + " cutaway centred");
                continue;
            }
            // A push-in: two linear keyframes at the clip's in and out, growing 1 % of fit per second.
            List<Keyframe> scale = c.motion().scale().keyframes();
            assertEquals(2, scale.size(), c.id() + " scale keyframes");
            assertEquals(c.in(), scale.get(0).when(), 1e-9);
            assertEquals(c.out(), scale.get(1).when(), 1e-9);
            assertNear(START_SCALE, scale.get(0).value(), 1e-4, c.id() + " starts at the house zoom");
            assertNear(START_SCALE + 100 * HouseStyle.PUSH_PER_SECOND * seconds, scale.get(1).value(), 1e-4, c.id() + " pushes in");
            assertTrue(scale.get(1).value() > scale.get(0).value(), c.id() + " scale grows");
            List<Keyframe> x = c.motion().centerX().keyframes();
            assertEquals(2, x.size(), c.id() + " drift keyframes");
            double sign = camera(c) == HouseStyle.CAMERA_A ? 1 : -1;
            assertEquals(0.0, x.get(0).value(), c.id() + " starts centred");
            assertNear(sign * HouseStyle.DRIFT_PER_SECOND * seconds, x.get(1).value(), 1e-4, c.id() + " drifts");
            for (Keyframe k : scale) assertTrue(k.inBez() == null && k.outBez() == null, "linear push-in");
        }
    }

    @Property(tries = 30)
    void fadesUpAndDownAndNoOtherTransition(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5000) int index) {
        Sequence seq = house(seed, index);
        List<Transition> transitions = TimelineChecks.transitions(seq.tracks().get(0));
        boolean oneShot = clips(seq.tracks().get(0)).size() == 1;
        assertEquals(oneShot ? 1 : 2, transitions.size(), transitions.toString());
        assertEquals(Transition.Alignment.START_BLACK, transitions.get(0).alignment());
        assertEquals(0, transitions.get(0).start());
        assertEquals(25, transitions.get(0).end() - transitions.get(0).start(), "one-second fade up");
        if (!oneShot) {
            Transition out = transitions.get(1);
            assertEquals(Transition.Alignment.END_BLACK, out.alignment());
            assertEquals(seq.lengthFrames(), out.end());
            assertEquals(25, out.end() - out.start(), "one-second fade down");
        }
    }

    /** What the model sees at 5 fps: the 4:3 window everywhere, scale rising inside each shot and reset at each cut. */
    @Test
    void theKeyframeTableShowsThePushInWithinEachShot() {
        SamplingRate five = SamplingRate.parse("5", "test");
        int steps = 0;
        int shotStarts = 0;
        for (int i = 0; i < 8; i++) {
            Sequence seq = SynthGenerator.project(new SynthOptions(i + 1, 5, List.of(SynthStyle.HOUSE), 30, 90), i)
                    .sequences().get(0);
            Map<Double, Integer> cameraOfAsset = new HashMap<>();
            List<Clip> shots = clips(seq.tracks().get(0));
            List<double[]> rows = KeyframeTable.of(seq).rows(five);
            for (int r = 0; r < rows.size(); r++) {
                double[] row = rows.get(r);
                assertEquals(1.0, SynthTableTest.v(row, 1, KeyframeTable.ACTIVE), "V1 active in row " + r);
                assertEquals(HouseStyle.CROP_SIDES, SynthTableTest.v(row, 1, KeyframeTable.CROP_LEFT), 1e-9);
                assertEquals(HouseStyle.CROP_SIDES, SynthTableTest.v(row, 1, KeyframeTable.CROP_RIGHT), 1e-9);
                double scale = SynthTableTest.v(row, 1, KeyframeTable.SCALE);
                assertTrue(scale >= START_SCALE - 1e-9 && scale <= START_SCALE + 100 * HouseStyle.PUSH_PER_SECOND * 11,
                        "scale " + scale + " in row " + r);
                // Which camera the row shows: the clip on V1 at that frame (5 fps of a 25 fps sequence: every 5th frame).
                Clip shown = clipAt(seq.tracks().get(0), r * 5L);
                double asset = SynthTableTest.v(row, 1, KeyframeTable.ASSET);
                Integer known = cameraOfAsset.putIfAbsent(asset, camera(shown));
                if (known != null) assertEquals(known.intValue(), camera(shown), "one asset number per camera");
                if (r == 0) continue;
                double[] prev = rows.get(r - 1);
                double prevScale = SynthTableTest.v(prev, 1, KeyframeTable.SCALE);
                boolean sameShot = clipAt(seq.tracks().get(0), (r - 1) * 5L) == shown;
                if (!sameShot) {
                    shotStarts++;
                    assertTrue(asset != SynthTableTest.v(prev, 1, KeyframeTable.ASSET), "every cut changes the asset");
                    assertTrue(scale <= START_SCALE + 100 * HouseStyle.PUSH_PER_SECOND * 0.2 + 1e-9,
                            "the zoom restarts at a cut, got " + scale + " in row " + r);
                } else if (camera(shown) == HouseStyle.CAMERA_C) {
                    assertEquals(prevScale, scale, 1e-9, "the cutaway holds still");
                } else {
                    steps++;
                    assertTrue(scale > prevScale, "scale rises within a shot: " + prevScale + " then " + scale + " in row " + r);
                }
            }
            assertEquals(shots.size() - 1, shotStarts, "every cut shows in the table");
            shotStarts = 0;
        }
        assertTrue(steps > 500, steps + " steps within shots");
    }

    @Test
    void theDefaultPretrainingMixLeavesTheHouseStyleOutAndTheFinetuneDataIsTwelveHouseProjects() {
        Config defaults = ConfigLoader.defaults();
        assertFalse(SynthOptions.fromConfig(defaults).styles().contains(SynthStyle.HOUSE), "house is not pretraining data");
        SynthOptions finetune = SynthOptions.finetuneFromConfig(defaults);
        assertEquals(12, finetune.projects());
        assertEquals(List.of(SynthStyle.HOUSE), finetune.styles());
        assertEquals(defaults.getLong("seed"), finetune.seed());
        assertEquals("synth-0012-house", finetune.projectName(11));
        for (String key : SynthOptions.FINETUNE_KEYS) assertTrue(defaults.has(key), key + " is a config key");
    }

    @Test
    void aBadFinetuneStyleOrCountIsAnErrorNamingTheKey() {
        Config defaults = ConfigLoader.defaults();
        ConfigException style = assertThrows(ConfigException.class,
                () -> SynthOptions.finetuneFromConfig(defaults.with(Map.of("finetune.synth_style", "hous"))));
        assertTrue(style.getMessage().contains("'finetune.synth_style' is 'hous'") && style.getMessage().contains("house"),
                style.getMessage());
        ConfigException count = assertThrows(ConfigException.class,
                () -> SynthOptions.finetuneFromConfig(defaults.with(Map.of("finetune.synth_projects", 0))));
        assertTrue(count.getMessage().contains("finetune.synth_projects"), count.getMessage());
    }

    private static void assertConstant(double expected, Param p, String what) {
        assertFalse(p.animated(), what + " is not animated");
        assertNear(expected, p.value(), 1e-9, what);
    }
}
