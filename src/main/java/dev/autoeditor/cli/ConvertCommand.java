package dev.autoeditor.cli;

import dev.autoeditor.pipeline.ConvertPhase;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.table.ConvertOptions;
import dev.autoeditor.timeline.table.ConvertResult;
import dev.autoeditor.timeline.table.Converter;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.util.FolderLock;
import dev.autoeditor.util.UserException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor convert}: xmeml exports to the per-frame keyframe CSV. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert Premiere Pro / FCP7 XML (xmeml) exports into one per-frame keyframe CSV.",
        footer = {"", "Beside FILE.csv: FILE.csv.provenance.json (inputs' SHA-256, settings, version). Rules: docs/convert.md.",
                "Exit codes: 0 every input converted, or was skipped for holding no video (audio-only or empty; listed);"
                        + " 3 some were damaged (each named on stderr, the rest converted); 1 none converted (nothing written).",
                "Without --input and --output it runs the convert phase of the run directory (--run-dir), at"
                        + " convert.sample_fps.",
                "Example: auto-editor convert --input exports/ --output data/keyframes.csv --fps 5"})
public final class ConvertCommand extends BaseCommand {
    @Option(names = "--input", arity = "1..*", paramLabel = "PATH",
            description = "An xmeml file, or a folder searched recursively for *.xml (repeatable).")
    List<Path> inputs;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "The CSV to write.")
    Path output;

    @Option(names = "--fps", paramLabel = "RATE|native",
            description = "Samples per second of timeline (5, 2.5, 30000/1001) or 'native' for every frame; default: config convert.sample_fps.")
    String fps;

    @Option(names = "--force", description = "Overwrite an existing output.")
    boolean force;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (inputs == null && output == null) {
            // The phase samples at convert.sample_fps (its inputs hash covers that key, not this option).
            if (fps != null) {
                throw new UserException("--fps applies with --input and --output; for the run directory use"
                        + " --set convert.sample_fps=" + fps, ExitCodes.USAGE, null);
            }
            return PhaseRunner.runOnly(this, run, ConvertPhase.NAME, force);
        }
        if (inputs == null || output == null) {
            throw new UserException("give both --input and --output, or neither to use the run directory's standard places (--run-dir, default: the current directory)");
        }
        OutputPaths.file(output, "--output", "keyframes.csv");
        ConvertOptions options = ConvertOptions.fromConfig(config(), fps, force);
        ConvertResult result;
        try (FolderLock lock = FolderLock.acquire(output.toAbsolutePath().getParent(), "write to another folder (--output)", List.of())) {
            result = Converter.convertXmeml(inputs, output, options);
        }
        printSummary(result, global.verbosity() > 0);
        return result.complete() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private void printSummary(ConvertResult r, boolean verbose) {
        PrintWriter out = summary();
        for (ConvertResult.FileReport f : r.converted()) {
            StringBuilder line = new StringBuilder("  " + f.path() + ": " + f.sequences() + " sequence(s), " + f.rows() + " rows");
            // Only a name made unique against another input's differs from the file name: say so.
            if (!f.project().equals(XmemlReader.projectName(f.path()))) line.append(" as project '").append(f.project()).append("'");
            for (Map.Entry<Clip.Unsupported, List<String>> e : f.unsupported().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                line.append(", ").append(e.getValue().size()).append(" clip(s) with ").append(e.getKey().label());
            }
            out.println(line);
            for (String note : f.notes()) out.println("    note: " + note);
            if (verbose) {
                f.unsupported().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                        e.getValue().forEach(clip -> out.println("    " + e.getKey().label() + ": " + clip)));
            }
        }
        // Files without video hold nothing to learn: reported, but no failure (exit 0).
        for (ConvertResult.FileFailure f : r.skipped()) out.println("  skipped (no video): " + f.message());
        for (ConvertResult.FileFailure f : r.damaged()) err().println("failed: " + f.message());
        out.println("converted " + r.converted().size() + " of " + (r.converted().size() + r.failures().size())
                + " file(s): " + r.sequences() + " sequence(s), " + r.rows() + " rows at " + r.sampling()
                + " fps -> " + r.output() + (r.skipped().isEmpty() ? "" : " (" + r.skipped().size() + " skipped: no video)")
                + (r.damaged().isEmpty() ? "" : " (" + r.damaged().size() + " failed)"));
        out.println("provenance: " + r.provenance());
    }
}
