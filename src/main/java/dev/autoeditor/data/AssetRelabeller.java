package dev.autoeditor.data;

/**
 * Relabels the asset ids of one window in order of first appearance: scanning frames in time order
 * and, within a frame, tracks from V1 up, the first asset seen becomes class 0, the next new one class
 * 1, and so on. With {@code classes} classes, the first {@code classes - 1} distinct assets get their own
 * class and every later one shares the last class, "other". Inactive cells get -1. So with fewer than
 * {@code classes} distinct assets the relabelling is a bijection. After each {@link #relabel},
 * {@link #assetOf} is its inverse on the named classes (what generation decodes a sampled class to) and
 * {@link #overflowed()} says whether any asset fell into "other".
 */
public final class AssetRelabeller {
    private final int classes;
    private final int[] seen;
    private int distinct;
    private boolean overflowed;

    public AssetRelabeller(int classes) {
        if (classes < 2) throw new IllegalArgumentException("need at least 2 asset classes");
        this.classes = classes;
        this.seen = new int[classes - 1];
    }

    /**
     * @param asset  raw asset ids, [frames * tracks] frame-major
     * @param active [frames * tracks]
     * @param cells  how many leading cells to relabel (valid frames * tracks)
     * @param out    classes, [frames * tracks]; cells past {@code cells} are left as they are
     */
    public void relabel(int[] asset, boolean[] active, int cells, byte[] out) {
        distinct = 0;
        overflowed = false;
        for (int i = 0; i < cells; i++) out[i] = active[i] ? (byte) classOf(asset[i]) : (byte) -1;
    }

    /** The number of classes of the last relabelling, "other" included. */
    public int classes() {
        return classes;
    }

    /** Named classes the last relabelling used: 0 .. named() - 1 each stand for one asset (at most classes - 1). */
    public int named() {
        return distinct;
    }

    /** Whether the last relabelling put any asset into the last class, "other". */
    public boolean overflowed() {
        return overflowed;
    }

    /** The asset id named class {@code cls} stands for in the last relabelling; -1 for "other" or a class it did not use. */
    public int assetOf(int cls) {
        return cls >= 0 && cls < distinct ? seen[cls] : -1;
    }

    /** The named class of {@code id} in the last relabelling; -1 when it has none (absent, or lumped into "other"). */
    public int namedClassOf(int id) {
        for (int c = 0; c < distinct; c++) if (seen[c] == id) return c;
        return -1;
    }

    private int classOf(int id) {
        for (int c = 0; c < distinct; c++) if (seen[c] == id) return c;
        if (distinct < seen.length) {
            seen[distinct] = id;
            return distinct++;
        }
        overflowed = true;
        return classes - 1;
    }
}
