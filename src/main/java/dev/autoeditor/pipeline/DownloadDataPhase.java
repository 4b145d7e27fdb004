package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.fetch.DatasetDownloader;
import dev.autoeditor.fetch.DownloadSettings;
import dev.autoeditor.fetch.DownloadSource;
import dev.autoeditor.fetch.InstalledSource;
import dev.autoeditor.timeline.synth.SynthCorpus;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.synth.SynthSummary;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets listed under a data tree's sources key into its raw/NAME/: download.data into
 * data/raw/, finetune.data into data/finetune/raw/. When the list is empty (the embedded default),
 * the tree gets a built-in synthetic corpus in raw/synth/ (no network): the mixed styles for the main
 * tree, the house style (finetune.synth_*) for the fine-tune tree.
 */
public final class DownloadDataPhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(DownloadDataPhase.class);
    /** The name on the main tree; {@link DataTree#phaseName} names it on another. */
    public static final String NAME = "download-data";
    /** The folder under data/raw that holds the synthetic corpus. */
    public static final String SYNTH_FOLDER = "synth";
    private final DataTree tree;

    public DownloadDataPhase(DataTree tree) {
        super(tree.phaseName(NAME), 1, List.of(), List.of(tree.raw()));
        this.tree = tree;
    }

    @Override
    public boolean enabled(Config config) {
        return tree.enabled(config);
    }

    @Override
    public List<String> configKeys(Config config) {
        List<String> keys = new ArrayList<>(List.of(tree.sourcesKey()));
        if (synthetic(config)) keys.addAll(tree.isMain() ? SynthOptions.KEYS : SynthOptions.FINETUNE_KEYS);
        return keys;
    }

    /** Retries, back-off, timeout and cache folder: downloads are checksummed, so these never change what arrives. */
    @Override
    public List<String> runtimeKeys(Config config) {
        return DownloadSettings.KEYS;
    }

    private boolean synthetic(Config config) {
        return config.getList(tree.sourcesKey()).isEmpty();
    }

    /** Local folders and files change without the config changing: their content hash is an input. */
    @Override
    public Map<String, String> externalInputs(Config config) {
        Map<String, String> hashes = new TreeMap<>();
        for (DownloadSource s : DownloadSource.fromConfig(config, tree.sourcesKey())) {
            if (s.kind() != DownloadSource.Kind.LOCAL) continue;
            Path p = s.localPath();
            hashes.put("source " + s.name(), Files.exists(p) ? Hashing.sha256Unchecked(p) : "missing");
        }
        return hashes;
    }

    @Override
    public void checkSettings(Config config) {
        DownloadSettings.fromConfig(config);
        if (DownloadSource.fromConfig(config, tree.sourcesKey()).isEmpty()) {
            if (tree.isMain()) SynthOptions.fromConfig(config);
            else SynthOptions.finetuneFromConfig(config);
        }
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        Path raw = context.path(tree.raw());
        Files.createDirectories(raw);
        DatasetDownloader downloader = new DatasetDownloader(context.config(), tree.sourcesKey());
        if (downloader.sources().isEmpty()) {
            // The main tree's default is the mixed pretraining corpus; the fine-tune tree's is the
            // house style, which that corpus does not contain (docs/synth.md).
            SynthOptions options = tree.isMain() ? SynthOptions.fromConfig(context.config()) : SynthOptions.finetuneFromConfig(context.config());
            log.info("{}: no datasets in {}; writing the built-in synthetic corpus ({} projects)", name(), tree.sourcesKey(), options.projects());
            SynthSummary summary = SynthCorpus.write(raw.resolve(SYNTH_FOLDER), options, true);
            context.note("synthetic_projects", options.projects());
            context.note("synthetic_summary", String.valueOf(summary));
            return;
        }
        List<InstalledSource> installed = downloader.download(raw);
        context.note("datasets", DownloadNotes.of(installed));
    }
}
