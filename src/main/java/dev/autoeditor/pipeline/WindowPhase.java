package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.WindowResult;
import dev.autoeditor.data.WindowSettings;
import dev.autoeditor.data.Windower;
import java.util.ArrayList;
import java.util.List;

/** Normalised windows in binary shards per split, into a data tree's windows/. */
public final class WindowPhase extends DeclaredPhase {
    /** The name on the main tree; {@link DataTree#phaseName} names it on another. */
    public static final String NAME = "window";
    /** The window settings, and the master seed that the windows' provenance records. */
    private static final List<String> KEYS = keys();
    private final DataTree tree;

    /** Format 2: windows.json carries the data spec (sample rate, window settings, asset classes, normaliser by value). */
    public WindowPhase(DataTree tree) {
        super(tree.phaseName(NAME), 2, List.of(tree.phaseName(ConvertPhase.NAME), tree.phaseName(PreprocessPhase.NAME)),
                List.of(tree.windows()));
        this.tree = tree;
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(WindowSettings.KEYS);
        keys.add("seed");
        return List.copyOf(keys);
    }

    @Override
    public boolean enabled(Config config) {
        return tree.enabled(config);
    }

    @Override
    public List<String> configKeys(Config config) {
        return KEYS;
    }

    @Override
    public void checkSettings(Config config) {
        WindowSettings.from(config);
    }

    @Override
    public void run(PhaseContext context) {
        WindowResult r = Windower.run(context.path(tree.preprocessed()), context.path(tree.windows()), context.config(), true);
        context.note("windows", r.totalWindows());
    }
}
