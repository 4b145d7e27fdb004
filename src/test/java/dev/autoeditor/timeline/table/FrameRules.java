package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.timeline.xmeml.XmemlWriter;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stand-ins for the generation loop, for tests: they decide frames through the builder's cursor the
 * way the loop does (a new class takes {@link SourceCursor#sourceForNewClass}, a source that runs out
 * makes the track cut with {@link SourceCursor#forcedCutFrom}, values within {@link FieldLimits}),
 * and the checks that the written edit gives the frames back.
 */
final class FrameRules {
    private static final int F = KeyframeTable.FIELDS;
    private static final int R = KeyframeColumns.REGRESSIONS;

    private FrameRules() {}

    /** Statistics of one rule run: new-class decodes and forced cuts asked for. */
    record Stats(int newClasses, int forcedCuts) {}

    /**
     * Persistence with a cut every {@code every} samples on each active track to a source the track
     * did not show (a new class; the shot goes on when there is none), starting from the last context
     * frame (or V1 on the first new source when there is no context).
     */
    static Stats persistenceWithCuts(ContinuationBuilder b, int samples, int every) {
        PromptCut cut = b.cut();
        double[] previous = cut.firstSample() > 0 ? cut.contextRow(cut.firstSample() - 1) : inactive();
        if (cut.firstSample() == 0 || !anyActive(previous, b)) {
            previous = inactive();
            previous[KeyframeTable.ACTIVE] = 1;
            previous[KeyframeTable.ASSET] = Integer.MAX_VALUE; // "new" on V1
            previous[KeyframeTable.SCALE] = 100;
        }
        int newClasses = 0;
        for (int i = 0; i < samples; i++) {
            SourceCursor cursor = b.cursor();
            double[] row = inactive();
            for (int k = 0; k < KeyframeTable.TRACKS; k++) {
                int base = k * F;
                if (previous[base + KeyframeTable.ACTIVE] != 1 || !b.trackEnabled(k)) continue;
                int asset = (int) Math.min(previous[base + KeyframeTable.ASSET], Integer.MAX_VALUE);
                boolean cutNow = (i + 1) % every == 0 || asset >= cursor.assetCount();
                if (cutNow) {
                    int shown = asset;
                    int next = cursor.sourceForNewClass(a -> a == shown, k);
                    newClasses++;
                    // With no other source to cut to, the shot goes on (a new V1 source needs one).
                    if (next >= 0 || shown >= cursor.assetCount()) asset = next;
                }
                if (asset >= 0 && cursor.runsOut(asset, k)) asset = cursor.forcedCutFrom(asset, k);
                double[] regressions = new double[R];
                for (int f = 0; f < R; f++) regressions[f] = FieldLimits.clamp(f, previous[base + 2 + f]);
                if (asset < 0) continue;
                b.placeTrack(k, asset, regressions);
                row[base + KeyframeTable.ACTIVE] = 1;
                row[base + KeyframeTable.ASSET] = asset;
                System.arraycopy(regressions, 0, row, base + 2, R);
            }
            b.endFrame();
            previous = row;
        }
        return new Stats(newClasses, b.cursor().forcedCuts());
    }

    /**
     * Random frames: per track, runs of random length showing nothing, a context asset, another
     * numbered one or a new class; values held, stepped or ramped within their limits.
     */
    static Stats random(ContinuationBuilder b, int samples, Random r, int maxTrack) {
        PromptCut cut = b.cut();
        int[] asset = new int[maxTrack];
        int[] left = new int[maxTrack];
        double[][] values = new double[maxTrack][R];
        double[][] slope = new double[maxTrack][R];
        java.util.Arrays.fill(asset, -1);
        int newClasses = 0;
        for (int i = 0; i < samples; i++) {
            SourceCursor cursor = b.cursor();
            for (int k = 0; k < maxTrack; k++) {
                if (!b.trackEnabled(k)) continue;
                if (left[k]-- <= 0) {
                    left[k] = 1 + r.nextInt(12);
                    int pick = r.nextInt(5);
                    if (pick == 0) asset[k] = -1;
                    else if (pick <= 2 && cursor.assetCount() > 0) asset[k] = r.nextInt(cursor.assetCount());
                    else {
                        Set<Integer> context = new HashSet<>();
                        for (int a = 0; a < cursor.assetCount(); a++) if (r.nextBoolean()) context.add(a);
                        asset[k] = cursor.sourceForNewClass(context::contains, k);
                        newClasses++;
                    }
                    for (int f = 0; f < R; f++) {
                        values[k][f] = f == 0 ? 50 + r.nextInt(200) : f <= 2 ? (r.nextInt(200) - 100) / 400.0 : r.nextInt(3) == 0 ? r.nextInt(40) : 0;
                        slope[k][f] = r.nextInt(3) == 0 ? (r.nextDouble() - 0.5) * (f == 0 ? 4 : f <= 2 ? 0.02 : 2) : 0;
                    }
                }
                if (asset[k] >= 0 && cursor.runsOut(asset[k], k)) asset[k] = cursor.forcedCutFrom(asset[k], k);
                if (asset[k] < 0) {
                    b.placeTrack(k, -1, new double[R]);
                    continue;
                }
                double[] v = new double[R];
                for (int f = 0; f < R; f++) {
                    if (r.nextInt(10) == 0) values[k][f] += (r.nextDouble() - 0.5) * (f == 0 ? 10 : f <= 2 ? 0.05 : 5);
                    values[k][f] = FieldLimits.clamp(f, values[k][f] + slope[k][f]);
                    v[f] = values[k][f];
                }
                b.placeTrack(k, asset[k], v);
            }
            b.endFrame();
        }
        return new Stats(newClasses, b.cursor().forcedCuts());
    }



    private static boolean anyActive(double[] row, ContinuationBuilder b) {
        for (int k = 0; k < KeyframeTable.TRACKS; k++) if (row[k * F] == 1 && b.trackEnabled(k)) return true;
        return false;
    }

    private static double[] inactive() {
        double[] row = new double[KeyframeTable.VALUES];
        for (int k = 0; k < KeyframeTable.TRACKS; k++) row[k * F + KeyframeTable.ASSET] = -1;
        return row;
    }

    /** Writes the edit, reads it back (no warnings) and returns its one sequence. */
    static Sequence writeAndRead(Project edit) {
        String xml = new XmemlWriter().toXml(edit);
        Project back = new XmemlReader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "edit.xml", edit.name());
        assertEquals(List.of(), back.warnings(), "the written edit reads back without a warning");
        assertEquals(1, back.sequences().size());
        return back.sequences().get(0);
    }

    /**
     * Converts {@code read} at the cut's sampling and compares: the context rows exactly, the
     * generated frames' active and asset exactly and their regressions within the tolerance + 1e-4.
     */
    static void assertFramesBack(Sequence read, PromptCut cut, List<double[]> frames, KeyframeTolerance tolerance) {
        KeyframeTable table = KeyframeTable.of(read);
        double[] row = new double[KeyframeTable.VALUES];
        for (long i = 0; i < cut.firstSample(); i++) {
            table.fill(cut.frameOfSample(i), row);
            assertTrue(java.util.Arrays.equals(cut.contextRow(i), row), "context sample " + i + " converts as the cut");
        }
        List<String> errors = new ArrayList<>();
        for (int j = 0; j < frames.size(); j++) {
            long sample = cut.firstSample() + j;
            table.fill(cut.frameOfSample(sample), row);
            double[] want = frames.get(j);
            for (int k = 0; k < KeyframeTable.TRACKS; k++) {
                int base = k * F;
                for (int f = 0; f < F; f++) {
                    double got = row[base + f];
                    double expected = want[base + f];
                    boolean good = f < 2 ? got == expected : Math.abs(got - expected) <= tolerance.of(f - 2) + 1e-4;
                    if (!good && errors.size() < 10) {
                        errors.add("sample " + sample + " V" + (k + 1) + " " + KeyframeColumns.TRACK_FIELDS.get(f) + ": wrote "
                                + expected + ", read " + got);
                    }
                }
            }
        }
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }
}
