package dev.autoeditor.util;

/**
 * A failure the user can fix: bad input, a missing file, a setting out of range. The message is one
 * line naming the file or setting, what was found and what to try (followed by one line per item when
 * several things failed, e.g. every input of a conversion); the CLI prints it without a stack trace
 * and exits with {@link #exitCode()}.
 */
public class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(String message) {
        this(message, 1, null);
    }

    public UserException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public UserException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
