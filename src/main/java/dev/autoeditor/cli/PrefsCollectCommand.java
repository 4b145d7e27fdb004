package dev.autoeditor.cli;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.Split;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.pipeline.DataTree;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.TestExports;
import dev.autoeditor.prefs.CollectSitting;
import dev.autoeditor.prefs.DemoProposer;
import dev.autoeditor.prefs.PairJudge;
import dev.autoeditor.prefs.PairProposer;
import dev.autoeditor.prefs.PairStore;
import dev.autoeditor.prefs.SittingConsole;
import dev.autoeditor.prefs.SittingLog;
import dev.autoeditor.rl.ModelProposer;
import dev.autoeditor.rl.RlhfSettings;
import dev.autoeditor.timeline.table.InputFiles;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code auto-editor prefs collect}: a person chooses between two continuations at the terminal, one
 * key press a pair ({@link CollectSitting}); the sitting can stop and continue later.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Show two continuations of an edit at the terminal and record which one you prefer (a, b, s = skip, q = quit).",
        footer = {"",
                "Each side is also written as Premiere XML to open in an editor. Answers are kept as they are made: pairs in"
                        + " PAIRS.jsonl, every answer and skip in PAIRS.sittings.jsonl beside it, so a sitting stopped with q or"
                        + " Ctrl-C continues where it stopped when the same command runs again.",
                "Both sides are sampled from the run's final model (or --model) by generate, at rlhf.simulate.temperature with"
                        + " independent seeds, after contexts of rlhf.context_frames cut from the training split's exports (or --exports),"
                        + " for rlhf.horizon_frames.",
                "--demo EXPORTS proposes rule-based continuations of the exports' sequences instead of the model's (no model"
                        + " needed; pairs go to <run-dir>/" + PrefsCollectCommand.DEMO_FILE + " unless --out is given).",
                "Exit codes: 0 done or stopped with q; 130 Ctrl-C; 1 an error (named).",
                "Example: auto-editor prefs collect --run-dir runs/mine --pairs 30"})
public final class PrefsCollectCommand extends BaseCommand {
    /** Where demo pairs go by default: never into the run's real pair file unless asked for with --out. */
    static final String DEMO_FILE = "prefs/demo-pairs.jsonl";

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "20",
            description = "Pairs to record in this sitting (skips do not count; default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--out", paramLabel = "PAIRS.jsonl",
            description = "The pair file to append to (created if missing); default: <run-dir>/" + PairStore.DEFAULT_FILE + ".")
    Path output;

    @Option(names = "--judge-id", paramLabel = "ID", description = "Your name in the pairs (judge kind person); default: $USER.")
    String judgeId;

    @Option(names = "--model", paramLabel = "CKPT", description = "The model that proposes the pairs (a .json or a folder); default: the run's final model.")
    Path model;

    @Option(names = "--exports", paramLabel = "EXPORTS",
            description = "Premiere XML exports (a folder or one file) to cut contexts from; default: the training split of the run's"
                    + " fine-tuning exports when present, else of its main exports.")
    Path exports;

    @Option(names = "--demo", paramLabel = "EXPORTS",
            description = "Demo without a model: rule-based continuations of these Premiere XML exports (a folder or one file).")
    Path demo;

    @Mixin
    RunDirOptions run;

    @Override
    protected int run() throws Exception {
        if (pairs < 1) throw new UserException("--pairs is " + pairs + "; give 1 or more", ExitCodes.USAGE, null);
        PairJudge judge = new PairJudge(PairJudge.Kind.PERSON, judgeId());
        RunLayout layout = run.layout();
        Path target = output != null ? output : layout.resolve(demo != null ? DEMO_FILE : PairStore.DEFAULT_FILE);
        try (PairProposer proposer = proposer(layout)) {
            CollectSitting.Settings settings = new CollectSitting.Settings(judge, pairs, CollectSitting.xmlDir(target, proposer), Clock.systemUTC());
            CollectSitting.Outcome outcome;
            try (OpenConsole open = openConsole()) {
                outcome = new CollectSitting(proposer, new PairStore(target), new SittingLog(SittingLog.beside(target)), open.console(), settings).run();
            }
            return outcome.ending() == CollectSitting.Ending.INTERRUPTED ? ExitCodes.INTERRUPTED : ExitCodes.OK;
        }
    }

    private String judgeId() {
        String id = judgeId != null ? judgeId : System.getenv("USER");
        if (id == null || id.isBlank()) {
            throw new UserException("no judge id: pass --judge-id NAME (the pairs record who chose; $USER is not set)", ExitCodes.USAGE, null);
        }
        return id.strip();
    }

    /** Where the proposals come from: the demo when asked for, otherwise the model sampled by generate ({@link ModelProposer}). */
    private PairProposer proposer(RunLayout layout) throws IOException {
        if (demo != null) {
            if (model != null || exports != null) throw new UserException("--demo proposes without a model; drop --model and --exports", ExitCodes.USAGE, null);
            SamplingRate sampling = SamplingRate.parse(config().getString("convert.sample_fps"), "config key 'convert.sample_fps'");
            return DemoProposer.open(demo, sampling, config().getLong("seed"));
        }
        List<Path> given = exports != null ? exportsGiven() : null;
        Config cfg = config();
        RlhfSettings rlhf = RlhfSettings.from(cfg);
        GenerateSettings generate = GenerateSettings.from(cfg);
        Path checkpoint = model != null ? model : layout.finalModel().orElseThrow(() -> new UserException("prefs collect: no trained model in "
                + layout.root() + " (checkpoints/rlhf, finetune, distill or pretrain) to propose pairs; train one with `auto-editor full-run"
                + " --run-dir " + layout.root() + "`, pass --model CKPT, or try the sitting with --demo EXPORTS (rule-based continuations, no model)"));
        ModelArtifact artifact = ModelArtifact.load(checkpoint);
        List<Path> files;
        String label;
        if (given != null) {
            files = given;
            label = files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " exports in " + exports;
        } else {
            DataTree tree = Files.isDirectory(layout.resolve(DataTree.FINETUNE.raw())) ? DataTree.FINETUNE : DataTree.MAIN;
            try {
                files = TestExports.of(layout, tree, Split.TRAIN);
            } catch (UserException e) {
                throw new UserException("prefs collect: no training exports of the run to cut contexts from (" + e.getMessage()
                        + "); pass --exports FOLDER with Premiere XML exports", e);
            }
            label = "the run's " + files.size() + " training exports (" + tree.raw() + ")";
        }
        return ModelProposer.open(artifact, generate, files, label,
                new ModelProposer.Settings(rlhf.contextFrames(), rlhf.horizon(), rlhf.temperature(), cfg.getLong("seed")));
    }

    /** The .xml files of --exports (a folder, searched through, or one file), failing with one line naming the option. */
    private List<Path> exportsGiven() throws IOException {
        if (!Files.exists(exports)) {
            throw new UserException("--exports " + exports + ": no such folder or file; give a folder of Premiere XML exports (or one export)",
                    ExitCodes.USAGE, null);
        }
        if (Files.isDirectory(exports)) {
            try (var walk = Files.walk(exports)) {
                if (walk.noneMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml"))) {
                    throw new UserException("--exports " + exports + ": no .xml file in the folder; give a folder of Premiere XML exports",
                            ExitCodes.USAGE, null);
                }
            }
        }
        return InputFiles.expand(List.of(exports));
    }

    /** The terminal when there is one (single key presses), else keys from standard input. */
    private OpenConsole openConsole() {
        if (System.console() != null) {
            try {
                TerminalConsole t = TerminalConsole.open(out());
                return new OpenConsole(t, t);
            } catch (IOException | RuntimeException e) {
                err().println("warning: cannot put the terminal in single-key mode (" + e.getMessage() + "); reading keys from"
                        + " standard input: type a, b, s or q and press Enter");
            }
        }
        return new OpenConsole(new StreamConsole(System.in, out(), StreamConsole.widthFromEnvironment()), null);
    }

    /** A console and what to close when the sitting ends (the terminal's settings to restore). */
    private record OpenConsole(SittingConsole console, TerminalConsole terminal) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (terminal != null) terminal.close();
        }
    }
}
