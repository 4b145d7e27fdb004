package dev.autoeditor.fetch;

import dev.autoeditor.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fetches the datasets listed under {@code download.data} (archives of xmeml projects by URL, or
 * local folders of exports) into a folder (data/raw), each under its own name.
 */
public final class DatasetDownloader {
    private final Config config;

    public DatasetDownloader(Config config) {
        this.config = config;
    }

    /** The configured dataset sources, checked; empty means the built-in synthetic corpus. */
    public List<DownloadSource> sources() {
        return DownloadSource.fromConfig(config, "download.data");
    }

    public List<InstalledSource> download(Path target) throws IOException, InterruptedException {
        Fetcher fetcher = new Fetcher(DownloadSettings.fromConfig(config));
        return new SourceInstaller(fetcher).installAll(sources(), target);
    }
}
