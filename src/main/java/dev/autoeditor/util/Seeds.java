package dev.autoeditor.util;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sub-seeds of the one configured {@code seed}: the one way every random stream of the project (data
 * split, robust-quantile sample, shuffle, weight initialisation, dropout, the random-cutter baseline)
 * gets its own seed. A purpose is a dotted name ("preprocess.split", "train.dropout"); streams with
 * different purposes are independent, and the same seed and purpose give the same stream on every JVM
 * and platform (SHA-256, not {@code String.hashCode}).
 */
public final class Seeds {
    /** 2^64 / golden ratio, odd: the SplitMix64 increment, so consecutive indexes land far apart. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** {@code seed ^ first 8 bytes of SHA-256(purpose)}. */
    public static long derive(long seed, String purpose) {
        byte[] digest = Hashing.sha256().digest(purpose.getBytes(StandardCharsets.UTF_8));
        return seed ^ ByteBuffer.wrap(digest).getLong();
    }

    /** A sub-seed that also depends on an index (an epoch, a step, a window): {@code indexed(derive(seed, purpose), index)}. */
    public static long derive(long seed, String purpose, long index) {
        return indexed(derive(seed, purpose), index);
    }

    /** The index-th seed of a stream already derived for its purpose, mixed so nearby indexes differ widely. */
    public static long indexed(long streamSeed, long index) {
        return mix64(streamSeed + GOLDEN * (index + 1));
    }

    /** The SplitMix64 finaliser: a bijection on longs that scatters nearby inputs. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
