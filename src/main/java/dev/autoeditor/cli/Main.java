package dev.autoeditor.cli;

import dev.autoeditor.util.Interruption;
import picocli.CommandLine;

/** Entry point; the only place that calls System.exit. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Charts are drawn without a display, however the program was started (the launcher also sets it).
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        // Ctrl-C ends the JVM (exit 130) without reaching the commands: a shutdown hook says what was saved.
        Interruption.install(System.err);
        CommandLine cl = AutoEditor.commandLine();
        int code = cl.execute(args);
        Interruption.finished();
        // Commands may print without a newline (a table ends with print): flush before exiting.
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }
}
