package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every subcommand takes: settings layers and verbosity. */
public final class GlobalOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings layered over the defaults and profile.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting (repeatable), e.g. --set window.length=200.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "default",
            description = "Settings profile applied after the defaults: default, tiny or full (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = {"-v", "--verbose"}, description = "More detail (repeat for trace).")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, description = "Warnings and errors only.")
    boolean quiet;

    private Config resolved;

    /** The resolved settings (defaults, profile, --config, --set), computed once. */
    public Config config() {
        if (resolved == null) resolved = ConfigLoader.load(profile, configFile, sets);
        return resolved;
    }

    public int verbosity() {
        return quiet ? -1 : verbose.length;
    }

    public String profile() {
        return profile;
    }
}
