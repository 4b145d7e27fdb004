package dev.autoeditor.cli;

import dev.autoeditor.prefs.SittingConsole;
import java.io.IOException;
import java.io.PrintWriter;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

/**
 * The real terminal for a {@code prefs collect} sitting, through JLine: raw mode, so a key press
 * counts without Enter and is not echoed, and terminal signals off, so Ctrl-C arrives as a key and
 * the sitting stops cleanly (its log says so) instead of the JVM dying mid-screen. The terminal's
 * settings are restored on {@link #close()}. Screens go to {@code out} (the command's standard
 * output), which raw mode leaves translating line ends.
 */
final class TerminalConsole implements SittingConsole, AutoCloseable {
    /** How long the rest of an escape sequence (an arrow key) may take to arrive, ms. */
    private static final long ESCAPE_MS = 50;
    private final Terminal terminal;
    private final Attributes saved;
    private final NonBlockingReader keys;
    private final PrintWriter out;

    private TerminalConsole(Terminal terminal, PrintWriter out) {
        this.terminal = terminal;
        this.out = out;
        this.saved = terminal.enterRawMode();
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        this.keys = terminal.reader();
    }

    /**
     * The process's terminal. JLine's {@code exec} provider runs {@code stty} (no shell) to switch
     * modes; it is the one provider the jline-terminal jar carries. IOException when there is no
     * terminal to open.
     */
    static TerminalConsole open(PrintWriter out) throws IOException {
        Terminal t = TerminalBuilder.builder().system(true).providers("exec").dumb(false).name("auto-editor prefs collect").build();
        try {
            return new TerminalConsole(t, out);
        } catch (RuntimeException e) {
            t.close(); // raw mode refused: give the terminal back as it was
            throw e;
        }
    }

    @Override
    public int readKey() throws IOException {
        int c = keys.read();
        if (c < 0) return END;
        if (c != 27) return c;
        // An escape sequence (arrows, function keys: ESC [ ... final byte) is one key with no meaning here.
        int next = keys.read(ESCAPE_MS);
        if (next == '[' || next == 'O') {
            int b;
            do {
                b = keys.read(ESCAPE_MS);
            } while (b >= 0 && (b < 0x40 || b > 0x7e));
        }
        return OTHER;
    }

    @Override
    public int typedAhead() throws IOException {
        return keys.peek(1) >= 0 ? readKey() : NONE;
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public int width() {
        int w = terminal.getWidth();
        return w > 0 ? w : 100;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void clearScreen() {
        out.flush();
        terminal.puts(InfoCmp.Capability.clear_screen);
        terminal.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
        terminal.setAttributes(saved);
        terminal.close();
    }
}
