package dev.autoeditor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code auto-editor prefs}: preference pairs for the rlhf phase; each subcommand makes or brings pairs. */
@Command(name = "prefs", mixinStandardHelpOptions = true,
        description = "Preference pairs (two continuations of one context, the preferred first) for the rlhf phase.",
        footer = {"", "Pairs are JSON lines in auto-editor-pair/1 (docs/prefs.md), by default in <run-dir>/prefs/pairs.jsonl."},
        subcommands = {PrefsImportCommand.class, PrefsCollectCommand.class, PrefsSimulateCommand.class})
public final class PrefsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
