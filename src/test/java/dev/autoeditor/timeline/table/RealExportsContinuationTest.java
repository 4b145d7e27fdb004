package dev.autoeditor.timeline.table;

import dev.autoeditor.testing.RealExports;

import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.testing.RealExports;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.util.UserException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real export with video (../shared/data/real-xml, or -Dautoeditor.realxml=DIR; skipped when
 * absent) as a prompt: its first sequence cut at half its length, continued for 20 s by persistence
 * with a cut every 2 s to a new source, written, checked, read back without a warning, and converted
 * back to the frames placed.
 */
class RealExportsContinuationTest {
    private static final SamplingRate SAMPLING = new SamplingRate(5, 1);
    private static final KeyframeTolerance TOLERANCE = new KeyframeTolerance(new double[] {0.5, 0.002, 0.002, 0.25, 0.25, 0.25, 0.25});

    @Test
    void everyRealExportContinuesIntoACleanEdit() throws IOException {
        Path folder = RealExports.require();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        XmemlReader reader = XmemlReader.forEditing();
        int continued = 0;
        int cuts = 0;
        int forced = 0;
        int generatedAudio = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            Project prompt;
            try {
                prompt = reader.read(file);
            } catch (UserException e) {
                continue; // no video: RealXmlTest covers which files those are
            }
            Sequence s = prompt.sequences().get(0);
            if (s.lengthFrames() == 0) continue;
            try {
                PromptCut cut = PromptCut.atSeconds(prompt, s, SAMPLING, s.rate().seconds(s.lengthFrames()) / 2);
                ContinuationBuilder b = ContinuationBuilder.of(cut, TOLERANCE);
                FrameRules.Stats stats = FrameRules.persistenceWithCuts(b, 100, 10);
                Sequence edit = b.build();
                EditCheck.Report report = EditCheck.check(edit, cut.cutFrame());
                if (!report.ok()) {
                    failures.add(file.getFileName() + ": " + report.problems().subList(0, Math.min(3, report.problems().size())));
                    continue;
                }
                Sequence read = FrameRules.writeAndRead(new Project(prompt.name(), List.of(edit)));
                FrameRules.assertFramesBack(read, cut, b.frames(), TOLERANCE);
                EditCheck.Report again = EditCheck.check(read, cut.cutFrame());
                assertTrue(again.ok(), file.getFileName() + " read back: " + again.problems());
                continued++;
                cuts += report.cuts();
                forced += stats.forcedCuts();
                generatedAudio += report.generatedAudioClips();
            } catch (AssertionError | RuntimeException e) {
                failures.add(file.getFileName() + ": " + e);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(continued >= 40, "continued " + continued + " exports");
        System.out.printf("real exports continued: %d, generated cuts %d, forced cuts %d, generated audio clips %d%n",
                continued, cuts, forced, generatedAudio);
    }
}
