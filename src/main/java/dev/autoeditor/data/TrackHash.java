package dev.autoeditor.data;

import dev.autoeditor.util.Seeds;

/**
 * A 128-bit running hash of per-frame track values (active, asset and the seven regressions of all 20
 * tracks; not the project or sequence name, the frame number or time). Two sequences with the same
 * frames of the same track values hash the same: that is how re-exports of one edit are recognised.
 * Two independent 64-bit lanes make an accidental collision among a few million sequences negligible
 * (about 2^-100); it is not a cryptographic hash and need not be, as inputs are the user's own files.
 */
final class TrackHash {
    private long a = 0x243F6A8885A308D3L;
    private long b = 0x13198A2E03707344L;
    private long frames;

    void addRow(KeyframeRow row) {
        for (int k = 0; k < KeyframeRow.TRACKS; k++) {
            add(row.active[k] ? 1 : 0);
            add(row.asset[k]);
        }
        for (double v : row.regression) add(Double.doubleToLongBits(v));
        add(0x5EEDL); // frame separator
        frames++;
    }

    void add(long v) {
        a = Seeds.mix64(a ^ v) + 0x9E3779B97F4A7C15L;
        b = Seeds.mix64(b + v * 0xC2B2AE3D27D4EB4FL) ^ (b >>> 17);
    }

    long frames() {
        return frames;
    }

    /** The hash as 32 hex digits. */
    String hex() {
        return String.format("%016x%016x", a, b);
    }
}
