package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.timeline.table.ConvertOptions;
import dev.autoeditor.timeline.table.ConvertResult;
import dev.autoeditor.timeline.table.Converter;
import dev.autoeditor.util.UserException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every xmeml file under a data tree's raw/ into its keyframes.csv (with its provenance sidecar). */
public final class ConvertPhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(ConvertPhase.class);
    /** The name on the main tree; {@link DataTree#phaseName} names it on another. */
    public static final String NAME = "convert";
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
        if (!result.failures().isEmpty()) {
            List<String> failed = result.failures().stream().map(ConvertResult.FileFailure::message).toList();
            context.note("files_failed", failed);
            log.warn("{}: {} of {} file(s) could not be converted and are left out (listed in manifest.json under {}.notes.files_failed); first: {}",
                    name(), failed.size(), failed.size() + result.converted().size(), name(), failed.get(0));
        }
        if (result.converted().isEmpty()) {
            throw new UserException("no xmeml file under " + context.path(tree.raw()) + " could be converted; check " + tree.sourcesKey());
        }
    }
}
