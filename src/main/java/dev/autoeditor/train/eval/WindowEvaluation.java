package dev.autoeditor.train.eval;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.Split;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A saved model scored on one split of a run's windows, beside both baselines, with thresholds tuned
 * on the windows' validation split. The windows carry their normaliser and the model the one it was
 * trained with: they must agree, or the scores would compare values in different units.
 */
public final class WindowEvaluation {
    private WindowEvaluation() {}

    /** The model as evaluated (for further passes over the same windows) and its report. */
    public record Result(ModelUnderTest model, EvaluationReport report) {}

    public static Result run(Path checkpoint, Path windowsDir, Split split, Config cfg) {
        ModelArtifact loaded = ModelArtifact.load(checkpoint);
        DataSpec windows = DataSpec.load(windowsDir);
        if (!loaded.normaliser().sameStatistics(windows.normaliser())) {
            throw new UserException("model " + loaded.json() + " was trained on data normalised differently from the windows in " + windowsDir
                    + "; evaluate it on windows made with its normaliser, or on exports with --input");
        }
        Map<String, Object> normaliserInfo = new LinkedHashMap<>();
        normaliserInfo.put("source", "checkpoint");
        normaliserInfo.put("checkpoint", loaded.json().toAbsolutePath().normalize().toString());
        normaliserInfo.put("method", loaded.normaliser().method());
        normaliserInfo.put("matches_windows", true);
        ModelUnderTest model = ModelUnderTest.of(loaded.frameTransformer());
        EvaluationReport report = EvaluationRun.run(new EvaluationRun.Inputs(model, loaded.describe(), windowsDir, split,
                loaded.normaliser(), normaliserInfo), cfg);
        return new Result(model, report);
    }
}
