package dev.autoeditor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.report.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluate phase on a real tiny run: evaluate's layout, plus per-track cut counts that add up to
 * the table's pooled counts and calibration bins that add up to every scored track-position.
 */
class EvaluatePhaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void testJsonHasTheTablePerTrackCutsCalibrationAndMachine() throws Exception {
        Path run = TinyRun.get();
        JsonNode doc = JSON.readTree(run.resolve(EvaluatePhase.TEST_JSON).toFile());
        assertEquals("auto-editor-evaluation/2", doc.path("format").asText());
        assertEquals("test", doc.path("split").asText());
        JsonNode predictors = doc.path("predictors");
        assertEquals(List.of("model", "persistence", "random-cutter"), fieldNames(predictors));

        for (String name : fieldNames(predictors)) {
            JsonNode p = predictors.get(name);
            JsonNode tracks = p.path("per_track");
            assertEquals(20, tracks.size(), name);
            long truth = 0;
            long predicted = 0;
            long matched = 0;
            for (int k = 0; k < 20; k++) {
                JsonNode t = tracks.get(k);
                assertEquals(k + 1, t.path("track").asInt());
                truth += t.path("cuts_true").asLong();
                predicted += t.path("cuts_predicted").asLong();
                matched += t.path("cuts_matched").asLong();
                double f1 = t.path("cut_f1").asDouble();
                assertTrue(f1 >= 0 && f1 <= 1, name + " track " + (k + 1) + " F1 " + f1);
            }
            assertEquals(p.path("cuts_true").asLong(), truth, name + ": per-track true cuts add up to the table's");
            assertEquals(p.path("cuts_predicted").asLong(), predicted, name + ": predicted cuts");
            assertEquals(p.path("cuts_matched").asLong(), matched, name + ": matched cuts");
        }
        for (JsonNode t : predictors.path("persistence").path("per_track")) {
            assertEquals(0, t.path("cuts_predicted").asLong(), "persistence never predicts a change");
        }

        JsonNode bins = doc.path("calibration");
        assertEquals(CutDiagnostics.CALIBRATION_EDGES.length - 1, bins.size());
        long count = 0;
        long cuts = 0;
        for (int i = 0; i < bins.size(); i++) {
            JsonNode b = bins.get(i);
            assertEquals(CutDiagnostics.CALIBRATION_EDGES[i], b.path("p_low").asDouble(), 0);
            assertEquals(CutDiagnostics.CALIBRATION_EDGES[i + 1], b.path("p_high").asDouble(), 0);
            count += b.path("count").asLong();
            cuts += b.path("cuts").asLong();
            if (b.path("count").asLong() > 0) {
                double mean = b.path("predicted_mean").asDouble();
                assertTrue(mean >= b.path("p_low").asDouble() && mean <= b.path("p_high").asDouble(), "bin " + i + " mean " + mean);
                assertEquals((double) b.path("cuts").asLong() / b.path("count").asLong(), b.path("observed_rate").asDouble(), 1e-12);
            } else {
                assertTrue(b.path("predicted_mean").isNull() && b.path("observed_rate").isNull(), "empty bin " + i);
            }
        }
        JsonNode model = predictors.path("model");
        assertEquals(model.path("track_positions").asLong(), count, "every scored track-position falls in one bin");
        assertEquals(model.path("cuts_true").asLong(), cuts, "the bins' cuts are the true cuts");
        JsonNode summary = doc.path("calibration_summary");
        assertEquals(count, summary.path("positions").asLong());
        double ece = summary.path("ece").asDouble();
        double brier = summary.path("brier").asDouble();
        assertTrue(ece >= 0 && ece <= 1 && brier >= 0 && brier <= 1, "ece " + ece + ", brier " + brier);

        assertTrue(doc.path("machine").path("backend").has("backend"), doc.path("machine").toString());
        assertTrue(Files.readString(run.resolve(EvaluatePhase.TEST_TABLE)).contains("random-cutter"));
    }

    @Test
    void probabilitiesFallInTheirBins() {
        assertEquals(0, CutDiagnostics.bin(0));
        assertEquals(0, CutDiagnostics.bin(0.0049));
        assertEquals(1, CutDiagnostics.bin(0.005));
        assertEquals(4, CutDiagnostics.bin(0.05));
        assertEquals(12, CutDiagnostics.bin(0.89));
        assertEquals(13, CutDiagnostics.bin(0.9));
        assertEquals(13, CutDiagnostics.bin(1.0));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
