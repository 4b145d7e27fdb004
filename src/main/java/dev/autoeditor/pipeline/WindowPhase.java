package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.SplitsFile;
import dev.autoeditor.data.WindowResult;
import dev.autoeditor.data.WindowSettings;
import dev.autoeditor.data.Windower;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalised windows in binary shards per split, into a data tree's windows/. On a tree that feeds a
 * model phase starting from a trained model (fine-tuning), the windows must be the model's: its sample
 * rate, window length, stride, shortest sequence and asset classes; the phase refuses, naming each
 * difference, when the settings or the converted data say otherwise.
 */
public final class WindowPhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(WindowPhase.class);
    /** The name on the main tree; {@link DataTree#phaseName} names it on another. */
    public static final String NAME = "window";
    /** The window settings, and the master seed that the windows' provenance records. */
    private static final List<String> KEYS = keys();
    private final DataTree tree;
    private final String modelFrom;

    /** Format 2: windows.json carries the data spec (sample rate, window settings, asset classes, normaliser by value). */
    public WindowPhase(DataTree tree) {
        this(tree, null);
    }

    /**
     * @param modelFrom the model phase whose model the tree's model phase starts from (in the full
     *                  pipeline; the orchestrator substitutes the last enabled one): the windows must be
     *                  made its way; null for none
     */
    public WindowPhase(DataTree tree, String modelFrom) {
        super(tree.phaseName(NAME), 2, upstream(tree, modelFrom), List.of(tree.windows()));
        this.tree = tree;
        this.modelFrom = modelFrom;
    }

    private static List<String> upstream(DataTree tree, String model) {
        List<String> up = new ArrayList<>(List.of(tree.phaseName(ConvertPhase.NAME), tree.phaseName(PreprocessPhase.NAME)));
        if (model != null) up.add(model);
        return up;
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
        if (modelFrom != null) checkMadeLikeTheModel(context);
        WindowResult r = Windower.run(context.path(tree.preprocessed()), context.path(tree.windows()), context.config(), true);
        context.note("windows", r.totalWindows());
    }

    /**
     * The starting model reads windows of one shape at one rate: refuses, naming every difference and
     * the fix, when the settings (window.*, model.asset_classes) or the converted data's sample rate
     * differ from its checkpoint's data spec.
     */
    private void checkMadeLikeTheModel(PhaseContext context) {
        ModelSource model = context.sourceModel();
        DataSpec spec = CheckpointStore.read(model.checkpoint()).data();
        WindowSettings settings = WindowSettings.from(context.config());
        List<String> differences = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        compare("window.length", settings.length(), spec.windowLength(), differences, fixes);
        compare("window.stride", settings.stride(), spec.windowStride(), differences, fixes);
        compare("window.min_sequence_frames", settings.minSequenceFrames(), spec.minSequenceFrames(), differences, fixes);
        compare("model.asset_classes", settings.assetClasses(), spec.assetClasses(), differences, fixes);
        Path preprocessed = context.path(tree.preprocessed());
        String rate = SplitsFile.load(preprocessed).sampleFps();
        if (rate == null || spec.sampleFps() == null) {
            log.warn("{}: the sample rate of {} ({}) or of the model {} ({}) is unknown; the windows cannot be checked against it",
                    name(), tree.keyframes(), rate, model.checkpoint(), spec.sampleFps());
        } else if (!rate.equals(spec.sampleFps())) {
            differences.add("the exports were converted at " + rate + " samples per second (convert.sample_fps) but the model was trained at "
                    + spec.sampleFps());
            fixes.add("convert.sample_fps=" + spec.sampleFps());
        }
        if (!differences.isEmpty()) {
            throw new UserException(name() + ": the windows must be made the way the starting model's were (" + model.checkpoint() + ", "
                    + model.phase() + "), but " + String.join("; ", differences) + "; set " + String.join(" ", fixes)
                    + " (as the model was trained), or retrain the model with the new settings: auto-editor full-run --run-dir "
                    + context.layout().root());
        }
    }

    private static void compare(String key, int setting, int model, List<String> differences, List<String> fixes) {
        if (!Objects.equals(setting, model)) {
            differences.add(key + " is " + setting + " where the model's is " + model);
            fixes.add(key + "=" + model);
        }
    }
}
