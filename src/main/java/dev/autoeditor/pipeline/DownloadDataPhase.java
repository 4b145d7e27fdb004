package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.fetch.DatasetDownloader;
import dev.autoeditor.fetch.InstalledSource;
import dev.autoeditor.timeline.synth.SynthCorpus;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.synth.SynthSummary;
import dev.autoeditor.fetch.DownloadSource;
import dev.autoeditor.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2: the datasets listed under download.data into data/raw/NAME/, or, when none are listed
 * (the embedded default), the built-in synthetic corpus into data/raw/synth/; no network needed.
 */
public final class DownloadDataPhase implements Phase {
    private static final Logger log = LoggerFactory.getLogger(DownloadDataPhase.class);
    public static final String NAME = "download-data";
    /** The folder under data/raw that holds the synthetic corpus. */
    public static final String SYNTH_FOLDER = "synth";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public List<String> configKeys(Config config) {
        List<String> keys = new ArrayList<>(List.of("download.data"));
        if (config.getList("download.data").isEmpty()) {
            keys.addAll(config.keysUnder("synth"));
            // The corpus does not depend on how many threads write it.
            keys.remove("synth.threads");
            keys.add("seed");
        }
        return keys;
    }

    /** Local folders and files change without the config changing: their content hash is an input. */
    @Override
    public Map<String, String> externalInputs(Config config) {
        Map<String, String> hashes = new TreeMap<>();
        for (DownloadSource s : DownloadSource.fromConfig(config, "download.data")) {
            if (s.kind() != DownloadSource.Kind.LOCAL) continue;
            Path p = s.localPath();
            hashes.put("source " + s.name(), Files.exists(p) ? Hashing.sha256Unchecked(p) : "missing");
        }
        return hashes;
    }

    @Override
    public List<String> upstream() {
        return List.of();
    }

    @Override
    public List<String> outputs() {
        return List.of(RunLayout.RAW);
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        Files.createDirectories(context.layout().raw());
        DatasetDownloader downloader = new DatasetDownloader(context.config());
        if (downloader.sources().isEmpty()) {
            SynthOptions options = SynthOptions.fromConfig(context.config());
            log.info("{}: no datasets configured; writing the built-in synthetic corpus ({} projects)", NAME, options.projects());
            SynthSummary summary = SynthCorpus.write(context.layout().raw().resolve(SYNTH_FOLDER), options, true);
            context.note("synthetic_projects", options.projects());
            context.note("synthetic_summary", String.valueOf(summary));
            return;
        }
        List<InstalledSource> installed = downloader.download(context.layout().raw());
        context.note("datasets", DownloadNotes.of(installed));
    }
}
