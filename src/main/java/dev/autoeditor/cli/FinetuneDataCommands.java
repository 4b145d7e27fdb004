package dev.autoeditor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The subcommands of the fine-tuning data tree's phases ({@code finetune-download-data},
 * {@code finetune-convert}, {@code finetune-preprocess}, {@code finetune-window}). They run one phase
 * in the run directory, like {@code full-run --only PHASE}; the main tree's commands do the same work
 * on explicit paths, so these need no --input/--output of their own.
 */
final class FinetuneDataCommands {
    private FinetuneDataCommands() {}

    /** One phase of the fine-tuning tree, run in the run directory through the orchestrator. */
    abstract static class TreePhaseCommand extends BaseCommand {
        @Mixin
        RunDirOptions run;

        @Option(names = "--force", description = "Redo even when up to date, and replace files this run did not make.")
        boolean force;

        @Override
        protected int run() throws Exception {
            return PhaseRunner.runOnly(this, run, spec.name(), force);
        }
    }

    @Command(name = "finetune-download-data", mixinStandardHelpOptions = true,
            description = {"Fetch the datasets listed under finetune.data (same shape as download.data) into the run directory's "
                    + "data/finetune/raw/.", "Runs only when finetune.enabled is true."})
    static final class Download extends TreePhaseCommand {}

    @Command(name = "finetune-convert", mixinStandardHelpOptions = true,
            description = {"Convert the fine-tuning exports (data/finetune/raw/) into data/finetune/keyframes.csv, at convert.sample_fps.",
                    "Runs only when finetune.enabled is true; `convert --input --output` converts any folder."})
    static final class Convert extends TreePhaseCommand {}

    @Command(name = "finetune-preprocess", mixinStandardHelpOptions = true,
            description = {"Split the fine-tuning keyframe table's projects (preprocess.*) and take the normaliser of the model "
                    + "fine-tuning starts from (never refitted), into data/finetune/preprocessed/.",
                    "Runs only when finetune.enabled is true."})
    static final class Preprocess extends TreePhaseCommand {}

    @Command(name = "finetune-window", mixinStandardHelpOptions = true,
            description = {"Cut the fine-tuning splits into windows the way the starting model's were (its sample rate, window "
                    + "length and stride, asset classes; a difference from window.* is refused), into data/finetune/windows/.",
                    "Runs only when finetune.enabled is true."})
    static final class Window extends TreePhaseCommand {}
}
