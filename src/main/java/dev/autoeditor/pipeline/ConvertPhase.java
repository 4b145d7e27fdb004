package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.timeline.table.ConvertOptions;
import dev.autoeditor.timeline.table.ConvertResult;
import dev.autoeditor.timeline.table.Converter;
import dev.autoeditor.util.UserException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Phase 3: every xmeml file under data/raw into data/keyframes.csv (with its provenance sidecar). */
public final class ConvertPhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(ConvertPhase.class);
    public static final String NAME = "convert";
    static final String SIDECAR = RunLayout.KEYFRAMES + ".provenance.json";

    public ConvertPhase() {
        super(NAME, 2, List.of(DownloadDataPhase.NAME), List.of(RunLayout.KEYFRAMES, SIDECAR));
    }

    @Override
    public List<String> configKeys(Config config) {
        return List.of("convert.sample_fps");
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        ConvertOptions options = ConvertOptions.fromConfig(context.config(), null, true);
        ConvertResult result = Converter.convertXmeml(List.of(context.layout().raw()), context.layout().keyframes(), options);
        context.note("files_converted", result.converted().size());
        context.note("rows", result.rows());
        context.note("sequences", result.sequences());
        if (!result.failures().isEmpty()) {
            List<String> failed = result.failures().stream().map(ConvertResult.FileFailure::message).toList();
            context.note("files_failed", failed);
            log.warn("{}: {} of {} file(s) could not be converted and are left out (listed in manifest.json under convert.notes.files_failed); first: {}",
                    NAME, failed.size(), failed.size() + result.converted().size(), failed.get(0));
        }
        if (result.converted().isEmpty()) {
            throw new UserException("no xmeml file under " + context.layout().raw() + " could be converted; check download.data");
        }
    }
}
