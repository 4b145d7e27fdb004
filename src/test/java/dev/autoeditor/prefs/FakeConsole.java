package dev.autoeditor.prefs;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Keys from a string (then the end of input), screens into a string: a sitting without a terminal. */
final class FakeConsole implements SittingConsole {
    private final String keys;
    private int next;
    /** Keys "pressed" before each screen appears, one string per proposal shown (then none). */
    private final java.util.ArrayDeque<String> ahead = new java.util.ArrayDeque<>();
    private String current;
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

    /** Types {@code keys} ahead of the next screen (one call per screen, in order). */
    FakeConsole typeAhead(String... perScreen) {
        ahead.addAll(java.util.List.of(perScreen));
        return this;
    }

    @Override
    public int typedAhead() {
        // The sitting asks until NONE before each screen: the first ask takes that screen's keys.
        if (current == null) current = ahead.isEmpty() ? "" : ahead.poll();
        if (current.isEmpty()) {
            current = null;
            return NONE;
        }
        char c = current.charAt(0);
        current = current.substring(1);
        return c;
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
