package dev.autoeditor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The laws of data preparation, checked on random inputs. */
class DataProperties {
    /** A captured window: its start, valid frames and a copy of its cells. */
    record Captured(int sequenceId, int startRow, long startFrame, int valid, byte[] active, byte[] asset, float[] regression) {}

    private static List<Captured> windowSequence(int rows, int length, int stride, int minFrames, long seed, List<KeyframeRow> fed) {
        WindowLayout layout = new WindowLayout(length, 8);
        List<Captured> out = new ArrayList<>();
        SequenceWindower w = new SequenceWindower(layout, stride, minFrames, Normaliser.identity(),
                r -> out.add(new Captured(r.sequenceId, r.startRow, r.startFrame, r.validFrames, r.active.clone(), r.asset.clone(),
                        r.regression.clone())));
        Random random = new Random(seed);
        w.begin(3);
        for (int i = 0; i < rows; i++) {
            KeyframeRow row = new KeyframeRow();
            row.frame = 10L * i + 7;
            for (int k = 0; k < KeyframeRow.TRACKS; k++) {
                row.active[k] = random.nextInt(3) == 0;
                row.asset[k] = row.active[k] ? random.nextInt(5) : -1;
                for (int f = 0; f < KeyframeRow.REGRESSIONS; f++) {
                    row.regression[k * KeyframeRow.REGRESSIONS + f] = row.active[k] ? i * 1000 + k * 10 + f : 0;
                }
            }
            fed.add(row);
            w.add(row);
        }
        int n = w.finish();
        assertEquals(n < 0 ? 0 : n, out.size());
        return n < 0 ? null : out;
    }

    @Property(tries = 300)
    void everyFrameOfAKeptSequenceLiesInAWindowAndMasksMarkExactlyThePadding(
            @ForAll @IntRange(min = 1, max = 400) int rows, @ForAll @IntRange(min = 1, max = 64) int length,
            @ForAll @IntRange(min = 1, max = 64) int strideWish, @ForAll @IntRange(min = 1, max = 80) int minFrames,
            @ForAll long seed) {
        int stride = 1 + (strideWish - 1) % length;
        List<KeyframeRow> fed = new ArrayList<>();
        List<Captured> windows = windowSequence(rows, length, stride, minFrames, seed, fed);
        if (rows < minFrames) {
            assertEquals(null, windows, "a short sequence is dropped");
            return;
        }
        assertNotNull(windows);
        boolean[] covered = new boolean[rows];
        for (Captured w : windows) {
            assertEquals(3, w.sequenceId());
            assertEquals(Math.min(length, rows - w.startRow()), w.valid(), "only the tail is padded");
            assertEquals(fed.get(w.startRow()).frame, w.startFrame());
            for (int t = 0; t < length; t++) {
                boolean real = t < w.valid();
                if (real) covered[w.startRow() + t] = true;
                for (int k = 0; k < KeyframeRow.TRACKS; k++) {
                    int cell = t * KeyframeRow.TRACKS + k;
                    boolean active = real && fed.get(w.startRow() + t).active[k];
                    assertEquals(active ? 1 : 0, w.active()[cell]);
                    if (!active) assertEquals(-1, w.asset()[cell]);
                    for (int f = 0; f < KeyframeRow.REGRESSIONS; f++) {
                        float expected = active ? (float) fed.get(w.startRow() + t).regression[k * KeyframeRow.REGRESSIONS + f] : 0f;
                        assertEquals(expected, w.regression()[cell * KeyframeRow.REGRESSIONS + f]);
                    }
                }
            }
        }
        for (int i = 0; i < rows; i++) assertTrue(covered[i], "row " + i + " of " + rows + " is in no window");
        for (int i = 0; i < windows.size(); i++) assertEquals(i * stride, windows.get(i).startRow());
        assertEquals(WindowerTest.expectedWindows(rows, length, stride), windows.size());
    }

    @Property(tries = 500)
    void normaliseThenDenormaliseGivesTheInputBack(@ForAll @DoubleRange(min = -1e4, max = 1e4) double center,
                                                   @ForAll @DoubleRange(min = 0.01, max = 1e4) double scale,
                                                   @ForAll @DoubleRange(min = -1e5, max = 1e5) double x,
                                                   @ForAll @IntRange(min = 0, max = 6) int field) {
        double[] c = new double[7];
        double[] s = new double[7];
        Arrays.fill(s, 1);
        c[field] = center;
        s[field] = scale;
        Normaliser n = new Normaliser("standard", c, s, Map.of());
        double back = n.denormalise(field, n.normalise(field, x));
        // z is a float: its relative error is at most 2^-24, which the scale carries back to x
        double tolerance = Math.ulp((float) ((x - center) / scale)) * scale + Math.ulp(x) * 4 + Math.ulp(center) * 4;
        assertEquals(x, back, tolerance);
    }

    @Property(tries = 200)
    void noProjectIsInTwoSplitsAndLinkedProjectsShareOne(@ForAll @IntRange(min = 1, max = 60) int projects,
                                                         @ForAll @IntRange(min = 0, max = 30) int sharedSequences,
                                                         @ForAll @DoubleRange(min = 0.05, max = 1) double train,
                                                         @ForAll @DoubleRange(min = 0, max = 1) double valShare,
                                                         @ForAll boolean drop, @ForAll long seed) {
        double val = (1 - train) * valShare * 0.999;
        Random r = new Random(seed);
        Map<String, String> projectHash = new LinkedHashMap<>();
        Map<String, List<String>> sequenceHashes = new LinkedHashMap<>();
        for (int p = 0; p < projects; p++) {
            String name = "p" + r.nextInt(1000) + "-" + p;
            // a few exact duplicates, and sequences shared between projects
            projectHash.put(name, r.nextInt(6) == 0 ? "dup" + r.nextInt(3) : "h" + p);
            List<String> seqs = new ArrayList<>();
            seqs.add("own" + p);
            if (sharedSequences > 0 && r.nextBoolean()) seqs.add("shared" + r.nextInt(sharedSequences));
            sequenceHashes.put(name, seqs);
        }
        SplitPlan plan = new SplitPlanner(train, val, drop, seed).plan(projectHash, sequenceHashes);
        Set<String> listed = new HashSet<>();
        for (Split s : Split.values()) for (String p : plan.projects(s)) assertTrue(listed.add(p), p + " is in two splits");
        for (String p : projectHash.keySet()) {
            assertTrue(listed.contains(p) ^ plan.duplicates().containsKey(p), p + " must be in exactly one split or dropped");
        }
        if (!drop) assertTrue(plan.duplicates().isEmpty());
        Map<String, Split> ofSequence = new HashMap<>();
        for (String p : listed) {
            for (String h : sequenceHashes.get(p)) {
                Split before = ofSequence.putIfAbsent(h, plan.splitOf().get(p));
                if (before != null) assertEquals(before, plan.splitOf().get(p), "sequence " + h + " straddles splits");
            }
            if (!drop) {
                for (String q : listed) {
                    if (projectHash.get(p).equals(projectHash.get(q))) assertEquals(plan.splitOf().get(p), plan.splitOf().get(q));
                }
            }
        }
        for (SplitPlan.Group g : plan.groups()) for (String p : g.projects()) assertEquals(g.split(), plan.splitOf().get(p));
        assertTrue(plan.groups().isEmpty() || !plan.projects(Split.TRAIN).isEmpty(), "train is never empty");
    }

    @Property(tries = 300)
    void relabellingIsABijectionInFirstAppearanceOrderUnderTheCap(@ForAll @IntRange(min = 2, max = 20) int classes,
                                                                  @ForAll @IntRange(min = 1, max = 200) int cells,
                                                                  @ForAll long seed) {
        Random r = new Random(seed);
        int distinctWanted = 1 + r.nextInt(classes - 1); // fewer than `classes`: under the cap
        int[] pool = r.ints(distinctWanted, -5, 100_000).toArray();
        int[] asset = new int[cells];
        boolean[] active = new boolean[cells];
        for (int i = 0; i < cells; i++) {
            active[i] = r.nextInt(4) > 0;
            asset[i] = pool[r.nextInt(pool.length)];
        }
        byte[] out = new byte[cells];
        new AssetRelabeller(classes).relabel(asset, active, cells, out);
        Map<Integer, Integer> forward = new LinkedHashMap<>();
        Map<Integer, Integer> backward = new HashMap<>();
        for (int i = 0; i < cells; i++) {
            if (!active[i]) {
                assertEquals(-1, out[i]);
                continue;
            }
            Integer c = forward.putIfAbsent(asset[i], (int) out[i]);
            if (c == null) assertEquals(forward.size() - 1, out[i], "first appearance order");
            else assertEquals((int) c, out[i], "one asset, one class");
            Integer a = backward.putIfAbsent((int) out[i], asset[i]);
            if (a != null) assertEquals((int) a, asset[i], "one class, one asset");
            assertTrue(out[i] < classes - 1, "the overflow class is not used under the cap");
        }
    }

    @Property(tries = 200)
    void overTheCapLaterAssetsShareTheOtherClass(@ForAll @IntRange(min = 2, max = 10) int classes, @ForAll long seed) {
        Random r = new Random(seed);
        int distinct = classes + 1 + r.nextInt(10);
        int[] asset = new int[distinct];
        boolean[] active = new boolean[distinct];
        for (int i = 0; i < distinct; i++) {
            asset[i] = 1000 + i;
            active[i] = true;
        }
        byte[] out = new byte[distinct];
        new AssetRelabeller(classes).relabel(asset, active, distinct, out);
        for (int i = 0; i < distinct; i++) assertEquals(Math.min(i, classes - 1), out[i]);
    }

    @Property(tries = 150)
    void batchesAfterSaveAndRestoreEqualThoseOfAnUninterruptedPass(@ForAll @IntRange(min = 0, max = 90) int windows,
                                                                   @ForAll @IntRange(min = 1, max = 17) int batchSize,
                                                                   @ForAll boolean dropLast, @ForAll boolean shuffle,
                                                                   @ForAll @IntRange(min = 0, max = 3) int prefetch,
                                                                   @ForAll @IntRange(min = 1, max = 3) int epochs,
                                                                   @ForAll @IntRange(min = 0, max = 1000) int cutWish,
                                                                   @ForAll long seed) {
        InMemoryWindowDataset data = new InMemoryWindowDataset(windows, 2);
        BatchIterator.Options options = new BatchIterator.Options(batchSize, dropLast, shuffle, seed, prefetch);
        List<long[]> uninterrupted = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            try (BatchIterator it = new BatchIterator(data, options, new BatchIterator.Position(e, 0))) {
                while (it.hasNext()) uninterrupted.add(ids(it.next()));
            }
        }
        int perEpoch = BatchIterator.batchesPerEpoch(windows, batchSize, dropLast);
        int cut = uninterrupted.isEmpty() ? 0 : cutWish % (uninterrupted.size() + 1);

        // run until the cut, save the position as a checkpoint would (through its map form), then resume
        List<long[]> resumed = new ArrayList<>();
        Map<String, Object> saved = BatchIterator.Position.START.toMap();
        outer:
        for (int e = 0; e < epochs; e++) {
            try (BatchIterator it = new BatchIterator(data, options, new BatchIterator.Position(e, 0))) {
                while (it.hasNext()) {
                    if (resumed.size() == cut) {
                        saved = it.position().toMap();
                        break outer;
                    }
                    resumed.add(ids(it.next()));
                }
                saved = it.resumePosition().toMap();
            }
        }
        BatchIterator.Position from = BatchIterator.Position.fromMap(saved);
        for (int e = from.epoch(); e < epochs; e++) {
            try (BatchIterator it = new BatchIterator(data, options, new BatchIterator.Position(e, e == from.epoch() ? from.batch() : 0))) {
                while (it.hasNext()) resumed.add(ids(it.next()));
            }
        }
        assertEquals(uninterrupted.size(), resumed.size());
        for (int i = 0; i < resumed.size(); i++) assertArrayEquals(uninterrupted.get(i), resumed.get(i), "batch " + i);
        assertEquals((long) perEpoch * epochs, uninterrupted.size());

        // every epoch visits each window at most once, and all of them unless the last batch is dropped
        for (int e = 0; e < epochs; e++) {
            Set<Long> seen = new HashSet<>();
            for (int b = 0; b < perEpoch; b++) for (long id : uninterrupted.get(e * perEpoch + b)) assertTrue(seen.add(id));
            if (!dropLast) assertEquals(windows, seen.size());
        }
    }

    private static long[] ids(WindowBatch batch) {
        // the windows' contents, not only their ids: the batch must carry what the dataset holds
        for (int row = 0; row < batch.size(); row++) {
            assertEquals((float) batch.windowIds()[row], batch.regression()[row * batch.length() * WindowBatch.TRACKS * WindowBatch.REGRESSIONS]);
        }
        return batch.windowIds().clone();
    }

    @Property(tries = 2000)
    void fastDecimalParsingAgreesWithTheJdk(@ForAll long mantissa, @ForAll @IntRange(min = 0, max = 25) int scale,
                                            @ForAll @IntRange(min = 0, max = 18) int digits) {
        long m = mantissa % (long) Math.pow(10, digits);
        String plain = new java.math.BigDecimal(java.math.BigInteger.valueOf(m), scale).toPlainString();
        double fast = FastDecimal.parse(plain);
        if (!Double.isNaN(fast)) assertEquals(Double.parseDouble(plain), fast, 0.0, plain);
        if (Math.abs(m) < 1_000_000_000_000_000L / 1000 && scale <= 22) assertTrue(!Double.isNaN(fast), plain + " takes the fast path");
        assertTrue(Double.isNaN(FastDecimal.parse(plain + "e3")), "exponents fall back");
    }
}
