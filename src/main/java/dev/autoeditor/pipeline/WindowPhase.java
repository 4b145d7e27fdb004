package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.WindowResult;
import dev.autoeditor.data.Windower;
import java.util.ArrayList;
import java.util.List;

/** Phase 5: normalised windows in binary shards per split, into data/windows/. */
public final class WindowPhase implements Phase {
    public static final String NAME = "window";

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
        List<String> keys = new ArrayList<>(config.keysUnder("window"));
        // The batch iterator's option lives under window but is read only at training time.
        keys.remove("window.drop_last_batch");
        keys.add("model.asset_classes");
        return keys;
    }

    @Override
    public List<String> upstream() {
        return List.of(ConvertPhase.NAME, PreprocessPhase.NAME);
    }

    @Override
    public List<String> outputs() {
        return List.of(RunLayout.WINDOWS);
    }

    @Override
    public void run(PhaseContext context) {
        WindowResult r = Windower.run(context.layout().preprocessed(), context.layout().windows(), context.config(), true);
        context.note("windows", r.totalWindows());
    }
}
