package dev.autoeditor.generate;

import dev.autoeditor.data.DataSpec;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.UserException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A trained model continuing prompts: the checks that a model can serve a prompt (its sample rate,
 * the 20 video tracks it knows, at least one frame of context), the prompt cut, the number of frames
 * for a length in seconds, and the generation itself ({@link Generator} with {@link ModelPolicy}).
 * The one entry point of {@code generate}, {@code evaluate-generation} and the samples phase.
 */
public final class EditGenerator {
    private final ModelArtifact artifact;
    private final FramePolicy policy;
    private final GenerateSettings settings;
    private final SamplingRate sampling;
    private final String what;

    /** Fails (one line) when the model's rate is native or unknown, or it is not a frame transformer. */
    public EditGenerator(ModelArtifact artifact, GenerateSettings settings) {
        this.artifact = artifact;
        this.what = "model " + artifact.json();
        DataSpec spec = artifact.data();
        this.sampling = SamplingRate.parse(spec.requireFixedRate(what), what + "'s sample rate");
        this.policy = FramePolicy.of(artifact);
        this.settings = settings;
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    public FramePolicy policy() {
        return policy;
    }

    public GenerateSettings settings() {
        return settings;
    }

    /** The rate the model was trained at: prompts are read at it. */
    public SamplingRate sampling() {
        return sampling;
    }

    /** The sequence named {@code name} (null: the first), failing with the names there are. */
    public static Sequence sequence(Project prompt, String name, String where) {
        if (prompt.sequences().isEmpty()) throw new UserException(where + ": no sequence; export a sequence with video from Premiere");
        if (name == null) return prompt.sequences().get(0);
        for (Sequence s : prompt.sequences()) if (name.equals(s.name())) return s;
        List<String> names = prompt.sequences().stream().map(s -> "'" + s.name() + "'").toList();
        throw new UserException(where + " has no sequence named '" + name + "'; its sequences are " + String.join(", ", names)
                + " (omit --sequence for the first)");
    }

    /**
     * The prompt cut at {@code seconds} (null: the whole sequence is the context), after checking that
     * this model can serve it: the sequence has video, uses no track above V20, and leaves at least one
     * sampled frame before the cut.
     */
    public PromptCut cut(Project prompt, Sequence sequence, Double seconds, String where) {
        String name = where + " sequence '" + sequence.name() + "'";
        if (KeyframeTable.of(sequence).lengthFrames() == 0) {
            throw new UserException(name + " has no video clip; name a sequence with video (--sequence)");
        }
        for (int k = KeyframeTable.TRACKS; k < sequence.tracks().size(); k++) {
            for (PlacedClip p : sequence.tracks().get(k).placedClips()) {
                if (p.clip().enabled()) {
                    throw new UserException(name + " has clips on V" + (k + 1) + "; " + what + " knows " + KeyframeTable.TRACKS
                            + " video tracks (V1-V" + KeyframeTable.TRACKS + "): move them down or nest them");
                }
            }
        }
        if (seconds != null && !(seconds >= 0 && Double.isFinite(seconds))) {
            throw new UserException("--prompt-seconds is " + seconds + "; give the seconds of the prompt to keep, >= 0");
        }
        PromptCut cut = PromptCut.of(prompt, sequence, sampling, seconds);
        if (cut.firstSample() < 1) {
            throw new UserException("--prompt-seconds " + seconds + " leaves no frame of context at " + sampling + " samples/s; keep at least "
                    + sequence.rate().seconds(cut.frameOfSample(1)) + " s of the prompt");
        }
        return cut;
    }

    /** Sampled frames that fill {@code seconds} of timeline after the cut (at least one). */
    public int framesFor(PromptCut cut, double seconds) {
        if (!(seconds > 0 && Double.isFinite(seconds))) throw new UserException("--seconds is " + seconds + "; generate a positive number of seconds");
        var rate = cut.cut().rate();
        long frames = BigDecimal.valueOf(seconds).multiply(BigDecimal.valueOf(rate.fpsNumerator()))
                .divide(BigDecimal.valueOf(rate.fpsDenominator()), 9, RoundingMode.HALF_EVEN).setScale(0, RoundingMode.CEILING).longValueExact();
        long end = sampling.sampler(rate, cut.cutFrame() + frames).count();
        long n = Math.max(1, end - cut.firstSample());
        if (n > Integer.MAX_VALUE) throw new UserException("--seconds " + seconds + " is too long to generate");
        return (int) n;
    }

    /** A generator of this model's windows and the settings. */
    public Generator generator() {
        return new Generator(WindowSpec.of(artifact.data()), settings.tolerance(), settings.batchSize(), settings.heapBudgetMb());
    }

    /** The model's policy at the settings' temperature and seed. */
    public ModelPolicy modelPolicy() {
        return new ModelPolicy(policy, settings.temperature(), settings.seed());
    }

    /** Continues every prompt with the model. */
    public List<Continuation> generate(List<GenerationPrompt> prompts, StepListener listener) {
        return generator().run(modelPolicy(), prompts, listener);
    }
}
