package dev.autoeditor.fetch;

import dev.autoeditor.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Fetches the pretrained checkpoints listed under {@code download.models} into a folder (checkpoints/pretrained). */
public final class ModelDownloader {
    private final Config config;

    public ModelDownloader(Config config) {
        this.config = config;
    }

    /** The configured model sources, checked. */
    public List<DownloadSource> sources() {
        return DownloadSource.fromConfig(config, "download.models");
    }

    /** Installs every configured model under {@code target/<name>/}; an empty list installs nothing. */
    public List<InstalledSource> download(Path target) throws IOException, InterruptedException {
        Fetcher fetcher = new Fetcher(DownloadSettings.fromConfig(config));
        return new SourceInstaller(fetcher).installAll(sources(), target);
    }
}
