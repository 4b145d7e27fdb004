package dev.autoeditor.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A child-JVM entry point for tests: runs several auto-editor commands one after the other in one JVM
 * (separated by {@code --then}), so a test pays for one JVM and ND4J start-up per run, not per command.
 * Exits with the first non-zero exit code, like a shell's {@code &&}.
 */
public final class CommandSequence {
    public static final String THEN = "--then";

    private CommandSequence() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        for (List<String> command : split(args)) {
            out.println("$ auto-editor " + String.join(" ", command));
            int code = AutoEditor.execute(out, err, command.toArray(String[]::new));
            if (code != 0) {
                err.println("exit " + code + " from: auto-editor " + String.join(" ", command));
                System.exit(code);
            }
        }
        System.exit(0);
    }

    static List<List<String>> split(String[] args) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : Arrays.asList(args)) {
            if (a.equals(THEN)) {
                commands.add(current);
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        commands.add(current);
        return commands;
    }
}
