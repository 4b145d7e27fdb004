package dev.autoeditor.pipeline;

import java.util.List;

/** The phases of a full run, in order. Later phases (distill, finetune, rlhf) are appended here as they land. */
public final class StandardPhases {
    private StandardPhases() {}

    public static List<Phase> all() {
        return List.of(
                new DownloadModelsPhase(),
                new DownloadDataPhase(),
                new ConvertPhase(),
                new PreprocessPhase(),
                new WindowPhase(),
                new PretrainPhase());
    }

    public static List<String> names() {
        return all().stream().map(Phase::name).toList();
    }
}
