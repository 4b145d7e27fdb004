package dev.autoeditor.cli;

import dev.autoeditor.config.ConfigException;
import dev.autoeditor.pipeline.StandardPhases;
import dev.autoeditor.util.UserException;
import dev.autoeditor.util.Version;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: lists the subcommands and maps every failure to one exit-code policy. */
@Command(
        name = "auto-editor",
        mixinStandardHelpOptions = true,
        versionProvider = AutoEditor.VersionProvider.class,
        description = "Learns how you edit video from Premiere Pro XML exports and edits new timelines the same way.",
        subcommands = {
            FullRunCommand.class,
            DownloadModelsCommand.class,
            DownloadDataCommand.class,
            ConvertCommand.class,
            PreprocessCommand.class,
            WindowCommand.class,
            PretrainCommand.class,
            DistillCommand.class,
            FinetuneDataCommands.Download.class,
            FinetuneDataCommands.Convert.class,
            FinetuneDataCommands.Preprocess.class,
            FinetuneDataCommands.Window.class,
            FinetuneCommand.class,
            RlhfCommand.class,
            EvaluateCommand.class,
            GenerateCommand.class,
            EvaluateGenerationCommand.class,
            SamplesCommand.class,
            ReportCommand.class,
            PrefsCommand.class,
            StatusCommand.class,
            SynthCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class AutoEditor implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(AutoEditor.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A fresh command line with the exit-code policy installed. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AutoEditor());
        shareVersion(cl);
        cl.getSubcommands().get("full-run").getCommandSpec().usageMessage().description(FullRunCommand.description(StandardPhases.all()));
        cl.setExecutionExceptionHandler(AutoEditor::handleFailure);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Every subcommand's -V/--version prints the root's version (picocli gives a subcommand none of its own). */
    private static void shareVersion(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new VersionProvider());
        cl.getSubcommands().values().forEach(AutoEditor::shareVersion);
    }

    /** Runs the CLI in-process with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UserException u) {
            err.println("error: " + u.getMessage());
            log.debug("details", u);
            return u.exitCode();
        }
        if (e instanceof ConfigException c) {
            err.println("error: " + c.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof InterruptedException) {
            err.println("interrupted; run the same command again to resume");
            return ExitCodes.INTERRUPTED;
        }
        // Read-only media, permissions, a file where a folder belongs: said in words, not by exception class.
        var fileProblem = dev.autoeditor.util.FileProblems.describe(e);
        if (fileProblem.isPresent()) {
            err.println("error: " + fileProblem.get());
            log.debug("details", e);
            return ExitCodes.FAILURE;
        }
        err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (run with -v for details)");
        log.debug("stack trace", e);
        if (log.isDebugEnabled()) e.printStackTrace(err);
        return ExitCodes.FAILURE;
    }

    /** Prints the program and library versions. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "auto-editor " + Version.version(),
                "deeplearning4j/nd4j " + Version.dl4j() + ", Java " + System.getProperty("java.version"),
            };
        }
    }
}
