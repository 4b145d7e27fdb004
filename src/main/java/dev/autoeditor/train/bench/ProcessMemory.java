package dev.autoeditor.train.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process, from Linux's {@code /proc/self/status}: {@code VmHWM} is the peak
 * resident set since the process started (Java heap, ND4J's off-heap arrays and native libraries
 * together), {@code VmRSS} the current one. Elsewhere (no /proc) both read as -1.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Peak resident memory in MiB, or -1 where the system does not say. */
    public static double peakRssMb() {
        return field("VmHWM:");
    }

    /** Current resident memory in MiB, or -1 where the system does not say. */
    public static double rssMb() {
        return field("VmRSS:");
    }

    static double field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) return parseKb(line.substring(name.length())) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** "   123456 kB" to 123456. */
    static long parseKb(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        return Long.parseLong(space < 0 ? v : v.substring(0, space));
    }
}
