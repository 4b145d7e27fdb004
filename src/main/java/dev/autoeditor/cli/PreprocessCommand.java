package dev.autoeditor.cli;

import dev.autoeditor.data.PreprocessResult;
import dev.autoeditor.data.Preprocessor;
import dev.autoeditor.data.Split;
import java.nio.file.Path;
import dev.autoeditor.pipeline.PreprocessPhase;
import dev.autoeditor.util.FolderLock;
import dev.autoeditor.util.UserException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor preprocess}: split projects and fit the normaliser on the training split. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = {"Split the keyframe CSV's projects into train, validation and test (re-exports kept together, exact "
                + "duplicates dropped) and fit the normaliser on the training split.",
                "Writes DIR/splits.json and DIR/normaliser.json; the CSV is streamed, not copied."})
public final class PreprocessCommand extends BaseCommand {
    @Option(names = "--input", paramLabel = "FILE.csv", description = "Keyframe CSV written by `auto-editor convert`.")
    Path input;

    @Option(names = "--output", paramLabel = "DIR", description = "Folder for splits.json and normaliser.json.")
    Path output;

    @Option(names = "--force", description = "Overwrite existing splits.json and normaliser.json.")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (input == null && output == null) return PhaseRunner.runOnly(this, run, PreprocessPhase.NAME, force);
        Preprocessor.checkSettings(config());
        if (output != null) OutputPaths.folder(output, "--output", "gets splits.json and normaliser.json");
        if (input == null || output == null) {
            throw new UserException("give both --input and --output, or neither to use the run directory's standard places (--run-dir, default: the current directory)");
        }
        PreprocessResult r;
        try (FolderLock lock = FolderLock.acquire(output, "write to another folder (--output)", List.of())) {
            r = Preprocessor.run(input, output, config(), force);
        }
        summary().printf("preprocess: %d rows, %d projects in %d groups, %d exact duplicates dropped (%d rows)%n",
                r.rows(), r.projects(), r.groups(), r.duplicatesDropped(), r.duplicateRows());
        for (Split s : Split.values()) {
            summary().printf("  %-5s %4d projects %10d rows%n", s.id(), r.projectsPerSplit().get(s), r.rowsPerSplit().get(s));
        }
        summary().printf("normaliser (%s) fitted on train; wrote %s and %s in %.1f s%n", r.normaliser().method(), r.splitsFile(),
                r.normaliserFile(), r.seconds());
        return ExitCodes.OK;
    }
}
