package dev.autoeditor.fetch;

import dev.autoeditor.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fetches the datasets listed under a config key ({@code download.data}, or {@code finetune.data} for
 * the fine-tuning data) (archives of xmeml projects by URL, or local folders of exports) into a
 * folder (data/raw), each under its own name.
 */
public final class DatasetDownloader {
    private final Config config;
    private final String key;

    /** The datasets under {@code download.data}. */
    public DatasetDownloader(Config config) {
        this(config, "download.data");
    }

    /** @param key the config key listing the sources, for example {@code finetune.data} */
    public DatasetDownloader(Config config, String key) {
        this.config = config;
        this.key = key;
    }

    /** The configured dataset sources, checked; for download.data, empty means the built-in synthetic corpus. */
    public List<DownloadSource> sources() {
        return DownloadSource.fromConfig(config, key);
    }

    public List<InstalledSource> download(Path target) throws IOException, InterruptedException {
        Fetcher fetcher = new Fetcher(DownloadSettings.fromConfig(config));
        return new SourceInstaller(fetcher).installAll(sources(), target);
    }
}
