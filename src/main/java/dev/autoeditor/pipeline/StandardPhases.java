package dev.autoeditor.pipeline;

import java.util.ArrayList;
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
        List<Phase> phases = new ArrayList<>(List.of(
                new DownloadModelsPhase(),
                new DownloadDataPhase(DataTree.MAIN),
                new ConvertPhase(DataTree.MAIN),
                new PreprocessPhase(DataTree.MAIN),
                new WindowPhase(DataTree.MAIN),
                new PretrainPhase(),
                new DistillPhase(),
                new DownloadDataPhase(DataTree.FINETUNE),
                new ConvertPhase(DataTree.FINETUNE),
                // Normalised with, and windowed like, the model fine-tuning starts from.
                new PreprocessPhase(DataTree.FINETUNE, FinetunePhase.STARTS_FROM),
                new WindowPhase(DataTree.FINETUNE, FinetunePhase.STARTS_FROM),
                new FinetunePhase(),
                new RlhfPhase(),
                new EvaluatePhase(List.of(PreprocessPhase.NAME, WindowPhase.NAME, PretrainPhase.NAME, DistillPhase.NAME, FinetunePhase.NAME,
                        RlhfPhase.NAME)),
                new SamplesPhase(List.of(DownloadDataPhase.NAME, PreprocessPhase.NAME, WindowPhase.NAME, PretrainPhase.NAME, DistillPhase.NAME,
                        FinetunePhase.NAME, RlhfPhase.NAME))
                ));
        // The report reads every earlier phase's files, and lists every phase (itself included).
        List<String> before = phases.stream().map(Phase::name).toList();
        List<String> order = new ArrayList<>(before);
        order.add(ReportPhase.NAME);
        phases.add(new ReportPhase(before, order));
        return List.copyOf(phases);
    }

    /** {@link #all()}, checked as a pipeline. */
    public static PhaseRegistry registry() {
        return new PhaseRegistry(all());
    }

    public static List<String> names() {
        return all().stream().map(Phase::name).toList();
    }
}
