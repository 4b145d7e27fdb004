package dev.autoeditor.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The one sub-seed derivation: what it is, that it separates purposes and indexes, and that it never changes quietly. */
class SeedsProperties {
    @Property(tries = 200)
    void aSubSeedIsTheSeedXorTheFirstEightBytesOfTheSha256OfItsPurpose(@ForAll long seed,
                                                                       @ForAll @AlphaChars @StringLength(min = 1, max = 30) String purpose)
            throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(purpose.getBytes(StandardCharsets.UTF_8));
        assertEquals(seed ^ ByteBuffer.wrap(digest).getLong(), Seeds.derive(seed, purpose));
    }

    @Property(tries = 200)
    void indexesOfOneStreamNeverCollide(@ForAll long streamSeed, @ForAll @LongRange(min = 0, max = 1L << 40) long first) {
        // streamSeed + golden * (i + 1) is injective in i (golden is odd) and mix64 is a bijection.
        Set<Long> seen = new HashSet<>();
        for (long i = first; i < first + 64; i++) assertTrue(seen.add(Seeds.indexed(streamSeed, i)), "index " + i);
    }

    @Property(tries = 200)
    void mix64IsABijectionOnItsInverse(@ForAll long z) {
        assertEquals(z, unmix64(Seeds.mix64(z)));
    }

    @Test
    void purposesDrawIndependentStreams() {
        assertNotEquals(Seeds.derive(42, "train.init"), Seeds.derive(42, "train.dropout"));
        assertNotEquals(Seeds.derive(42, "preprocess.split"), Seeds.derive(43, "preprocess.split"));
        assertEquals(Seeds.indexed(Seeds.derive(42, "data.shuffle"), 3), Seeds.derive(42, "data.shuffle", 3));
    }

    /**
     * Pinned values: the data phases' streams are the ones DataSeeds drew before the derivation moved to
     * util (so splits, normaliser samples and shuffles did not change), and training's init stream is
     * the one pretrain format 3 uses. A change here changes every run's outputs: bump the format
     * version of each phase that draws from a changed stream.
     */
    @Test
    void pinnedValues() {
        assertEquals(0x3f66e8479ffdf242L, Seeds.derive(42, "preprocess.split"));
        assertEquals(0xb97cc271f4d17e0eL, Seeds.derive(42, "data.shuffle", 0));
        assertEquals(0x627e7d33a4dd5d69L, Seeds.derive(42, "data.shuffle", 7));
        assertEquals(0xa5690e9dde4802b3L, Seeds.derive(42, "train.init"));
    }

    /** The inverse of the SplitMix64 finaliser (each xor-shift and odd multiplication undone in turn). */
    private static long unmix64(long z) {
        z = unxorshift(z, 31);
        z *= 0x319642b2d24d8ec3L; // inverse of 0x94D049BB133111EB mod 2^64
        z = unxorshift(z, 27);
        z *= 0x96de1b173f119089L; // inverse of 0xBF58476D1CE4E5B9 mod 2^64
        return unxorshift(z, 30);
    }

    private static long unxorshift(long y, int shift) {
        long x = y;
        for (int i = 0; i < 64 / shift + 1; i++) x = y ^ (x >>> shift);
        return x;
    }
}
