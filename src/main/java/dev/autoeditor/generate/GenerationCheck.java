package dev.autoeditor.generate;

import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.KeyframeTolerance;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import dev.autoeditor.util.UserException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structural check of many generated edits (issue 11, "Must show"): prompts from a set of
 * exports (every sequence with video, cut at a third, a half and two thirds of its length in turn),
 * continued by the model at the configured temperature, each edit written as xmeml and read back. An
 * edit passes when it passes {@link EditCheck} before and after the round trip (every clip references
 * a defined file, no overlaps, in < out within the source, keyframes inside clips, video linked to
 * audio), reads back without a warning, and converts back to the frames the loop recorded (active and
 * asset exactly, regressions within the tolerance + 1e-4). The counts say whether the edits exercised
 * the rules: cuts, "other"-class decodes, forced run-out cuts.
 */
public final class GenerationCheck {
    private static final double[] CUT_AT = {0.5, 1.0 / 3, 2.0 / 3};

    /** A prompt: a sequence of an export and where it is cut. */
    public record Prompt(String file, Project project, Sequence sequence, double seconds) {}

    /** What the check found. */
    public record Result(int edits, int prompts, int skippedFiles, long frames, int cuts, int otherDecodes, int newSources, int forcedCuts,
                         int generatedVideoClips, int generatedAudioClips, Map<String, Integer> editsByRate, int nestedOrMulticamEdits,
                         List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }

        /** The counts in one line. */
        public String summary() {
            return edits + " edits from " + prompts + " prompts (" + skippedFiles + " files without a usable sequence skipped), " + frames
                    + " generated frames: " + cuts + " cuts, " + otherDecodes + " 'other'-class decodes, " + newSources + " new sources, "
                    + forcedCuts + " forced run-out cuts, " + generatedVideoClips + " generated video and " + generatedAudioClips
                    + " audio clips; edits by sequence rate " + editsByRate + ", " + nestedOrMulticamEdits
                    + " of a prompt with a nested or multicam source; " + failures.size() + " failed";
        }
    }

    private GenerationCheck() {}

    /**
     * The prompts of {@code files}: each sequence with video that the model can serve, cut at a third,
     * a half or two thirds of its length (in turn); files the reader refuses (no video) are counted as skipped.
     */
    public static List<Prompt> prompts(List<Path> files, EditGenerator generator, int[] skipped) {
        XmemlReader reader = XmemlReader.forEditing();
        List<Prompt> prompts = new ArrayList<>();
        for (Path file : files) {
            Project project;
            try {
                project = reader.read(file, w -> {});
            } catch (UserException e) {
                skipped[0]++;
                continue;
            }
            int before = prompts.size();
            for (Sequence s : project.sequences()) {
                double length = s.rate().seconds(s.lengthFrames());
                double at = Math.round(length * CUT_AT[prompts.size() % CUT_AT.length] * 1000) / 1000.0;
                try {
                    generator.cut(project, s, at, file.toString());
                } catch (UserException e) {
                    continue; // no video, tracks above V20, or no frame of context
                }
                prompts.add(new Prompt(file.toString(), project, s, at));
            }
            if (prompts.size() == before) skipped[0]++;
        }
        return prompts;
    }

    /** Generates {@code edits} edits of {@code seconds} from the prompts in turn and checks each. */
    public static Result run(EditGenerator generator, List<Prompt> prompts, int skippedFiles, int edits, double seconds) {
        if (prompts.isEmpty()) throw new UserException("no prompt to continue: none of the exports has a sequence the model can serve");
        List<GenerationPrompt> requests = new ArrayList<>();
        for (int i = 0; i < edits; i++) {
            Prompt p = prompts.get(i % prompts.size());
            PromptCut cut = generator.cut(p.project(), p.sequence(), p.seconds(), p.file());
            requests.add(new GenerationPrompt(cut, generator.framesFor(cut, seconds), i));
        }
        KeyframeTolerance tolerance = generator.settings().tolerance();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> byRate = new LinkedHashMap<>();
        long frames = 0;
        int cuts = 0;
        int other = 0;
        int fresh = 0;
        int forced = 0;
        int video = 0;
        int audio = 0;
        int nested = 0;
        // In slices, so a large check holds a slice of edits in memory, not all of them.
        int slice = Math.max(1, generator.settings().batchSize());
        for (int from = 0; from < requests.size(); from += slice) {
            List<GenerationPrompt> part = requests.subList(from, Math.min(requests.size(), from + slice));
            List<Continuation> done = generator.generate(part, StepListener.NONE);
            for (int j = 0; j < done.size(); j++) {
                Continuation c = done.get(j);
                Prompt p = prompts.get((from + j) % prompts.size());
                String name = p.file() + " '" + p.sequence().name() + "' at " + p.seconds() + " s (edit " + (from + j) + ")";
                try {
                    EditCheck.Report report = checkOne(c, tolerance);
                    cuts += report.cuts();
                    video += report.generatedVideoClips();
                    audio += report.generatedAudioClips();
                } catch (AssertionError | RuntimeException e) {
                    failures.add(name + ": " + e.getMessage());
                }
                frames += c.generated();
                other += c.otherDecodes();
                fresh += c.newClassDecodes();
                forced += c.forcedCuts();
                byRate.merge(rateName(p.sequence()), 1, Integer::sum);
                if (hasNestedOrMulticam(p.sequence())) nested++;
            }
        }
        return new Result(edits, prompts.size(), skippedFiles, frames, cuts, other, fresh, forced, video, audio, byRate, nested, failures);
    }

    /** One edit: checked, written, read back without a warning, checked again and converted back to its frames. */
    public static EditCheck.Report checkOne(Continuation c, KeyframeTolerance tolerance) {
        PromptCut cut = c.prompt().cut();
        Sequence edit = c.edit();
        EditCheck.Report report = EditCheck.check(edit, cut.cutFrame());
        if (!report.ok()) throw new IllegalStateException("structural check: " + first(report.problems()));
        String xml = new XmemlWriter().toXml(new Project(cut.project().name(), List.of(edit)));
        List<String> warnings = new ArrayList<>();
        Project back = new XmemlReader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "edit.xml",
                cut.project().name(), warnings::add);
        if (!warnings.isEmpty()) throw new IllegalStateException("read back with warnings: " + first(warnings));
        Sequence read = back.sequences().get(0);
        EditCheck.Report again = EditCheck.check(read, cut.cutFrame());
        if (!again.ok()) throw new IllegalStateException("read back, the structural check: " + first(again.problems()));
        List<String> differences = framesBack(read, cut, c.frames(), tolerance);
        if (!differences.isEmpty()) throw new IllegalStateException("converted back, frames differ: " + first(differences));
        return report;
    }

    /**
     * Where converting {@code read} at the cut's sampling differs from the recorded frames: active and
     * asset must be equal, regressions within the tolerance + 1e-4. Empty when they agree.
     */
    public static List<String> framesBack(Sequence read, PromptCut cut, List<double[]> frames, KeyframeTolerance tolerance) {
        KeyframeTable table = KeyframeTable.of(read);
        double[] row = new double[KeyframeTable.VALUES];
        List<String> out = new ArrayList<>();
        for (int j = 0; j < frames.size() && out.size() < 10; j++) {
            long sample = cut.firstSample() + j;
            table.fill(cut.frameOfSample(sample), row);
            double[] want = frames.get(j);
            for (int k = 0; k < KeyframeTable.TRACKS; k++) {
                for (int f = 0; f < KeyframeTable.FIELDS; f++) {
                    int i = k * KeyframeTable.FIELDS + f;
                    boolean good = f < 2 ? row[i] == want[i] : Math.abs(row[i] - want[i]) <= tolerance.of(f - 2) + 1e-4;
                    if (!good) out.add("sample " + sample + " V" + (k + 1) + " field " + f + ": recorded " + want[i] + ", read " + row[i]);
                }
            }
        }
        return out;
    }

    private static boolean hasNestedOrMulticam(Sequence s) {
        for (var t : s.tracks()) {
            for (var p : t.placedClips()) {
                if (p.clip().source() instanceof Source.Nested || p.clip().source() instanceof Source.Multicam) return true;
            }
        }
        return false;
    }

    private static String rateName(Sequence s) {
        return s.rate().ntsc() ? String.format(java.util.Locale.ROOT, "%.3f", s.rate().fps()) : Integer.toString(s.rate().timebase());
    }

    private static String first(List<String> list) {
        return list.isEmpty() ? "" : list.get(0) + (list.size() > 1 ? " (and " + (list.size() - 1) + " more)" : "");
    }
}
