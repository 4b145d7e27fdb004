package dev.autoeditor.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A full disk, said plainly: {@link #isFull} recognises "no space left" (or a full quota) anywhere in
 * an exception's causes, and {@link #full} makes the one-line message that names the file being
 * written, the free space left and what to do. {@link #usable} is the free space checked before large
 * writes.
 *
 * <p>Test seams: {@link #simulateFullDisk} makes {@link #checkWrite} throw the IOException the
 * operating system gives for a full disk ("No space left on device") for chosen files, and
 * {@link #simulateFree} makes {@link #usable} report a chosen number of bytes. Production code calls
 * {@code checkWrite} where it opens or appends to a file whose disk-full failure must be named; with no
 * simulation armed it costs one volatile read.
 */
public final class DiskSpace {
    /** The text Linux and macOS give ENOSPC; Java's IOException carries it. */
    public static final String NO_SPACE = "No space left on device";

    private static volatile Predicate<Path> simulatedFull;
    private static volatile java.util.function.Function<Path, IOException> simulatedFailure;
    private static volatile Long simulatedFree;

    private DiskSpace() {}

    /** True when {@code e} or one of its causes reports a full disk or quota. */
    public static boolean isFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t instanceof FileSystemException f && f.getReason() != null ? f.getReason() : t.getMessage();
            if (m == null) continue;
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                    || lower.contains("not enough space on the disk")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The message for a full disk met while writing {@code file} ({@code what} says what it is: "window
     * shard", "training metrics"; null says nothing): "no space left on device writing WHAT FILE (N free there); free space on
     * that disk, then run again".
     */
    public static UserException full(Path file, String what, Throwable cause) {
        Path dir = file.toAbsolutePath().getParent();
        String free = dir == null ? "" : " (" + bytes(usable(dir)) + " free there)";
        return new UserException("no space left on device writing " + (what == null ? "" : what + " ") + file.toAbsolutePath() + free
                + "; free space on that disk (or point the output at a larger one), then run again", cause);
    }

    /**
     * What to throw when writing {@code file} failed: the full-disk message when the disk is full,
     * else an UncheckedIOException naming the file and the reason.
     */
    public static RuntimeException writeFailure(Path file, String what, IOException e) {
        if (isFull(e)) return full(file, what, e);
        return new UncheckedIOException("cannot write " + what + " " + file + ": " + e.getMessage(), e);
    }

    /** Bytes free for this user on the disk holding {@code dir} (or its nearest existing parent); -1 when unknown. */
    public static long usable(Path dir) {
        Long simulated = simulatedFree;
        if (simulated != null) return simulated;
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return -1;
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Throws the operating system's full-disk IOException for {@code file} when a test simulates a full disk for it. */
    public static void checkWrite(Path file) throws IOException {
        Predicate<Path> full = simulatedFull;
        if (full != null && full.test(file)) throw new IOException(NO_SPACE);
        java.util.function.Function<Path, IOException> failure = simulatedFailure;
        IOException e = failure == null ? null : failure.apply(file);
        if (e != null) throw e;
    }

    /** "1.5 GB", "12.0 MB", "640 bytes"; "unknown" for a negative count. */
    public static String bytes(long n) {
        if (n < 0) return "unknown";
        if (n >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        if (n >= 1L << 20) return String.format(Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
        if (n >= 1L << 10) return String.format(Locale.ROOT, "%.1f KB", n / (double) (1L << 10));
        return n + " bytes";
    }

    /** An armed simulation; closing it disarms it. */
    @FunctionalInterface
    public interface Simulation extends AutoCloseable {
        @Override
        void close();
    }

    /** Test seam: until closed, writes to files matching {@code files} fail as on a full disk. */
    public static Simulation simulateFullDisk(Predicate<Path> files) {
        simulatedFull = files;
        return () -> simulatedFull = null;
    }

    /**
     * Test seam: until closed, writes to a file for which {@code failure} returns an exception fail with
     * it (e.g. the FileSystemException "Read-only file system" that read-only media give); null means
     * the write goes ahead.
     */
    public static Simulation simulateWriteFailure(java.util.function.Function<Path, IOException> failure) {
        simulatedFailure = failure;
        return () -> simulatedFailure = null;
    }

    /** Test seam: until closed, {@link #usable} reports {@code bytes} free everywhere. */
    public static Simulation simulateFree(long bytes) {
        simulatedFree = bytes;
        return () -> simulatedFree = null;
    }
}
