package dev.autoeditor.data;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One window in the shard layout, held in arrays: what the windower fills and the shard writer
 * encodes. Reused from window to window.
 */
public final class WindowRecord {
    final WindowLayout layout;
    int sequenceId;
    int startRow;
    long startFrame;
    int validFrames;
    /** [T * K] 0 or 1. */
    final byte[] active;
    /** [T * K] relabelled class, -1 where inactive. */
    final byte[] asset;
    /** [T * K * R] normalised, 0 where inactive. */
    final float[] regression;

    public WindowRecord(WindowLayout layout) {
        this.layout = layout;
        int cells = layout.length() * WindowLayout.TRACKS;
        this.active = new byte[cells];
        this.asset = new byte[cells];
        this.regression = new float[cells * WindowLayout.REGRESSIONS];
    }

    void clear() {
        Arrays.fill(active, (byte) 0);
        Arrays.fill(asset, (byte) -1);
        Arrays.fill(regression, 0f);
    }

    /** Writes the record at the buffer's position (little-endian buffer of at least record bytes). */
    void encode(ByteBuffer out) {
        int base = out.position();
        out.putInt(base, sequenceId);
        out.putInt(base + 4, startRow);
        out.putLong(base + 8, startFrame);
        out.putInt(base + 16, validFrames);
        out.putInt(base + 20, 0);
        out.put(base + layout.activeOffset(), active);
        out.put(base + layout.assetOffset(), asset);
        int t = layout.length();
        for (int i = 0; i < t; i++) out.put(base + layout.validOffset() + i, (byte) (i < validFrames ? 1 : 0));
        for (int i = layout.validOffset() + t; i < layout.regressionOffset(); i++) out.put(base + i, (byte) 0);
        ByteBuffer floats = out.duplicate().order(out.order());
        floats.position(base + layout.regressionOffset());
        floats.asFloatBuffer().put(regression);
        out.position(base + layout.recordBytes());
    }
}
