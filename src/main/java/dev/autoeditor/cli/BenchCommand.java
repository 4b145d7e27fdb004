package dev.autoeditor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code auto-editor bench}: performance measurements; each subcommand measures one thing. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance (see the subcommands).",
        subcommands = {BenchConvertCommand.class, BenchTrainStepCommand.class, BenchTwinExportCommand.class, BenchDistillCommand.class,
                BenchGenerateCommand.class, BenchGenerateCheckCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
