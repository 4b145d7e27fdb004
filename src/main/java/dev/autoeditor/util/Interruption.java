package dev.autoeditor.util;

import java.io.PrintStream;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * What to tell the user when the process is stopped from outside (Ctrl-C, SIGINT; or SIGTERM): the JVM
 * runs shutdown hooks and exits 130 (143 for SIGTERM), and the hook installed here prints one line,
 * "interrupted ...", from the innermost description registered with {@link #whileRunning}: what is
 * saved and the command that resumes. Descriptions are computed at that moment, from what is on disk
 * then. Before that, it removes the work files registered with {@link #cleanUpOnInterrupt}. A run that
 * ends normally calls {@link #finished()} first and prints nothing here.
 */
public final class Interruption {
    private static final Deque<Supplier<String>> RUNNING = new ConcurrentLinkedDeque<>();
    private static final Deque<Runnable> CLEANUPS = new ConcurrentLinkedDeque<>();
    private static volatile boolean finished;
    private static volatile boolean installed;

    private Interruption() {}

    /** A registered description; closing it removes it. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Installs the shutdown hook that prints to {@code err} (once per process; the CLI's main does it). */
    public static synchronized void install(PrintStream err) {
        if (installed) return;
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished) return;
            cleanUp();
            String line = describe();
            if (line == null) return;
            err.println();
            err.println(line);
            err.flush();
        }, "interruption-notice"));
    }

    /** The process is ending on its own: the hook stays quiet. */
    public static void finished() {
        finished = true;
    }

    /** Registers what an interruption now would leave and how to resume, until the returned registration is closed. */
    public static Registration whileRunning(Supplier<String> description) {
        RUNNING.push(description);
        return () -> RUNNING.remove(description);
    }

    /**
     * Registers what to remove if the process is stopped from outside now (a conversion's part files, a
     * half-written window folder), until the returned registration is closed. These are work files under
     * hidden names that the next run would remove anyway, but may be large; the user should not have to
     * find them. Runs in the shutdown hook, innermost first, before the notice is printed.
     */
    public static Registration cleanUpOnInterrupt(Runnable cleanup) {
        CLEANUPS.push(cleanup);
        return () -> CLEANUPS.remove(cleanup);
    }

    /** Runs the registered clean-ups (the shutdown hook does, when the process is stopped from outside). */
    static void cleanUp() {
        for (Runnable r : CLEANUPS) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // Best effort: the next run removes what is left.
            }
        }
    }

    /** The line the hook prints now: "interrupted: " and the innermost description; null when nothing is running. */
    public static String describe() {
        Supplier<String> inner = RUNNING.peek();
        if (inner == null) return null;
        String text;
        try {
            text = inner.get();
        } catch (RuntimeException e) {
            text = "run the same command again to resume (what was saved could not be read: " + e.getMessage() + ")";
        }
        return "interrupted: " + text;
    }
}
