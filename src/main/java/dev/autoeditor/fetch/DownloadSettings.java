package dev.autoeditor.fetch;

import dev.autoeditor.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How downloads behave: retries after connection errors and HTTP 5xx, the first back-off delay
 * (doubled each retry), the per-request timeout, and the cache folder keyed by SHA-256.
 */
public record DownloadSettings(int retries, long backoffMs, Duration timeout, Path cacheDir) {
    /** The config keys {@link #fromConfig} reads; they change how a download goes, never what arrives (sources are checksummed). */
    public static final List<String> KEYS = List.of("download.retries", "download.backoff_ms", "download.timeout_s", "download.cache_dir");

    public static DownloadSettings fromConfig(Config config) {
        int retries = config.getInt("download.retries", 0, 100);
        long backoff = config.getInt("download.backoff_ms", 0, 600_000);
        int timeout = config.getInt("download.timeout_s", 1, 86_400);
        String cache = config.getString("download.cache_dir");
        Path cacheDir = cache.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "auto-editor")
                : Path.of(cache);
        return new DownloadSettings(retries, backoff, Duration.ofSeconds(timeout), cacheDir);
    }

    /** Delay before retry number {@code retry} (1-based): backoff, 2 x backoff, 4 x backoff, ... */
    public long delayBefore(int retry) {
        return backoffMs * (1L << Math.min(20, retry - 1));
    }
}
