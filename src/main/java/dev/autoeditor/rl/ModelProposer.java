package dev.autoeditor.rl;

import dev.autoeditor.generate.Continuation;
import dev.autoeditor.generate.EditGenerator;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.generate.GeneratedFiles;
import dev.autoeditor.generate.GenerationPrompt;
import dev.autoeditor.generate.ModelPolicy;
import dev.autoeditor.generate.StepListener;
import dev.autoeditor.prefs.Edit;
import dev.autoeditor.prefs.ModelRef;
import dev.autoeditor.prefs.PairContext;
import dev.autoeditor.prefs.NumberedProposer;
import dev.autoeditor.prefs.Proposal;
import dev.autoeditor.prefs.SourceSizes;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.table.FrameSampler;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.NumberText;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code prefs collect}'s proposals from a trained model: both sides of a pair sampled from the same
 * model at the same temperature with independent seeds, by generate's loop (the sampler and decoding
 * constraints RLHF's rollouts use, docs/rlhf.md), each written as Premiere XML by generate's writer.
 *
 * <p>Proposal n (from 1) picks, from the seed and n alone, one sequence of the exports and a cut at a
 * sampled frame with at least {@code contextFrames} frames before it (the context the pair stores,
 * what the reward model reads), and continues the cut sequence for {@code horizon} frames twice in one
 * batch: side A with seed {@code Seeds.derive(seed, "prefs.collect.side", 2n)}, side B with
 * {@code 2n + 1}. A side's seed is the one {@code generate --seed} would need to write it again: sample
 * 0 of a generation draws from it ({@link ModelPolicy#withSampleSeeds}). The model sees the prompt as
 * {@code generate} shows it (up to its window - 1 frames before the cut).
 *
 * <p>Asset numbers: the context's are the cut sequence's; a source first shown by a side takes the next
 * number, A's new sources before B's, so the same number is the same source on both sides and in the
 * legend. Each side's XML is the sequence cut at the cut followed by that side (effects, audio and
 * links of the prompt kept), converting back to exactly the side's frames.
 */
public final class ModelProposer extends NumberedProposer {
    private static final Logger log = LoggerFactory.getLogger(ModelProposer.class);
    private static final int K = KeyframeTable.TRACKS;
    private static final int F = KeyframeTable.FIELDS;
    /** Names the proposals' rules in {@link #id()}: bump when the same settings would propose otherwise. */
    static final String RULES = "model-proposals/1";

    /**
     * @param contextFrames frames of context a pair stores (rlhf.context_frames)
     * @param horizon       frames each side continues for (rlhf.horizon_frames)
     * @param temperature   the sampling temperature of both sides (rlhf.simulate.temperature: pairs from a person and from the judge are sampled alike)
     * @param seed          every random choice derives from it
     */
    public record Settings(int contextFrames, int horizon, double temperature, long seed) {
        public Settings {
            if (contextFrames < 1 || horizon < 1) throw new IllegalArgumentException("a context and a horizon of at least one frame");
            if (!(temperature > 0) || !Double.isFinite(temperature)) throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
    }

    /** A sequence proposals can continue: its export's name and project, and its number of sampled frames at the model's rate. */
    private record Candidate(String export, Project project, Sequence sequence, long rows) {}

    private final EditGenerator generator;
    private final Settings settings;
    private final List<Candidate> candidates;
    private final String id;
    private final String description;

    private ModelProposer(EditGenerator generator, Settings settings, List<Candidate> candidates, String id, String description) {
        this.generator = generator;
        this.settings = settings;
        this.candidates = candidates;
        this.id = id;
        this.description = description;
    }

    /**
     * The proposer of {@code model} over {@code exports} (Premiere XML files; one that is not xmeml, or a
     * sequence the model cannot continue, is skipped with a warning).
     *
     * @param generate     generate.* (its keyframe tolerance, batch and heap settings; temperature and seed come from {@code settings})
     * @param exportsLabel says where the exports came from, on every screen
     * @throws UserException when no sequence of the exports can give a context of {@code contextFrames} frames
     */
    public static ModelProposer open(ModelArtifact model, GenerateSettings generate, List<Path> exports, String exportsLabel, Settings settings)
            throws IOException {
        EditGenerator generator = new EditGenerator(model, generate.withTemperature(settings.temperature()).withSeed(settings.seed()));
        SamplingRate rate = generator.sampling();
        XmemlReader reader = XmemlReader.forEditing();
        List<Candidate> candidates = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        int unreadable = 0;
        for (Path f : exports) {
            Project p;
            try {
                p = reader.read(f, w -> { });
            } catch (UserException e) {
                log.warn("prefs collect: skipping {}", e.getMessage());
                unreadable++;
                continue;
            }
            fingerprint.append(f.getFileName()).append(' ').append(Hashing.sha256(f)).append('\n');
            for (Sequence s : p.sequences()) {
                long rows = rate.sampler(s.rate(), s.lengthFrames()).count();
                if (rows <= settings.contextFrames() || KeyframeTable.of(s).lengthFrames() == 0 || aboveV20(s)) continue;
                candidates.add(new Candidate(p.name(), p, s, rows));
            }
        }
        if (candidates.isEmpty()) {
            throw new UserException(exportsLabel + ": no sequence of " + exports.size() + " export(s)" + (unreadable > 0 ? " (" + unreadable
                    + " unreadable)" : "") + " has video on V1-V" + K + " and more than " + settings.contextFrames() + " frames at " + rate
                    + " samples/s for a context (rlhf.context_frames); give exports of longer edits with --exports");
        }
        String id = RULES + " model=" + model.info().weightsSha256() + " seed=" + settings.seed() + " temperature="
                + NumberText.format(settings.temperature()) + " context_frames=" + settings.contextFrames() + " horizon_frames=" + settings.horizon()
                + " tolerance=" + Arrays.toString(generate.tolerance().perField()) + " exports=" + Hashing.sha256(fingerprint.toString());
        Path json = model.json();
        // The checkpoint's last three path elements (checkpoints/rlhf/last.json): the phase and file, short enough for one screen line.
        String where = json.getNameCount() > 3 ? json.subpath(json.getNameCount() - 3, json.getNameCount()).toString() : json.toString();
        String description = String.format(Locale.ROOT, "model %s (%s), temperature %s; %d sequences of %s", model.info().weightsSha256().substring(0, 8),
                where, NumberText.format(settings.temperature()), candidates.size(), exportsLabel);
        return new ModelProposer(generator, settings, List.copyOf(candidates), id, description);
    }

    /** Whether an enabled clip sits above V20, which the model does not know ({@link EditGenerator#cut} refuses such a prompt). */
    private static boolean aboveV20(Sequence s) {
        for (int k = K; k < s.tracks().size(); k++) {
            for (PlacedClip p : s.tracks().get(k).placedClips()) if (p.clip().enabled()) return true;
        }
        return false;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Proposal {@code n}: a sequence and cut drawn from the seed and n, and two sides sampled with their own seeds. */
    @Override
    protected Proposal propose(long n) {
        SplittableRandom pick = new SplittableRandom(Seeds.derive(settings.seed(), "prefs.collect.context", n));
        Candidate c = candidates.get(pick.nextInt(candidates.size()));
        int lc = settings.contextFrames();
        long cutRow = lc + pick.nextLong(c.rows() - lc);
        PromptCut cut = cutAt(c, cutRow);
        long seedA = Seeds.derive(settings.seed(), "prefs.collect.side", 2 * n);
        long seedB = Seeds.derive(settings.seed(), "prefs.collect.side", 2 * n + 1);
        // Both sides in one batch: one forward pass per frame for the two.
        List<Continuation> sides = generator.generator().run(ModelPolicy.withSampleSeeds(generator.policy(), settings.temperature(),
                new long[] {seedA, seedB}), List.of(new GenerationPrompt(cut, settings.horizon(), 0), new GenerationPrompt(cut, settings.horizon(), 1)),
                StepListener.NONE);

        // One numbering for the context and both sides: the cut's sources, then A's new ones, then B's.
        List<Source> shared = new ArrayList<>(cut.numbering().sources());
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < shared.size(); i++) numbers.put(shared.get(i).key(), i);
        int[][] maps = new int[2][];
        for (int s = 0; s < 2; s++) {
            List<Source> own = sides.get(s).builder().cursor().sources();
            maps[s] = new int[own.size()];
            for (int i = 0; i < own.size(); i++) {
                Source src = own.get(i);
                Integer number = numbers.get(src.key());
                if (number == null) {
                    number = shared.size();
                    numbers.put(src.key(), number);
                    shared.add(src);
                }
                maps[s][i] = number;
            }
        }
        List<SourceSizes.Size> sizes = new ArrayList<>();
        for (Source s : shared) sizes.add(SourceSizes.sizeOf(s, c.sequence()));
        SourceSizes sourceSizes = SourceSizes.of(sizes);
        SamplingRate fps = generator.sampling();

        long firstRow = cutRow - lc;
        List<double[]> contextRows = new ArrayList<>(lc);
        for (long i = firstRow; i < cutRow; i++) contextRows.add(cut.contextRow(i));
        Edit context = Edit.of(fps, contextRows, sourceSizes);
        var rate = c.sequence().rate();
        PairContext pairContext = new PairContext(c.export(), c.sequence().name(), rate.seconds(cut.frameOfSample(firstRow)),
                rate.seconds(cut.cutFrame()), context);
        String model = generator.artifact().info().weightsSha256();
        Proposal.Side a = side(sides.get(0), maps[0], fps, sourceSizes, new ModelRef(model, seedA, settings.temperature()));
        Proposal.Side b = side(sides.get(1), maps[1], fps, sourceSizes, new ModelRef(model, seedB, settings.temperature()));
        return new Proposal(n, pairContext, a, b, shared.stream().map(Proposal::nameOf).toList());
    }

    /** The sequence cut so that sample {@code cutRow} is the first generated: exactly {@code cutRow} frames of context. */
    private PromptCut cutAt(Candidate c, long cutRow) {
        FrameSampler grid = generator.sampling().sampler(c.sequence().rate(), 0);
        var rate = c.sequence().rate();
        // Half a frame after sample cutRow - 1: the cut rounds up to the next sampled frame, sample cutRow.
        double seconds = (grid.frameAt(cutRow - 1) + 0.5) * rate.fpsDenominator() / rate.fpsNumerator();
        PromptCut cut = PromptCut.atSeconds(c.project(), c.sequence(), generator.sampling(), seconds);
        if (cut.firstSample() != cutRow) throw new IllegalStateException("cut at sample " + cut.firstSample() + ", meant " + cutRow); // a bug
        return cut;
    }

    /** A side: its frames in the shared numbering, its model, and generate's writer for its XML. */
    private static Proposal.Side side(Continuation c, int[] map, SamplingRate fps, SourceSizes sizes, ModelRef model) {
        List<double[]> rows = new ArrayList<>();
        for (double[] row : c.frames()) {
            double[] r = row.clone();
            for (int k = 0; k < K; k++) {
                if (r[k * F + KeyframeTable.ACTIVE] == 1) r[k * F + KeyframeTable.ASSET] = map[(int) r[k * F + KeyframeTable.ASSET]];
            }
            rows.add(r);
        }
        return new Proposal.Side(Edit.of(fps, rows, sizes), model, target -> GeneratedFiles.write(c, target, null));
    }
}
