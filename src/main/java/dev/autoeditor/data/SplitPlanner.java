package dev.autoeditor.data;

import dev.autoeditor.config.ConfigException;
import dev.autoeditor.util.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits projects into train, validation and test without leakage.
 *
 * <ol>
 *   <li>Exact duplicates: a project whose whole track hash (all its sequences in order) equals that of a
 *       project earlier by name is a re-export; with {@code dropDuplicates} it is dropped and counted.</li>
 *   <li>Groups: projects that share any sequence with identical per-frame track values (and at least one
 *       active entry: an empty sequence carries no edit) are linked, and so are kept exact duplicates;
 *       linked projects form one group, so a re-exported or partly re-used edit never sits on both
 *       sides of a split.</li>
 *   <li>Groups are ordered by their first project name, shuffled with a seed derived from the master
 *       seed, and the first round(n * train) go to train, the next round(n * val) to validation, the
 *       rest to test. With three or more groups, a split whose fraction is above 0 gets at least one
 *       group (taken from train), so small corpora still have a validation and a test split.</li>
 * </ol>
 */
public final class SplitPlanner {
    private final double trainFraction;
    private final double valFraction;
    private final boolean dropDuplicates;
    private final long seed;

    public SplitPlanner(double trainFraction, double valFraction, boolean dropDuplicates, long seed) {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new ConfigException("config key 'preprocess.train_fraction' is " + trainFraction + "; it must lie in (0, 1]");
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new ConfigException("config key 'preprocess.val_fraction' is " + valFraction + "; it must lie in [0, 1)");
        }
        if (trainFraction + valFraction > 1 + 1e-9) {
            throw new ConfigException("preprocess.train_fraction + preprocess.val_fraction is " + (trainFraction + valFraction)
                    + "; it must be at most 1 (the rest is the test split)");
        }
        this.trainFraction = trainFraction;
        this.valFraction = valFraction;
        this.dropDuplicates = dropDuplicates;
        this.seed = seed;
    }

    /**
     * @param projectHash    project name to the hash of all its track values
     * @param sequenceHashes project name to the hashes of its non-empty sequences
     */
    public SplitPlan plan(Map<String, String> projectHash, Map<String, List<String>> sequenceHashes) {
        TreeMap<String, String> byName = new TreeMap<>(projectHash);
        Map<String, String> firstWithHash = new HashMap<>();
        Map<String, String> duplicates = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (var e : byName.entrySet()) {
            String original = firstWithHash.putIfAbsent(e.getValue(), e.getKey());
            if (original != null && dropDuplicates) duplicates.put(e.getKey(), original);
            else kept.add(e.getKey());
        }

        UnionFind links = new UnionFind(kept);
        // kept duplicates (when not dropping) stay together even if none of their sequences has an active entry
        for (String p : kept) links.union(firstWithHash.get(projectHash.get(p)), p);
        Map<String, String> ownerOfSequence = new HashMap<>();
        for (String p : kept) {
            for (String h : sequenceHashes.getOrDefault(p, List.of())) {
                String other = ownerOfSequence.putIfAbsent(h, p);
                if (other != null) links.union(other, p);
            }
        }
        Map<String, TreeSet<String>> members = new TreeMap<>();
        for (String p : kept) members.computeIfAbsent(links.find(p), r -> new TreeSet<>()).add(p);
        List<List<String>> groups = new ArrayList<>();
        for (TreeSet<String> g : members.values()) groups.add(List.copyOf(g));
        groups.sort((x, y) -> x.get(0).compareTo(y.get(0)));

        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, "preprocess.split"));
        for (int i = groups.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            List<String> t = groups.get(i);
            groups.set(i, groups.get(j));
            groups.set(j, t);
        }

        int[] counts = counts(groups.size());
        Map<String, Split> splitOf = new TreeMap<>();
        List<SplitPlan.Group> planned = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Split s = i < counts[0] ? Split.TRAIN : i < counts[0] + counts[1] ? Split.VAL : Split.TEST;
            planned.add(new SplitPlan.Group(i, groups.get(i), s));
            for (String p : groups.get(i)) splitOf.put(p, s);
        }
        return new SplitPlan(splitOf, planned, duplicates);
    }

    /** Groups per split: {train, val, test}. */
    int[] counts(int n) {
        if (n == 0) return new int[] {0, 0, 0};
        int train = Math.max(1, (int) Math.round(n * trainFraction)); // train is never empty
        int val = Math.min((int) Math.round(n * valFraction), n - train);
        int test = n - train - val;
        if (n >= 3) {
            if (valFraction > 0 && val == 0 && train > 1) { val = 1; train--; }
            if (1 - trainFraction - valFraction > 1e-9 && test == 0) {
                if (train > 1) { train--; test = 1; }
                else if (val > 1) { val--; test = 1; }
            }
        }
        return new int[] {train, val, test};
    }

    /** Disjoint sets over project names, for linking projects that share a sequence. */
    private static final class UnionFind {
        private final Map<String, String> parent = new HashMap<>();

        UnionFind(List<String> items) {
            for (String s : items) parent.put(s, s);
        }

        String find(String x) {
            String root = x;
            while (!parent.get(root).equals(root)) root = parent.get(root);
            while (!parent.get(x).equals(root)) {
                String next = parent.get(x);
                parent.put(x, root);
                x = next;
            }
            return root;
        }

        void union(String x, String y) {
            String rx = find(x);
            String ry = find(y);
            if (rx.equals(ry)) return;
            // the smaller name becomes the root, so the result does not depend on the order of unions
            if (rx.compareTo(ry) < 0) parent.put(ry, rx);
            else parent.put(rx, ry);
        }
    }
}
