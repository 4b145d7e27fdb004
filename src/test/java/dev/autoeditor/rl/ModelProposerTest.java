package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.prefs.Edit;
import dev.autoeditor.prefs.ModelRef;
import dev.autoeditor.prefs.Proposal;
import dev.autoeditor.prefs.SourceSizes;
import dev.autoeditor.report.TinyRun;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.table.AssetNumbering;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prefs collect}'s proposals from a trained model (the shared tiny run's): deterministic by seed and
 * number, jumps equal to drawing, both sides from the model with independent seeds named in the pair,
 * and each side's XML converting back to exactly the context and that side's frames.
 */
class ModelProposerTest {
    private static final GenerateSettings GENERATE = GenerateSettings.from(ConfigLoader.defaults());
    private static final ModelProposer.Settings SETTINGS = new ModelProposer.Settings(8, 10, 1.0, 42);

    static ModelArtifact model;
    static SamplingRate fps;
    static List<Path> exports;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tinyRun() throws Exception {
        Path run = TinyRun.get();
        model = ModelArtifact.load(run.resolve("checkpoints/pretrain/best.json"));
        fps = SamplingRate.parse(model.data().requireFixedRate("the tiny model"), "the tiny model's rate");
        try (Stream<Path> s = Files.walk(run.resolve("data/raw"))) {
            exports = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static ModelProposer open(ModelProposer.Settings settings) throws Exception {
        return ModelProposer.open(model, GENERATE, exports, "the tiny run's exports", settings);
    }

    /** What a proposal is made of, without the XML writers. */
    private static List<Object> content(Proposal p) {
        return List.of(p.number(), p.context(), p.a().frames(), p.a().model(), p.b().frames(), p.b().model(), p.sourceNames());
    }

    @Test
    void theSameSeedGivesTheSameProposalsJumpsEqualDrawingAndTheIdNamesWhatShapesThem() throws Exception {
        ModelProposer one = open(SETTINGS);
        ModelProposer two = open(SETTINGS);
        assertEquals(one.id(), two.id());
        for (int i = 0; i < 3; i++) assertEquals(content(one.next().orElseThrow()), content(two.next().orElseThrow()));
        ModelProposer jumped = open(SETTINGS);
        jumped.skipTo(3);
        assertEquals(3, jumped.position());
        assertEquals(content(open(SETTINGS).propose(3)), content(jumped.next().orElseThrow()));
        assertThrows(IllegalArgumentException.class, () -> jumped.skipTo(2));

        ModelProposer other = open(new ModelProposer.Settings(8, 10, 1.0, 43));
        assertNotEquals(one.id(), other.id(), "the seed is part of the id");
        assertNotEquals(content(open(SETTINGS).propose(1)), content(other.propose(1)));
        assertNotEquals(one.id(), open(new ModelProposer.Settings(8, 10, 0.7, 42)).id(), "so is the temperature");
        assertNotEquals(one.id(), open(new ModelProposer.Settings(8, 12, 1.0, 42)).id(), "and the horizon");
        assertTrue(one.id().contains("model=" + model.info().weightsSha256()), one.id());
        assertTrue(one.describe().startsWith("model " + model.info().weightsSha256().substring(0, 8)), one.describe());
    }

    @Test
    void bothSidesAreTheModelsWithIndependentSeedsAfterAContextOfTheSettingsLength() throws Exception {
        ModelProposer proposer = open(SETTINGS);
        double perSecond = (double) fps.numerator() / fps.denominator();
        int differ = 0;
        for (long n = 1; n <= 4; n++) {
            Proposal p = proposer.propose(n);
            assertEquals(new ModelRef(model.info().weightsSha256(), Seeds.derive(42, "prefs.collect.side", 2 * n), 1.0), p.a().model());
            assertEquals(new ModelRef(model.info().weightsSha256(), Seeds.derive(42, "prefs.collect.side", 2 * n + 1), 1.0), p.b().model());
            assertEquals(8, p.context().frames().rows());
            assertEquals(10, p.a().frames().rows());
            assertEquals(10, p.b().frames().rows());
            assertEquals(fps, p.context().frames().fps());
            assertEquals(8 / perSecond, p.context().endS() - p.context().startS(), 0.05, "8 sampled frames, on the sequence's own frame grid");
            if (!p.a().frames().equals(p.b().frames())) differ++;
        }
        assertTrue(differ >= 3, "independent seeds give different sides: " + differ + " of 4 proposals");
    }

    @Test
    void eachSidesXmlShowsTheContextThenThatSide() throws Exception {
        ModelProposer proposer = open(SETTINGS);
        KeyframeTolerance tolerance = GENERATE.tolerance();
        XmemlReader reader = new XmemlReader();
        for (long n = 1; n <= 3; n++) {
            Proposal p = proposer.propose(n);
            for (String side : List.of("A", "B")) {
                Proposal.Side s = side.equals("A") ? p.a() : p.b();
                Path xml = tmp.resolve("p" + n + "-" + side + ".xml");
                s.xml().write(xml);
                Project project = reader.read(xml);
                Sequence seq = project.sequences().get(0);
                assertEquals(p.context().sequence(), seq.name());
                List<double[]> rows = KeyframeTable.of(seq).rows(fps);
                Edit edit = Edit.of(fps, rows, SourceSizes.UNKNOWN);
                Edit ctx = p.context().frames();
                int cut = rows.size() - s.frames().rows();
                List<Source> sources = AssetNumbering.of(seq, KeyframeTable.TRACKS).sources();
                for (int r = 0; r < ctx.rows() + s.frames().rows(); r++) {
                    Edit expected = r < ctx.rows() ? ctx : s.frames();
                    int er = r < ctx.rows() ? r : r - ctx.rows();
                    int xr = cut - ctx.rows() + r;
                    for (int k = 0; k < Edit.TRACKS; k++) {
                        String where = "proposal " + n + " side " + side + " row " + r + " V" + (k + 1);
                        int ea = expected.asset(er, k);
                        int xa = edit.asset(xr, k);
                        assertEquals(ea >= 0, xa >= 0, where);
                        if (ea < 0) continue;
                        assertEquals(p.sourceName(ea), Proposal.nameOf(sources.get(xa)), where);
                        for (int f = 0; f < Edit.FIELDS - 2; f++) {
                            assertEquals(expected.value(er, k, KeyframeTable.SCALE + f), edit.value(xr, k, KeyframeTable.SCALE + f),
                                    tolerance.of(f) + 1e-4, where + " field " + f);
                        }
                    }
                }
            }
        }
    }

    @Test
    void exportsWithoutALongEnoughSequenceAreRefusedByName() throws Exception {
        UserException e = assertThrows(UserException.class, () -> ModelProposer.open(model, GENERATE, exports, "the tiny run's exports",
                new ModelProposer.Settings(100_000, 10, 1.0, 42)));
        assertTrue(e.getMessage().startsWith("the tiny run's exports: no sequence of " + exports.size() + " export(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("rlhf.context_frames"), e.getMessage());
    }
}
