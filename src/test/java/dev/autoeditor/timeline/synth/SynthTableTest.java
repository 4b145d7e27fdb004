package dev.autoeditor.timeline.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the model sees: each style's pattern shows in the keyframe table, and the row count is predicted exactly. */
class SynthTableTest {
    static final SamplingRate FIVE = SamplingRate.parse("5", "test");

    static Sequence sequence(SynthStyle style, int index) {
        return SynthGenerator.project(new SynthOptions(index + 1, 99, List.of(style), 30, 90), index).sequences().get(0);
    }

    static double v(double[] row, int track, int field) {
        return row[(track - 1) * KeyframeTable.FIELDS + field];
    }

    @Test
    void predictedRowsEqualWhatConvertSamples() {
        SynthOptions options = new SynthOptions(10, 4, List.of(SynthStyle.values()), 20, 60);
        for (String s : List.of("5", "2.5", "30000/1001", "native", "60")) {
            SamplingRate sampling = SamplingRate.parse(s, "test");
            for (int i = 0; i < options.projects(); i++) {
                Sequence seq = SynthGenerator.project(options, i).sequences().get(0);
                long expected = KeyframeTable.of(seq).sampler(sampling).count();
                assertEquals(expected, SynthSummary.rows(new SynthSummary.SequenceLength(seq.rate(), seq.lengthFrames()), sampling),
                        seq.name() + " at " + s);
            }
        }
    }

    @Test
    void interviewAndMulticamKeepV1OnAndMulticamHidesItsAlternatives() {
        for (int i = 0; i < 5; i++) {
            for (double[] row : KeyframeTable.of(sequence(SynthStyle.INTERVIEW, i)).rows(FIVE)) {
                assertEquals(1.0, v(row, 1, KeyframeTable.ACTIVE));
                assertEquals(0.0, v(row, 1, KeyframeTable.ASSET), "one interview source, first asset");
            }
            Set<Double> angles = new HashSet<>();
            for (double[] row : KeyframeTable.of(sequence(SynthStyle.MULTICAM, i)).rows(FIVE)) {
                assertEquals(1.0, v(row, 1, KeyframeTable.ACTIVE));
                assertEquals(0.0, v(row, 2, KeyframeTable.ACTIVE), "disabled alternative angles are not visible");
                angles.add(v(row, 1, KeyframeTable.ASSET));
            }
            assertTrue(angles.size() >= 2, "cuts between cameras");
        }
    }

    @Test
    void vlogOverlaysAndSplitScreenColumnsShowInTheTable() {
        int overlayRows = 0;
        int splitRows = 0;
        for (int i = 0; i < 5; i++) {
            for (double[] row : KeyframeTable.of(sequence(SynthStyle.VLOG, i)).rows(FIVE)) {
                if (v(row, 2, KeyframeTable.ACTIVE) == 0) continue;
                overlayRows++;
                assertTrue(v(row, 2, KeyframeTable.SCALE) < 100 && Math.abs(v(row, 2, KeyframeTable.POS_X)) >= 0.2,
                        "overlay small and to one side");
            }
            for (double[] row : KeyframeTable.of(sequence(SynthStyle.SPLIT_SCREEN, i)).rows(FIVE)) {
                if (v(row, 2, KeyframeTable.ACTIVE) == 0) continue;
                splitRows++;
                assertEquals(1.0, v(row, 1, KeyframeTable.ACTIVE));
                assertTrue(v(row, 1, KeyframeTable.POS_X) < v(row, 2, KeyframeTable.POS_X), "V1 left of V2");
                assertEquals(v(row, 2, KeyframeTable.CROP_LEFT), v(row, 2, KeyframeTable.CROP_RIGHT), 1e-9);
                assertTrue(v(row, 2, KeyframeTable.CROP_LEFT) >= 25 - 1e-9, "a cropped strip");
            }
        }
        assertTrue(overlayRows > 0 && splitRows > 0);
    }

    @Test
    void montageZoomsWithinShots() {
        int sameShot = 0;
        int zooming = 0;
        for (int i = 0; i < 5; i++) {
            List<double[]> rows = KeyframeTable.of(sequence(SynthStyle.MONTAGE, i)).rows(FIVE);
            for (int r = 1; r < rows.size(); r++) {
                double[] a = rows.get(r - 1);
                double[] b = rows.get(r);
                if (v(a, 1, KeyframeTable.ACTIVE) == 0 || v(b, 1, KeyframeTable.ASSET) != v(a, 1, KeyframeTable.ASSET)) continue;
                sameShot++;
                if (v(a, 1, KeyframeTable.SCALE) != v(b, 1, KeyframeTable.SCALE)) zooming++;
            }
        }
        assertTrue(zooming > 0.6 * sameShot, zooming + " of " + sameShot + " steps within a shot change the scale");
    }
}
