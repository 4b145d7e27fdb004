package dev.autoeditor.prefs;

/**
 * The model that sampled a continuation: its checkpoint's SHA-256, the seed of this sample, and the
 * sampling temperature. Enough to sample the same continuation again.
 */
public record ModelRef(String sha256, long seed, double temperature) {
    public ModelRef {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("model sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
        if (!Double.isFinite(temperature) || temperature < 0) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
    }
}
