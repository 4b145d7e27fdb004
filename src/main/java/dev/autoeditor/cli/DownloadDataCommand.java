package dev.autoeditor.cli;

import dev.autoeditor.fetch.DatasetDownloader;
import dev.autoeditor.fetch.DownloadSource;
import dev.autoeditor.fetch.InstalledSource;
import dev.autoeditor.pipeline.DownloadDataPhase;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.FolderLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor download-data}: the datasets listed under download.data, or the built-in synthetic corpus. */
@Command(name = "download-data", mixinStandardHelpOptions = true,
        description = {"Fetch the datasets listed under download.data (archives of xmeml projects by URL, or local folders "
                + "of exports); with none listed, write the built-in synthetic corpus.",
                "Without --output, writes the run directory's data/raw/ and records it in manifest.json."})
public final class DownloadDataCommand extends BaseCommand {
    @Mixin
    RunDirOptions run;

    @Option(names = "--output", paramLabel = "DIR", description = "Install the configured datasets into DIR/NAME/ instead of the run directory.")
    Path output;

    @Option(names = "--force", description = "Redo even when up to date; replace existing folders.")
    boolean force;

    @Override
    protected int run() throws Exception {
        if (output == null) return PhaseRunner.runOnly(this, run, DownloadDataPhase.NAME, force);
        DatasetDownloader downloader = new DatasetDownloader(config());
        if (downloader.sources().isEmpty()) {
            err().println("download.data is empty; use `auto-editor synth --out DIR` for the synthetic corpus, or omit --output to use a run directory");
            return ExitCodes.USAGE;
        }
        OutputPaths.folder(output, "--output", "gets the datasets");
        checkTargets(output, downloader.sources(), force);
        try (FolderLock lock = FolderLock.acquire(output, "write to another folder (--output)", List.of())) {
            print(summary(), downloader.download(output));
        }
        return ExitCodes.OK;
    }

    static void checkTargets(Path output, List<DownloadSource> sources, boolean force) {
        for (DownloadSource s : sources) AtomicFiles.checkOverwrite(output.resolve(s.name()), force);
    }

    static void print(PrintWriter out, List<InstalledSource> installed) {
        for (InstalledSource s : installed) {
            out.printf("  %-20s %4d file(s) in %s  sha256 %s%s%n", s.name(), s.files(), s.folder(), s.sha256(),
                    s.pinned() ? "" : " (computed; add it to the config to pin it)");
        }
    }
}
