package dev.autoeditor.pipeline;

import java.util.List;

/**
 * The registry: the phases of a full run, in order. It drives {@code full-run} (and its help),
 * {@code status}, the run's final model and the subcommand check. A new phase is one class and one
 * line here, at its place in the order: download-models, download-data, convert, preprocess, window,
 * pretrain, distill, finetune (after its data phases), rlhf, evaluate, samples, report.
 */
public final class StandardPhases {
    private StandardPhases() {}

    public static List<Phase> all() {
        return List.of(
                new DownloadModelsPhase(),
                new DownloadDataPhase(DataTree.MAIN),
                new ConvertPhase(DataTree.MAIN),
                new PreprocessPhase(DataTree.MAIN),
                new WindowPhase(DataTree.MAIN),
                new PretrainPhase(),
                // distill goes here
                new DownloadDataPhase(DataTree.FINETUNE),
                new ConvertPhase(DataTree.FINETUNE),
                new PreprocessPhase(DataTree.FINETUNE),
                new WindowPhase(DataTree.FINETUNE)
                // finetune, rlhf, evaluate, samples, report go here
                );
    }

    /** {@link #all()}, checked as a pipeline. */
    public static PhaseRegistry registry() {
        return new PhaseRegistry(all());
    }

    public static List<String> names() {
        return all().stream().map(Phase::name).toList();
    }
}
