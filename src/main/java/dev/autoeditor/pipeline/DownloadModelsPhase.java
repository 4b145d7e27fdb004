package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.fetch.DownloadSettings;
import dev.autoeditor.fetch.InstalledSource;
import dev.autoeditor.fetch.ModelDownloader;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pretrained checkpoints listed under download.models, into checkpoints/pretrained/. */
public final class DownloadModelsPhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(DownloadModelsPhase.class);
    public static final String NAME = "download-models";

    public DownloadModelsPhase() {
        super(NAME, 1, List.of(), List.of(RunLayout.PRETRAINED));
    }

    @Override
    public List<String> configKeys(Config config) {
        return List.of("download.models");
    }

    /** Retries, back-off, timeout and cache folder: downloads are checksummed, so these never change what arrives. */
    @Override
    public List<String> runtimeKeys(Config config) {
        return DownloadSettings.KEYS;
    }

    @Override
    public void checkSettings(Config config) {
        DownloadSettings.fromConfig(config);
        dev.autoeditor.fetch.DownloadSource.fromConfig(config, "download.models");
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        Files.createDirectories(context.layout().pretrained());
        ModelDownloader downloader = new ModelDownloader(context.config());
        if (downloader.sources().isEmpty()) {
            log.info("{}: no models configured (download.models is empty); nothing to download", NAME);
            context.note("models", List.of());
            return;
        }
        List<InstalledSource> installed = downloader.download(context.layout().pretrained());
        context.note("models", DownloadNotes.of(installed));
    }
}
