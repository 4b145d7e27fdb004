package dev.autoeditor.timeline.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Laws of the table on random timelines with gaps, dissolves (-1 ends, or an outgoing clip ending where
 * the transition starts) and disabled clips and tracks.
 */
class KeyframeTableProperties {

    /** A random track: clips with gaps, some pairs joined by a dissolve; returns covered ranges by source. */
    private static VideoTrack randomTrack(Random rnd, int track, List<long[]> covered, Map<String, List<long[]>> bySource,
                                          List<Object[]> uses) {
        List<TrackItem> items = new ArrayList<>();
        boolean trackEnabled = rnd.nextInt(6) != 0;
        long t = rnd.nextInt(20);
        int clips = 1 + rnd.nextInt(5);
        boolean joinNext = false;
        long joinStart = 0;
        for (int i = 0; i < clips; i++) {
            long len = 10 + rnd.nextInt(40);
            String source = "S" + rnd.nextInt(6);
            boolean enabled = rnd.nextInt(5) != 0;
            boolean startsInTransition = joinNext;
            long start = startsInTransition ? joinStart : t;
            joinNext = i + 1 < clips && rnd.nextBoolean();
            // Some exports end the outgoing clip where the transition starts (no overlap at all).
            boolean butt = joinNext && rnd.nextInt(4) == 0;
            long end = start + len;
            long in = rnd.nextInt(100);
            Clip c = new Clip(track + "-" + i, source, enabled, startsInTransition ? -1 : start, joinNext && !butt ? -1 : end, in, in + len,
                    Timelines.file(source), new Motion(Param.constant(50 + i), Param.constant(0), Param.constant(0)), Crop.NONE, Set.of());
            items.add(c);
            if (trackEnabled && enabled) {
                uses.add(new Object[] {start, track, items.size() - 1, source});
                covered.add(new long[] {start, end});
                bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(new long[] {start, end});
            }
            if (joinNext) {
                long overlap = 2 + rnd.nextInt((int) Math.min(8, len - 2));
                joinStart = butt ? end : end - overlap;
                Transition.Alignment a = Transition.Alignment.values()[rnd.nextInt(3)];
                items.add(new Transition(joinStart, joinStart + overlap, a, rnd.nextBoolean() ? -1 : rnd.nextInt((int) overlap + 1), "Cross Dissolve", "Cross Dissolve"));
            } else {
                t = end + rnd.nextInt(15);
            }
        }
        return new VideoTrack(trackEnabled, items);
    }

    @Property(tries = 200)
    void activeExactlyWhereAVisibleClipIsAndAssetsNameACoveringSource(@ForAll long seed) {
        Random rnd = new Random(seed);
        int trackCount = 1 + rnd.nextInt(4);
        List<VideoTrack> tracks = new ArrayList<>();
        List<List<long[]>> covered = new ArrayList<>();
        List<Object[]> uses = new ArrayList<>();
        List<Map<String, List<long[]>>> bySource = new ArrayList<>();
        for (int k = 0; k < trackCount; k++) {
            covered.add(new ArrayList<>());
            bySource.add(new HashMap<>());
            tracks.add(randomTrack(rnd, k, covered.get(k), bySource.get(k), uses));
        }
        // Expected numbering, computed here independently: first use by start, then track, then position.
        uses.sort(java.util.Comparator.<Object[]>comparingLong(u -> (Long) u[0])
                .thenComparingInt(u -> (Integer) u[1]).thenComparingInt(u -> (Integer) u[2]));
        List<String> sourceOfAsset = new ArrayList<>();
        for (Object[] u : uses) if (!sourceOfAsset.contains((String) u[3])) sourceOfAsset.add((String) u[3]);
        Sequence s = new Sequence("s", "S", Timelines.PAL, 1920, 1080, 0, tracks);
        KeyframeTable table = KeyframeTable.of(s);
        List<double[]> rows = table.rows(SamplingRate.NATIVE);
        assertEquals(table.lengthFrames(), rows.size());
        assertEquals(sourceOfAsset.size(), table.assetCount());
        for (int f = 0; f < rows.size(); f++) {
            double[] row = rows.get(f);
            for (int k = 1; k <= KeyframeTable.TRACKS; k++) {
                double active = Timelines.value(row, k, KeyframeTable.ACTIVE);
                int asset = (int) Timelines.value(row, k, KeyframeTable.ASSET);
                boolean shouldBeActive = k <= trackCount && coveredAt(covered.get(k - 1), f);
                assertEquals(shouldBeActive ? 1 : 0, active, "frame " + f + " track " + k);
                if (!shouldBeActive) {
                    assertEquals(-1, asset);
                    for (int field = 2; field < KeyframeTable.FIELDS; field++) assertEquals(0, Timelines.value(row, k, field));
                    continue;
                }
                assertTrue(asset >= 0 && asset < table.assetCount());
                // The numbered source is one that covers this frame on this track.
                String source = sourceOfAsset.get(asset);
                assertTrue(coveredAt(bySource.get(k - 1).getOrDefault(source, List.of()), f),
                        "asset " + asset + " (" + source + ") at frame " + f + " track " + k + " does not cover it");
            }
        }
    }

    private static boolean coveredAt(List<long[]> ranges, long f) {
        for (long[] r : ranges) if (r[0] <= f && f < r[1]) return true;
        return false;
    }
}
