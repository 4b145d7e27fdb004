package dev.autoeditor.generate;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.synth.SynthGenerator;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.synth.SynthStyle;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.eval.InferenceSpeed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Generation at batch 1 for {@link InferenceSpeed}'s {@code frames_per_s_batch1}: one prompt continued
 * by {@code frames} frames through the loop {@code generate} runs ({@link Generator} with
 * {@link ModelPolicy} over {@link FramePolicy}: window rebuilt from the frames so far, one forward pass,
 * sampling at {@code generate.temperature} from the seed's stream, the decoding constraints,
 * recording). Every run of a model starts again from the same prompt with the same seed, so its runs
 * generate the same frames.
 *
 * <p>The prompt is fixed: project 0 of a one-project synthetic corpus of the split-screen style
 * (several tracks active, so decoding is exercised too) drawn from the configured seed, cut after
 * exactly a full context (the model's window length - 1 sampled frames). A timeline is needed because
 * the loop continues an edit, placing sources as it goes; test windows hold relabelled, normalised
 * frames without their sources, so they cannot be continued as a timeline. What the speed depends on
 * is the context's length, which is the same as a window's, and the model.
 *
 * <p>It lives here, not in {@code train.eval}, because the loop is this package's and this package
 * depends on {@code train} ({@link ModelArtifact}); {@code train} sees only the
 * {@link InferenceSpeed.Generation} seam.
 */
public final class BatchOneGeneration implements InferenceSpeed.Generation {
    /** The synthetic style of the prompt. */
    public static final SynthStyle STYLE = SynthStyle.SPLIT_SCREEN;
    /** The settings it reads besides {@code seed}: generate's, which shape the loop (only timings depend on them here). */
    public static final List<String> RUNTIME_KEYS = runtimeKeys();

    private final GenerateSettings settings;
    private final int frames;

    /**
     * @param settings generate.* and the seed; the batch size is 1 whatever it says
     * @param frames   frames generated per run
     */
    public BatchOneGeneration(GenerateSettings settings, int frames) {
        if (frames < 1) throw new IllegalArgumentException("generate at least one frame per run, got " + frames);
        this.settings = new GenerateSettings(settings.temperature(), settings.seed(), settings.tolerance(), 1, settings.heapBudgetMb());
        this.frames = frames;
    }

    /** generate.* and the seed from {@code cfg}, {@code frames} frames per run. */
    public static BatchOneGeneration from(Config cfg, int frames) {
        return new BatchOneGeneration(GenerateSettings.from(cfg), frames);
    }

    @Override
    public Run prepare(ModelArtifact model) {
        Supplier<Continuation> once = continuation(model);
        return () -> once.get().generated();
    }

    /** Readies {@code model}'s generation; each call of the result generates the prompt's continuation anew. */
    Supplier<Continuation> continuation(ModelArtifact model) {
        FramePolicy policy = FramePolicy.of(model);
        DataSpec spec = model.data();
        PromptCut cut = prompt(samplingOf(spec), policy.contextFrames(), settings.seed());
        Generator loop = new Generator(WindowSpec.of(spec), settings.tolerance(), 1, settings.heapBudgetMb());
        ModelPolicy sampler = new ModelPolicy(policy, settings.temperature(), settings.seed());
        List<GenerationPrompt> one = List.of(new GenerationPrompt(cut, frames, 0));
        return () -> loop.run(sampler, one, StepListener.NONE).get(0);
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public String describe() {
        return "generate's loop (Generator, ModelPolicy) at batch 1, temperature " + settings.temperature() + ", seed " + settings.seed()
                + ": a synthetic " + STYLE.configName() + " prompt cut after a full context (window length - 1 sampled frames), " + frames
                + " frames per run, one forward pass per frame over the last window length - 1 frames (no key/value cache)";
    }

    /**
     * The prompt: the synthetic project cut so that exactly {@code contextFrames} samples (at least) lie
     * before the cut, with timeline left after it.
     */
    static PromptCut prompt(SamplingRate sampling, int contextFrames, long seed) {
        // Long enough for the context and as long again: a grid samples at most every frame, and a synthetic
        // sequence runs at 23.976 frames per second or more, so it never takes more than 1/20 s a sample.
        double perSecond = sampling.isNative() ? 20 : Math.min(20, (double) sampling.numerator() / sampling.denominator());
        double duration = Math.min(SynthOptions.MAX_DURATION_S, Math.max(60, 2 * contextFrames / perSecond + 10));
        SynthOptions options = new SynthOptions(1, seed, List.of(STYLE), duration, duration);
        Project project = SynthGenerator.project(options, 0);
        Sequence sequence = project.sequences().get(0);
        long cutFrame = sampling.sampler(sequence.rate(), 0).frameAt(contextFrames);
        PromptCut cut = PromptCut.atSeconds(project, sequence, sampling, sequence.rate().seconds(cutFrame));
        if (cut.firstSample() < contextFrames) {
            throw new IllegalStateException("the speed prompt holds " + cut.firstSample() + " context samples, not " + contextFrames);
        }
        return cut;
    }

    /** The model's sample rate; native when it sampled every frame or did not record how (only timing depends on it here). */
    static SamplingRate samplingOf(DataSpec spec) {
        String fps = spec.sampleFps();
        return fps == null ? SamplingRate.NATIVE : SamplingRate.parse(fps, "the model's sample rate");
    }

    private static List<String> runtimeKeys() {
        List<String> keys = new ArrayList<>(GenerateSettings.INPUT_KEYS);
        keys.addAll(GenerateSettings.RUNTIME_KEYS);
        keys.remove("seed");
        return List.copyOf(keys);
    }
}
