package dev.autoeditor.prefs;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The terminal a {@code prefs collect} sitting runs on: single key presses in, screens out. The CLI
 * gives a raw-mode terminal (no Enter needed) or, when its input is not a terminal, keys read from
 * standard input; tests give keys from a string.
 */
public interface SittingConsole {
    /** Ctrl-C, delivered as a key (the terminal's signals are off while a key is awaited). */
    int CTRL_C = 3;
    /** Ctrl-D. */
    int CTRL_D = 4;
    /** A key with no meaning here: an arrow, a function key (its whole escape sequence). */
    int OTHER = 0;
    /** The input ended (a closed pipe, a closed terminal). */
    int END = -1;
    /** No key is waiting ({@link #typedAhead()}). */
    int NONE = -2;

    /** The next key press: a character, or {@link #CTRL_C}, {@link #CTRL_D}, {@link #OTHER}, {@link #END}. */
    int readKey() throws IOException;

    /** Where screens are printed (flushed after each screen). */
    PrintWriter out();

    /** Columns to fit a screen into. */
    int width();

    /** True on a real terminal: each proposal gets a fresh screen. */
    boolean interactive();

    /** Clears the screen (on a real terminal; nothing otherwise). */
    void clearScreen();

    /**
     * A key already pressed and waiting, without blocking; {@link #NONE} when none is. On a terminal
     * these are keys typed while the next proposal was being made, before its screen appeared (the
     * sitting drops answers among them and honours stops). A stream of piped answers has none: its
     * keys are all meant to be read in turn.
     */
    default int typedAhead() throws IOException {
        return NONE;
    }
}
