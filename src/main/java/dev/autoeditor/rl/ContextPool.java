package dev.autoeditor.rl;

import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.data.WindowSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contexts RLHF continues: spans of {@code contextFrames} real frames cut from the windows of one
 * or more splits, starting on a grid of {@code step} frames inside each window. Where the windows know
 * their source (shards), a span of a sequence that two overlapping windows both contain is kept once.
 * A context taken from inside a window gets its asset classes renumbered in order of first appearance
 * (the last class, "other", stays), as the windows the model was trained on number them.
 */
public final class ContextPool {
    private static final int K = WindowBatch.TRACKS;

    /**
     * A context: frames [offset, offset + contextFrames) of window {@code window} of dataset {@code dataset}.
     *
     * @param source where it lies in its export: project, sequence, first row of the keyframe table
     *               (the window's start plus offset); its startFrame is not known here (-1)
     */
    public record Ref(int dataset, int window, int offset, WindowSource source) {}

    private final List<WindowDataset> datasets;
    private final int contextFrames;
    private final int classes;
    private final List<Ref> refs;

    private ContextPool(List<WindowDataset> datasets, int contextFrames, int classes, List<Ref> refs) {
        this.datasets = datasets;
        this.contextFrames = contextFrames;
        this.classes = classes;
        this.refs = List.copyOf(refs);
    }

    /** Every distinct context of {@code contextFrames} real frames starting on a multiple of {@code step} inside a window. */
    public static ContextPool of(List<? extends WindowDataset> datasets, int contextFrames, int step) {
        if (contextFrames < 1 || step < 1) throw new IllegalArgumentException("context frames and step must be positive");
        List<WindowDataset> all = List.copyOf(datasets);
        int classes = all.isEmpty() ? 2 : all.get(0).assetClasses();
        List<Ref> refs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int d = 0; d < all.size(); d++) {
            WindowDataset ds = all.get(d);
            if (ds.assetClasses() != classes) throw new IllegalArgumentException("splits with " + classes + " and " + ds.assetClasses() + " asset classes");
            WindowBatch one = WindowBatch.allocate(1, ds.length());
            for (int w = 0; w < ds.size(); w++) {
                ds.read(w, one, 0);
                int valid = 0;
                while (valid < ds.length() && one.valid()[valid] > 0.5f) valid++;
                WindowSource ws = ds instanceof ShardDataset s ? s.source(w) : null;
                // The grid is on the sequence's rows, so overlapping windows offer the same starts.
                int first = ws == null ? 0 : Math.floorMod(-ws.startRow(), step);
                for (int offset = first; offset + contextFrames <= valid; offset += step) {
                    WindowSource src = ws == null
                            ? new WindowSource("window-" + d + "-" + w, "", offset, -1, contextFrames)
                            : new WindowSource(ws.project(), ws.sequence(), ws.startRow() + offset, -1, contextFrames);
                    // Overlapping windows hold the same span of a sequence; keep it once.
                    if (ws != null && !seen.add(src.project() + "\u0000" + src.sequence() + "\u0000" + src.startRow())) continue;
                    refs.add(new Ref(d, w, offset, src));
                }
            }
        }
        return new ContextPool(all, contextFrames, classes, refs);
    }

    public int size() {
        return refs.size();
    }

    public Ref get(int i) {
        return refs.get(i);
    }

    public List<Ref> refs() {
        return refs;
    }

    public int contextFrames() {
        return contextFrames;
    }

    public int assetClasses() {
        return classes;
    }

    /**
     * A batch of {@code length} frames per context (at least {@code contextFrames}): each context in
     * frames [0, contextFrames), its classes renumbered, the rest inactive padding.
     */
    public WindowBatch batch(List<Ref> chosen, int length) {
        if (length < contextFrames) throw new IllegalArgumentException("a batch of " + length + " frames cannot hold " + contextFrames);
        WindowBatch out = WindowBatch.allocate(chosen.size(), length);
        Frames.clear(out, 0, length);
        WindowBatch scratch = null;
        for (int row = 0; row < chosen.size(); row++) {
            Ref ref = chosen.get(row);
            WindowDataset ds = datasets.get(ref.dataset());
            if (scratch == null || scratch.length() != ds.length()) scratch = WindowBatch.allocate(1, ds.length());
            ds.read(ref.window(), scratch, 0);
            Frames.copy(scratch, 0, ref.offset(), out, row, 0, contextFrames);
            renumber(out, row, contextFrames, classes);
            out.windowIds()[row] = ref.window();
        }
        return out;
    }

    /**
     * Renumbers the asset classes of frames [0, frames) of {@code row} in order of first appearance
     * (frames in order, tracks V1 up); the last class ("other") keeps its number.
     */
    static void renumber(WindowBatch batch, int row, int frames, int classes) {
        int[] map = new int[classes];
        java.util.Arrays.fill(map, -1);
        map[classes - 1] = classes - 1;
        int next = 0;
        for (int f = 0; f < frames; f++) {
            int base = (row * batch.length() + f) * K;
            for (int k = 0; k < K; k++) {
                if (batch.active()[base + k] < 0.5f) continue;
                int c = Math.max(0, Math.min(batch.assetClass()[base + k], classes - 1));
                if (map[c] < 0) map[c] = next < classes - 1 ? next++ : classes - 1;
                batch.assetClass()[base + k] = map[c];
            }
        }
    }
}
