package dev.autoeditor.prefs;

/**
 * A pair line that does not follow the schema (docs/prefs.md). The message names the field
 * ({@code continuations[1].rows[3]}), what was found and what was expected; {@link PairStore} and
 * the importer put the file and line in front of it.
 */
public final class PairFormatException extends RuntimeException {
    public PairFormatException(String message) {
        super(message);
    }

    public PairFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
