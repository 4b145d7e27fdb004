package dev.autoeditor.cli;

import dev.autoeditor.pipeline.RunLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The --run-dir option shared by full-run, status and the phase subcommands, and the text of the resuming command. */
public final class RunDirOptions {
    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Run directory: data/, checkpoints/, manifest.json and the resolved config (default: the current directory).")
    Path runDir;

    public RunLayout layout() {
        if (runDir != null) OutputPaths.folder(runDir, "--run-dir", "holds the run (data/, checkpoints/, manifest.json)");
        return RunLayout.of(runDir);
    }

    /** The command line as the user typed it, quoted for a POSIX shell, to print as "resume with". */
    static String commandLineOf(CommandSpec spec) {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        return "auto-editor " + args.stream().map(RunDirOptions::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=,+@%-]+")) return arg;
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
