package dev.autoeditor.prefs;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Keys from a string (then the end of input), screens into a string: a sitting without a terminal. */
final class FakeConsole implements SittingConsole {
    private final String keys;
    private int next;
    private final StringWriter screen = new StringWriter();
    private final PrintWriter out = new PrintWriter(screen);
    private final boolean interactive;
    int clears;

    FakeConsole(String keys, boolean interactive) {
        this.keys = keys;
        this.interactive = interactive;
    }

    @Override
    public int readKey() {
        return next < keys.length() ? keys.charAt(next++) : END;
    }

    /** Keys not read yet. */
    String unread() {
        return keys.substring(next);
    }

    String screen() {
        out.flush();
        return screen.toString();
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public int width() {
        return 100;
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public void clearScreen() {
        clears++;
        out.println("<clear>");
    }
}
