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

    /** Drops keys pressed before the screen they answer was shown (typed ahead while a proposal was made). */
    default void discardTypeAhead() throws IOException {}
}
