package dev.autoeditor.generate;

import dev.autoeditor.timeline.table.PromptCut;

/**
 * One continuation to generate: the prompt cut, how many frames (sampled frames at the cut's rate) to
 * add, and its sample index, which with the seed decides its random draws (two samples of one prompt
 * differ by their index).
 */
public record GenerationPrompt(PromptCut cut, int frames, long sampleIndex) {
    public GenerationPrompt {
        if (frames < 1) throw new IllegalArgumentException("generate at least one frame, got " + frames);
        if (cut.firstSample() < 1) {
            throw new IllegalArgumentException("the prompt " + cut.original().name() + " is cut before its first sampled frame; the model needs"
                    + " at least one frame of context");
        }
    }
}
