package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.WindowResult;
import dev.autoeditor.data.Windower;
import java.util.ArrayList;
import java.util.List;

/** Phase 5: normalised windows in binary shards per split, into data/windows/. */
public final class WindowPhase extends DeclaredPhase {
    public static final String NAME = "window";

    /** Format 2: windows.json carries the data spec (sample rate, window settings, asset classes, normaliser by value). */
    public WindowPhase() {
        super(NAME, 2, List.of(ConvertPhase.NAME, PreprocessPhase.NAME), List.of(RunLayout.WINDOWS));
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
    public void run(PhaseContext context) {
        WindowResult r = Windower.run(context.layout().preprocessed(), context.layout().windows(), context.config(), true);
        context.note("windows", r.totalWindows());
    }
}
