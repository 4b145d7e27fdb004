package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.Interruption;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the global options, logging set-up, and the streams it prints
 * results to (picocli's, so tests capture them). A subcommand parses and validates its options and
 * calls domain code in {@link #run()}; errors are thrown and mapped to exit codes at the root.
 */
public abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    protected GlobalOptions global;

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        Logging.configure(global.verbosity());
        // What Ctrl-C would leave, unless the command registers something more precise.
        try (Interruption.Registration notice = Interruption.whileRunning(() -> "outputs are written under temporary names and"
                + " moved into place, so none is half-written; run the same command again: " + RunDirOptions.commandLineOf(spec))) {
            return run();
        }
    }

    /** Does the work; returns an exit code from {@link ExitCodes}. */
    protected abstract int run() throws Exception;

    protected Config config() {
        return global.config();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Where a phase command reports what it did (a line per file, counts, where the files went):
     * {@link #out()}, or nowhere under {@code -q}, which keeps warnings and errors only. What a command
     * was asked for (full-run's phase table, a status, an evaluation table, benchmark figures) goes to
     * {@link #out()} whatever the verbosity.
     */
    protected PrintWriter summary() {
        return global.verbosity() < 0 ? new PrintWriter(Writer.nullWriter()) : out();
    }
}
