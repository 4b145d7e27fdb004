package dev.autoeditor.cli;

import dev.autoeditor.data.Split;
import dev.autoeditor.data.WindowResult;
import dev.autoeditor.data.WindowSettings;
import dev.autoeditor.data.Windower;
import java.nio.file.Path;
import dev.autoeditor.pipeline.WindowPhase;
import dev.autoeditor.util.FolderLock;
import dev.autoeditor.util.UserException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor window}: cut the splits into normalised training windows in binary shards. */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = {"Apply the splits and normaliser from `preprocess` to the keyframe CSV and write windows of "
                + "window.length frames (stride window.stride, padded with a mask) as binary shards per split.",
                "Writes DIR/{train,val,test}/shard-*.bin with index.json, and DIR/windows.json."})
public final class WindowCommand extends BaseCommand {
    @Option(names = "--input", paramLabel = "DIR", description = "Folder written by `auto-editor preprocess`.")
    Path input;

    @Option(names = "--output", paramLabel = "DIR", description = "Folder for the window shards.")
    Path output;

    @Option(names = "--force", description = "Replace existing window shards in the output folder.")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (input == null && output == null) return PhaseRunner.runOnly(this, run, WindowPhase.NAME, force);
        WindowSettings.from(config());
        if (output != null) OutputPaths.folder(output, "--output", "gets the window shards");
        if (input == null || output == null) {
            throw new UserException("give both --input and --output, or neither to use the run directory's standard places (--run-dir, default: the current directory)");
        }
        WindowResult r;
        try (FolderLock lock = FolderLock.acquire(output, "write to another folder (--output)", List.of())) {
            r = Windower.run(input, output, config(), force);
        }
        summary().printf("window: %d rows into %d windows%n", r.rows(), r.totalWindows());
        for (Split s : Split.values()) {
            summary().printf("  %-5s %8d windows from %5d sequences (%d too short, dropped)%n", s.id(), r.windows().get(s),
                    r.sequences().get(s), r.droppedShort().get(s));
        }
        summary().printf("wrote %s in %.1f s%n", r.outDir(), r.seconds());
        return ExitCodes.OK;
    }
}
