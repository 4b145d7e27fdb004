package dev.autoeditor.rl;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.prefs.Edit;
import dev.autoeditor.prefs.Pair;
import dev.autoeditor.prefs.PairContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preference pairs grouped by context, as windows, so the reward model trains through the ordinary
 * training run (epochs, shuffling, checkpoints, exact resume, metrics) and scores every continuation
 * once however many comparisons it is in (InstructGPT trains on all comparisons of a prompt as one
 * batch element: k continuations give k(k-1)/2 comparisons for k forward passes, not k(k-1)).
 *
 * <p>Window i is group i: up to {@code maxSides} distinct continuations of one context, side j in
 * frames [jL, (j+1)L), each in {@link WindowEdits}' fixed layout of L = contextFrames + horizon
 * frames; unused sides are padding. {@link #comparisons(int)} says which side was preferred to which.
 * A context with more distinct continuations than {@code maxSides} is split over several groups;
 * windows are as wide as the widest group.
 * Ties carry no preference and are refused (the caller leaves them out).
 */
public final class PairGroups implements WindowDataset {
    /** One context, its distinct continuations, and each comparison as {preferred side, other side}. */
    record Group(Edit context, List<Edit> sides, List<int[]> comparisons) {}

    private final List<Group> groups;
    private final int contextFrames;
    private final int horizon;
    private final int maxSides;
    private final Normaliser normaliser;
    private final int classes;
    private final int comparisons;

    private PairGroups(List<Group> groups, int contextFrames, int horizon, int maxSides, Normaliser normaliser, int classes) {
        this.groups = List.copyOf(groups);
        this.contextFrames = contextFrames;
        this.horizon = horizon;
        this.maxSides = maxSides;
        this.normaliser = normaliser;
        this.classes = classes;
        this.comparisons = groups.stream().mapToInt(g -> g.comparisons().size()).sum();
    }

    /** The pairs (no ties), grouped by context in the order they come. */
    public static PairGroups of(List<Pair> pairs, int contextFrames, int horizon, int maxSides, Normaliser normaliser, int classes) {
        if (maxSides < 2) throw new IllegalArgumentException("a group holds at least the two sides of a pair, not " + maxSides);
        Map<PairContext, List<Group>> byContext = new LinkedHashMap<>();
        for (Pair p : pairs) {
            if (p.tie()) throw new IllegalArgumentException("a tie has no preferred side to train on");
            List<Group> chunks = byContext.computeIfAbsent(p.context(), c -> new ArrayList<>());
            Group g = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            int missing = g == null ? 2 : (g.sides().contains(p.preferred().frames()) ? 0 : 1) + (g.sides().contains(p.other().frames()) ? 0 : 1);
            if (g == null || g.sides().size() + missing > maxSides) {
                g = new Group(p.context().frames(), new ArrayList<>(), new ArrayList<>());
                chunks.add(g);
            }
            g.comparisons().add(new int[] {sideOf(g, p.preferred().frames()), sideOf(g, p.other().frames())});
        }
        List<Group> all = new ArrayList<>();
        byContext.values().forEach(all::addAll);
        // Windows as wide as the largest group: no pass is spent on padding sides every group has.
        int widest = all.stream().mapToInt(g -> g.sides().size()).max().orElse(2);
        return new PairGroups(all, contextFrames, horizon, widest, normaliser, classes);
    }

    private static int sideOf(Group g, Edit side) {
        int at = g.sides().indexOf(side);
        if (at >= 0) return at;
        g.sides().add(side);
        return g.sides().size() - 1;
    }

    /** Frames of one side: context plus horizon. */
    public int sideLength() {
        return contextFrames + horizon;
    }

    public int maxSides() {
        return maxSides;
    }

    /** Group {@code index}'s comparisons, each {preferred side, other side}. */
    public List<int[]> comparisons(int index) {
        return groups.get(index).comparisons();
    }

    /** Comparisons in all groups. */
    public int comparisonCount() {
        return comparisons;
    }

    @Override
    public int size() {
        return groups.size();
    }

    @Override
    public int length() {
        return maxSides * sideLength();
    }

    @Override
    public int assetClasses() {
        return classes;
    }

    @Override
    public void read(int index, WindowBatch batch, int row) {
        Group g = groups.get(index);
        WindowBatch side = WindowBatch.allocate(1, sideLength());
        for (int j = 0; j < maxSides; j++) {
            if (j < g.sides().size()) {
                WindowEdits.toWindow(g.context(), g.sides().get(j), contextFrames, horizon, normaliser, classes, side, 0);
            } else {
                Frames.clear(side, 0, sideLength());
            }
            Frames.copy(side, 0, 0, batch, row, j * sideLength(), sideLength());
        }
        batch.windowIds()[row] = index;
    }
}
