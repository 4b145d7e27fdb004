package dev.autoeditor.cli;

/** Entry point; the only place that calls System.exit. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(AutoEditor.commandLine().execute(args));
    }
}
