package dev.autoeditor.cli;

import dev.autoeditor.prefs.SittingConsole;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * A sitting's keys read from a stream that is not a terminal (answers piped in, {@code a b s q}
 * one character each, line ends and spaces ignored): each screen is printed after the last, nothing
 * is cleared. Width from {@code $COLUMNS}, else 100.
 */
final class StreamConsole implements SittingConsole {
    private final InputStream in;
    private final PrintWriter out;
    private final int width;

    StreamConsole(InputStream in, PrintWriter out, int width) {
        this.in = in;
        this.out = out;
        this.width = width;
    }

    /** The width {@code $COLUMNS} gives, else 100. */
    static int widthFromEnvironment() {
        try {
            int w = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").trim());
            return w >= 40 ? w : 100;
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    @Override
    public int readKey() throws IOException {
        int c = in.read();
        if (c < 0) return END;
        if (c != 27) return c;
        int next = in.read();
        if (next == '[' || next == 'O') {
            int b;
            do {
                b = in.read();
            } while (b >= 0 && (b < 0x40 || b > 0x7e));
        }
        return OTHER;
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public void clearScreen() {
        // nothing to clear on a stream
    }
}
