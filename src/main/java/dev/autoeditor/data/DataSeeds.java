package dev.autoeditor.data;

import dev.autoeditor.util.Hashing;
import java.nio.ByteBuffer;

/**
 * Sub-seeds of the master {@code seed} for the data phases, so that the split, the robust-quantile
 * sample and the shuffle draw from independent streams yet all follow from the one configured seed.
 */
final class DataSeeds {
    private DataSeeds() {}

    /** {@code seed ^ first 8 bytes of SHA-256(phase)}. */
    static long derive(long seed, String phase) {
        byte[] digest = Hashing.sha256().digest(phase.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return seed ^ ByteBuffer.wrap(digest).getLong();
    }

    /** A sub-seed that also depends on an integer (an epoch), mixed so nearby values differ widely. */
    static long derive(long seed, String phase, long index) {
        return mix64(derive(seed, phase) + 0x9E3779B97F4A7C15L * (index + 1));
    }

    /** The SplitMix64 finaliser: a bijection on longs that scatters nearby inputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
