package dev.autoeditor.generate;

import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.table.ContinuationBuilder;
import dev.autoeditor.timeline.table.PromptCut;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One continuation as the {@link Generator} builds it: the frames recorded so far (exactly what the
 * written edit converts back to), the edit, the sum of the taken actions' log-probabilities (NaN for a
 * baseline) and the counts of the decoding rules that acted.
 */
public final class Continuation {
    private final GenerationPrompt prompt;
    private final ContinuationBuilder builder;
    private final Deque<double[]> recent = new ArrayDeque<>();
    private final int keep;
    private double logProb;
    private int newClassDecodes;
    private int otherDecodes;
    private int generated;

    Continuation(GenerationPrompt prompt, ContinuationBuilder builder, int contextFrames) {
        this.prompt = prompt;
        this.builder = builder;
        this.keep = contextFrames;
        PromptCut cut = prompt.cut();
        for (long i = Math.max(0, cut.firstSample() - contextFrames); i < cut.firstSample(); i++) recent.addLast(cut.contextRow(i));
    }

    public GenerationPrompt prompt() {
        return prompt;
    }

    /** The builder the frames were placed through (its cursor, its frames, the edit). */
    public ContinuationBuilder builder() {
        return builder;
    }

    /** Frames generated so far. */
    public int generated() {
        return generated;
    }

    boolean done() {
        return generated >= prompt.frames();
    }

    /** The frames the model may see next: the last {@code contextFrames} of context and generated ones. */
    List<double[]> recentFrames() {
        return new ArrayList<>(recent);
    }

    void record(double[] frame, double stepLogProb) {
        recent.addLast(frame);
        while (recent.size() > keep) recent.removeFirst();
        logProb += stepLogProb;
        generated++;
    }

    void countNewClass() {
        newClassDecodes++;
    }

    void countOther() {
        otherDecodes++;
    }

    /** The generated frames, in order (copies): what converting the written edit gives back. */
    public List<double[]> frames() {
        return builder.frames();
    }

    /** Sum over frames of log pi(taken action); NaN for a baseline. */
    public double logProb() {
        return logProb;
    }

    /** Tracks that took a source for a class the window had not used. */
    public int newClassDecodes() {
        return newClassDecodes;
    }

    /** Tracks that took a source for the "other" class (not continuing an "other" source they showed). */
    public int otherDecodes() {
        return otherDecodes;
    }

    /** Tracks that had to cut because their source ran out. */
    public int forcedCuts() {
        return builder.cursor().forcedCuts();
    }

    /** The edit: the cut prompt followed by the generated clips. */
    public Sequence edit() {
        return builder.build();
    }

    /** The edit as a project of one sequence. */
    public Project project() {
        return builder.buildProject();
    }
}
