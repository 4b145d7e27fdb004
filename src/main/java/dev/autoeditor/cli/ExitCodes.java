package dev.autoeditor.cli;

/** The one exit-code policy, applied at the root command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command failed; the message says why and what to try. */
    public static final int FAILURE = 1;
    /** The command line itself was wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The command finished, but some inputs failed (named in the output); the rest were processed. */
    public static final int PARTIAL = 3;
    /** Interrupted (Ctrl-C); the message says how to resume. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
