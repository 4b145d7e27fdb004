package dev.autoeditor.cli;

import dev.autoeditor.fetch.InstalledSource;
import dev.autoeditor.fetch.ModelDownloader;
import dev.autoeditor.pipeline.DownloadModelsPhase;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor download-models}: the checkpoints listed under download.models. */
@Command(name = "download-models", mixinStandardHelpOptions = true,
        description = {"Download the pretrained checkpoints listed under download.models (http, https or file URLs; "
                + "SHA-256 checked, partial downloads resumed, cached by checksum).",
                "Without --output, writes the run directory's checkpoints/pretrained/ and records it in manifest.json."})
public final class DownloadModelsCommand extends BaseCommand {
    @Mixin
    RunDirOptions run;

    @Option(names = "--output", paramLabel = "DIR", description = "Install into DIR/NAME/ instead of the run directory.")
    Path output;

    @Option(names = "--force", description = "Redo even when up to date; replace existing folders.")
    boolean force;

    @Override
    protected int run() throws Exception {
        if (output == null) return PhaseRunner.runOnly(this, run, DownloadModelsPhase.NAME, force);
        ModelDownloader downloader = new ModelDownloader(config());
        if (downloader.sources().isEmpty()) {
            summary().println("no models configured (download.models is empty); nothing to download");
            return ExitCodes.OK;
        }
        OutputPaths.folder(output, "--output", "gets the models");
        DownloadDataCommand.checkTargets(output, downloader.sources(), force);
        List<InstalledSource> installed;
        try (dev.autoeditor.util.FolderLock lock = dev.autoeditor.util.FolderLock.acquire(output, "write to another folder (--output)", List.of())) {
            installed = downloader.download(output);
        }
        DownloadDataCommand.print(summary(), installed);
        return ExitCodes.OK;
    }
}
