package dev.autoeditor.fetch;

import dev.autoeditor.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How downloads behave: retries after connection errors and HTTP 5xx, the first back-off delay
 * (doubled each retry), the per-request timeout, the cache folder keyed by SHA-256, how long a whole
 * download may go without receiving a byte (over all its attempts), and how far an archive may unpack:
 * at most {@code maxExtractBytes} in all, and at most {@code maxExtractRatio} times its own size.
 */
public record DownloadSettings(int retries, long backoffMs, Duration timeout, Path cacheDir, Duration stall,
                               long maxExtractBytes, double maxExtractRatio) {
    /** Defaults of download.stall_s, download.max_extract_mb and download.max_extract_ratio. */
    public static final Duration DEFAULT_STALL = Duration.ofSeconds(120);
    public static final long DEFAULT_MAX_EXTRACT_BYTES = 20_480L << 20;
    public static final double DEFAULT_MAX_EXTRACT_RATIO = 200;

    /** The config keys {@link #fromConfig} reads; they change how a download goes, never what arrives (sources are checksummed). */
    public static final List<String> KEYS = List.of("download.retries", "download.backoff_ms", "download.timeout_s", "download.cache_dir",
            "download.stall_s", "download.max_extract_mb", "download.max_extract_ratio");

    /** With the default stall and extraction limits. */
    public DownloadSettings(int retries, long backoffMs, Duration timeout, Path cacheDir) {
        this(retries, backoffMs, timeout, cacheDir, DEFAULT_STALL, DEFAULT_MAX_EXTRACT_BYTES, DEFAULT_MAX_EXTRACT_RATIO);
    }

    public static DownloadSettings fromConfig(Config config) {
        int retries = config.getInt("download.retries", 0, 100);
        long backoff = config.getInt("download.backoff_ms", 0, 600_000);
        int timeout = config.getInt("download.timeout_s", 1, 86_400);
        int stall = config.getInt("download.stall_s", 1, 86_400);
        long maxExtractMb = config.getInt("download.max_extract_mb", 1, Integer.MAX_VALUE);
        double ratio = config.getDouble("download.max_extract_ratio", 1, 1e9);
        String cache = config.getString("download.cache_dir");
        Path cacheDir = cache.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "auto-editor")
                : Path.of(cache);
        return new DownloadSettings(retries, backoff, Duration.ofSeconds(timeout), cacheDir, Duration.ofSeconds(stall),
                maxExtractMb << 20, ratio);
    }

    /** The extraction limits, for {@link ArchiveExtractor}. */
    public ArchiveExtractor.Limits extractLimits() {
        return new ArchiveExtractor.Limits(maxExtractBytes, maxExtractRatio);
    }

    /** Delay before retry number {@code retry} (1-based): backoff, 2 x backoff, 4 x backoff, ... */
    public long delayBefore(int retry) {
        return backoffMs * (1L << Math.min(20, retry - 1));
    }
}
