package dev.autoeditor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code auto-editor bench}: speed measurements; see docs/performance.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Speed measurements (see docs/performance.md).",
        subcommands = {BenchTrainStepCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
