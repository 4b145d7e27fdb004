package dev.autoeditor.cli;

import dev.autoeditor.pipeline.SamplesPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor samples}: the samples phase of a run directory. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = {"Continue a few test-split prompts with the run's final model (samples.count, cut at samples.prompt_seconds, "
                + "samples.seconds generated): samples/NAME.xml (Premiere XML), NAME.generated.csv and NAME.truth.csv (keyframe CSVs) "
                + "and samples/index.json, which the report draws. See docs/generate.md."})
public final class SamplesCommand extends BaseCommand {
    @Mixin
    RunDirOptions run;

    @Option(names = "--force", description = "Redo the phase even when it is up to date.")
    boolean force;

    @Override
    protected int run() throws Exception {
        return PhaseRunner.runOnly(this, run, SamplesPhase.NAME, force);
    }
}
