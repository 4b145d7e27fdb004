package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.report.TimelineFrames;
import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.table.AssetNumbering;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The samples phase as the tiny run's full-run ran it: samples/index.json exactly in the layout the
 * report reads, edits that pass the structural check and read back without a warning, a generated
 * CSV that is the edit's frames, and a true continuation that is the prompt's own frames after the
 * cut with its sources numbered as the edit numbers them.
 */
class SamplesPhaseTest {
    @Test
    void indexAndFilesAreWhatTheReportReads() throws Exception {
        Path run = TinyModel.run();
        Path samples = run.resolve("samples");
        JsonNode index = new ObjectMapper().readTree(samples.resolve("index.json").toFile());
        assertEquals("auto-editor-samples/1", index.path("format").asText());
        List<String> top = new ArrayList<>();
        index.fieldNames().forEachRemaining(top::add);
        assertEquals(List.of("format", "samples"), top);
        assertTrue(index.path("samples").size() >= 1, index.toString());
        for (JsonNode s : index.path("samples")) {
            List<String> keys = new ArrayList<>();
            s.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("name", "prompt", "sequence", "prompt_seconds", "seconds", "xml", "generated_csv", "truth_csv"), keys);
            Path xml = samples.resolve(s.path("xml").asText());
            List<String> warnings = new ArrayList<>();
            Project edit = new XmemlReader().read(xml, warnings::add);
            assertEquals(List.of(), warnings);

            Path prompt = run.resolve(s.path("prompt").asText());
            Project original = XmemlReader.forEditing().read(prompt);
            Sequence sequence = original.sequences().stream().filter(q -> q.name().equals(s.path("sequence").asText())).findFirst().orElseThrow();
            PromptCut cut = PromptCut.atSeconds(original, sequence, new SamplingRate(5, 1), s.path("prompt_seconds").asDouble());
            assertTrue(EditCheck.check(edit.sequences().get(0), cut.cutFrame()).ok());

            TimelineFrames generated = TimelineFrames.read(samples.resolve(s.path("generated_csv").asText()), null);
            TimelineFrames truth = TimelineFrames.read(samples.resolve(s.path("truth_csv").asText()), null);
            assertEquals(s.path("seconds").asDouble() * 5, generated.frames(), 1, "seconds of generated frames at 5 samples/s");
            assertTrue(truth.frames() >= 1 && truth.frames() <= generated.frames());
            // The truth is the prompt's own frames after the cut; a source the edit shows has the edit's number.
            AssetNumbering promptNumbers = AssetNumbering.of(sequence, KeyframeTable.TRACKS);
            AssetNumbering editNumbers = AssetNumbering.of(edit.sequences().get(0), KeyframeTable.TRACKS);
            for (int j = 0; j < truth.frames(); j++) {
                double[] row = cut.originalRow(cut.firstSample() + j);
                assertEquals(cut.frameOfSample(cut.firstSample() + j) / sequence.rate().fps(), truth.timeS()[j], 1e-5);
                for (int k = 0; k < KeyframeTable.TRACKS; k++) {
                    boolean on = row[k * KeyframeTable.FIELDS] == 1;
                    assertEquals(on, truth.active()[k][j], "frame " + j + " V" + (k + 1));
                    if (!on) continue;
                    Source source = promptNumbers.source((int) row[k * KeyframeTable.FIELDS + 1]);
                    int inEdit = editNumbers.numberOf(source);
                    if (inEdit >= 0) assertEquals(inEdit, truth.asset()[k][j], "a source the edit shows keeps the edit's number");
                }
            }
        }
    }
}
