package dev.autoeditor.util;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time an output records as made ("created", "time" in provenance): now, to the second, or the
 * moment {@code SOURCE_DATE_EPOCH} names when it is set (the reproducible-builds.org convention, which
 * compilers and packagers honour too). With it, two runs with the same seed and inputs write
 * byte-identical files, hashes of those files included; only the run log's own event times and
 * durations (manifest.json's startedAt/finishedAt/seconds, training metrics' seconds) still vary.
 */
public final class OutputTime {
    public static final String ENV = "SOURCE_DATE_EPOCH";

    private OutputTime() {}

    /** ISO-8601 UTC to the second, e.g. {@code 2024-05-01T12:00:00Z}. */
    public static String now() {
        return of(System.getenv(ENV), Instant.now());
    }

    /** {@code sourceDateEpoch} (seconds since 1970, as the variable holds it) if set, else {@code now}; to the second. */
    static String of(String sourceDateEpoch, Instant now) {
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) return now.truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            long seconds = Long.parseLong(sourceDateEpoch.trim());
            if (seconds < 0) throw new NumberFormatException("negative");
            return Instant.ofEpochSecond(seconds).toString();
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new UserException("environment variable " + ENV + " is '" + sourceDateEpoch
                    + "'; set it to whole seconds since 1970-01-01 UTC (e.g. `date +%s`) or unset it");
        }
    }
}
