package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.pipeline.DeclaredPhase;
import dev.autoeditor.pipeline.ModelSource;
import dev.autoeditor.pipeline.Phase;
import dev.autoeditor.pipeline.PhaseContext;
import dev.autoeditor.pipeline.PhaseRegistry;
import dev.autoeditor.pipeline.PretrainPhase;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.pipeline.StandardPhases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry and what it drives: every registered phase is a subcommand, every model a phase makes
 * can be the run's final model, and full-run's help lists the phases in order.
 */
class PhaseRegistryCommandsTest {
    @TempDir
    Path tmp;

    /** Registered phases with no subcommand of the same name. */
    static List<String> phasesWithoutSubcommand(List<Phase> phases) {
        var subcommands = AutoEditor.commandLine().getSubcommands();
        return phases.stream().map(Phase::name).filter(n -> !subcommands.containsKey(n)).toList();
    }

    /**
     * Model phases whose model is not the run's final model when it is the latest one made: for each,
     * a fresh run directory holds a checkpoint from it and from every model phase before it.
     */
    static List<String> unreachableModels(List<Phase> phases, Path dir) throws Exception {
        List<String> unreachable = new ArrayList<>();
        List<Phase> made = new ArrayList<>();
        for (Phase p : phases) {
            if (p.modelOutput().isEmpty()) continue;
            made.add(p);
            RunLayout layout = new RunLayout(dir.resolve(p.name()));
            for (Phase m : made) {
                Path best = layout.resolve(m.modelOutput().get()).resolve("best.json");
                Files.createDirectories(best.getParent());
                Files.writeString(best, "{}");
            }
            Optional<ModelSource> last = layout.finalModelOf(phases);
            if (last.isEmpty() || !last.get().phase().equals(p.name())) unreachable.add(p.name());
        }
        return unreachable;
    }

    /** A phase that only declares itself, for the negative checks. */
    private static Phase declared(String name, String modelFolder) {
        return new DeclaredPhase(name, 1, List.of(), List.of(modelFolder)) {
            @Override
            public List<String> configKeys(Config config) {
                return List.of();
            }

            @Override
            public Optional<String> modelOutput() {
                return Optional.of(modelFolder);
            }

            @Override
            public void run(PhaseContext context) {}
        };
    }

    @Test
    void everyRegisteredPhaseHasASubcommandOfItsName() {
        new PhaseRegistry(StandardPhases.all());
        assertEquals(List.of(), phasesWithoutSubcommand(StandardPhases.all()));

        List<Phase> withNew = new ArrayList<>(StandardPhases.all());
        withNew.add(declared("imagined", "checkpoints/imagined"));
        assertEquals(List.of("imagined"), phasesWithoutSubcommand(withNew), "the check catches a phase without a command");
    }

    @Test
    void everyModelAPhaseMakesCanBeTheFinalModel() throws Exception {
        List<Phase> phases = StandardPhases.all();
        assertTrue(phases.stream().anyMatch(p -> p.modelOutput().isPresent()), "pretrain makes a model");
        assertEquals(List.of(), unreachableModels(phases, tmp.resolve("standard")));

        // Two phases writing one folder: the later always takes the earlier's model (the registry refuses this too).
        List<Phase> clash = List.of(new PretrainPhase(), declared("again", "checkpoints/pretrain"));
        assertEquals(List.of("pretrain"), unreachableModels(clash, tmp.resolve("clash")), "the check catches an unreachable model");
    }

    @Test
    void fullRunHelpListsTheRegisteredPhasesInOrderAndMarksThoseSwitchedOff() {
        CliRunner.Result help = CliRunner.run("full-run", "--help");
        assertEquals(0, help.code(), help.toString());
        String text = help.out().replaceAll("\\s+", " ");
        // Every registered phase is on by default (fine-tuning included), so none is marked.
        String expected = String.join(", ", StandardPhases.names());
        assertTrue(text.contains("Run the whole pipeline in a run directory: " + expected + ". Phases"), help.out());
        assertFalse(text.contains("switched off by default"), help.out());

        // A phase the defaults switch off is marked, with its switch named.
        Phase off = new DeclaredPhase("extra", 1, List.of(), List.of("extra")) {
            @Override
            public List<String> configKeys(Config c) {
                return List.of();
            }

            @Override
            public boolean enabled(Config c) {
                return c.getBoolean("train.drop_last_batch");
            }

            @Override
            public void run(PhaseContext context) {}
        };
        List<Phase> phases = new java.util.ArrayList<>(StandardPhases.all());
        phases.add(off);
        assertTrue(FullRunCommand.description(phases)[0].endsWith("report, extra*. (* switched off by default; switched on by "
                + "train.drop_last_batch.)"), FullRunCommand.description(phases)[0]);
    }

    @Test
    void theFineTuningDataCommandsRunTheirPhaseOrSayWhatSwitchesItOn() {
        for (String name : List.of("finetune-download-data", "finetune-convert", "finetune-preprocess", "finetune-window")) {
            CliRunner.Result help = CliRunner.run(name, "--help");
            assertEquals(0, help.code(), help.toString());
            assertTrue(help.out().contains("finetune.enabled"), help.out());
        }
        String run = tmp.resolve("run").toString();
        CliRunner.Result off = CliRunner.run("finetune-download-data", "--run-dir", run, "--profile", "tiny", "--set", "finetune.enabled=false");
        assertEquals(ExitCodes.FAILURE, off.code(), off.toString());
        assertTrue(off.err().contains("finetune.enabled is false") && off.err().contains("--set finetune.enabled=true"), off.err());

        // No finetune.data: the built-in house-style corpus (the fine-tune default), never the main tree's.
        CliRunner.Result house = CliRunner.run("finetune-download-data", "--run-dir", run, "--profile", "tiny",
                "--set", "finetune.synth_projects=2");
        assertEquals(ExitCodes.OK, house.code(), house.toString());
        assertTrue(Files.exists(Path.of(run, "data", "finetune", "raw", "synth", "synth-0002-house.xml")), house.toString());
        assertFalse(Files.exists(Path.of(run, "data", "raw")), "the main tree is untouched");
    }
}
