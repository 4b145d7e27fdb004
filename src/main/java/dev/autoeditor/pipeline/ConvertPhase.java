package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.timeline.table.ConvertOptions;
import dev.autoeditor.timeline.table.ConvertResult;
import dev.autoeditor.timeline.table.Converter;
import dev.autoeditor.util.UserException;
import dev.autoeditor.fetch.ArchiveExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every xmeml file under a data tree's raw/ into its keyframes.csv (with its provenance sidecar). */
public final class ConvertPhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(ConvertPhase.class);
    /** The name on the main tree; {@link DataTree#phaseName} names it on another. */
    public static final String NAME = "convert";
    /** Notes: the messages of the files that were damaged, and of those skipped for holding no video. */
    public static final String FILES_FAILED = "files_failed";
    public static final String FILES_SKIPPED = "files_skipped";
    private final DataTree tree;

    /**
     * Format 2: the sidecar records the sample rate. Format 3: clips that show no frame (start after
     * end, wholly before frame 0) no longer take an asset number.
     */
    public ConvertPhase(DataTree tree) {
        super(tree.phaseName(NAME), 3, List.of(tree.phaseName(DownloadDataPhase.NAME)),
                List.of(tree.keyframes(), tree.keyframesProvenance()));
        this.tree = tree;
    }

    @Override
    public boolean enabled(Config config) {
        return tree.enabled(config);
    }

    @Override
    public List<String> configKeys(Config config) {
        return ConvertOptions.KEYS;
    }

    @Override
    public List<String> runtimeKeys(Config config) {
        return ConvertOptions.RUNTIME_KEYS;
    }

    /**
     * Where the user's own copy of each installed local source is: raw/NAME/ to the folder or file the
     * download-data phase copied it from, so a failure names the file the user can fix. Sources from a
     * URL or an archive have none.
     */
    private Map<Path, Path> originals(PhaseContext context) {
        Map<Path, Path> map = new LinkedHashMap<>();
        try {
            Object datasets = context.upstreamNotes(tree.phaseName(DownloadDataPhase.NAME)).get("datasets");
            if (!(datasets instanceof List<?> list)) return map;
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> d) || d.get("name") == null || d.get("source") == null) continue;
                String source = d.get("source").toString();
                if (source.contains("://") || source.startsWith("file:")) continue;
                Path original = Path.of(source).toAbsolutePath().normalize();
                Path installed = context.path(tree.raw()).resolve(d.get("name").toString()).toAbsolutePath().normalize();
                if (Files.isDirectory(original)) map.put(installed, original);
                else if (Files.isRegularFile(original) && !ArchiveExtractor.isArchive(original.getFileName().toString())) {
                    map.put(installed.resolve(original.getFileName().toString()), original);
                }
            }
        } catch (RuntimeException e) {
            log.debug("{}: where the inputs came from is not known: {}", name(), e.getMessage());
        }
        return map;
    }

    /** A failure's message with the installed copy's path replaced by the user's original, when there is one. */
    private static String namingTheOriginal(ConvertResult.FileFailure f, Map<Path, Path> originals) {
        Path file = f.path().toAbsolutePath().normalize();
        for (Map.Entry<Path, Path> e : originals.entrySet()) {
            Path original = file.equals(e.getKey()) ? e.getValue()
                    : file.startsWith(e.getKey()) && Files.isDirectory(e.getValue()) ? e.getValue().resolve(e.getKey().relativize(file).toString()) : null;
            if (original != null && Files.isRegularFile(original)) return f.message().replace(f.path().toString(), original.toString());
        }
        return f.message();
    }

    @Override
    public void checkSettings(Config config) {
        ConvertOptions.fromConfig(config, null, true);
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        ConvertOptions options = ConvertOptions.fromConfig(context.config(), null, true);
        ConvertResult result = Converter.convertXmeml(List.of(context.path(tree.raw())), context.path(tree.keyframes()), options);
        context.note("files_converted", result.converted().size());
        context.note("rows", result.rows());
        context.note("sequences", result.sequences());
        // Damaged files make the whole run end with exit 3 (full-run reads this note, also when the phase is
        // skipped next time); files without video are only listed.
        Map<Path, Path> originals = originals(context);
        context.note(FILES_FAILED, result.damaged().stream().map(f -> namingTheOriginal(f, originals)).toList());
        context.note(FILES_SKIPPED, result.skipped().stream().map(f -> namingTheOriginal(f, originals)).toList());
        context.note("files_total", result.converted().size() + result.failures().size());
        if (!result.damaged().isEmpty()) {
            log.warn("{}: {} of {} file(s) could not be converted and are left out (listed in manifest.json under {}.notes.{}); first: {}",
                    name(), result.damaged().size(), result.converted().size() + result.failures().size(), name(), FILES_FAILED,
                    result.damaged().get(0).message());
        }
        for (ConvertResult.FileFailure f : result.skipped()) log.info("{}: skipped, no video: {}", name(), f.message());
        if (result.converted().isEmpty()) {
            throw new UserException("no xmeml file under " + context.path(tree.raw()) + " could be converted; check " + tree.sourcesKey());
        }
    }
}
