package dev.autoeditor.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.Normaliser;
import dev.autoeditor.data.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationRunTest {
    @TempDir
    static Path root;
    static Path windows;

    @BeforeAll
    static void makeWindows() throws Exception {
        windows = EvalFixtures.windows(root, 20, 120, 11);
    }

    private static EvaluationReport evaluate() {
        var cfg = ConfigLoader.load("tiny", null, List.of());
        Normaliser normaliser = Normaliser.load(root.resolve("preprocessed/normaliser.json"));
        var in = new EvaluationRun.Inputs(new OraclePredictor(cfg.getInt("model.asset_classes")), Map.of("name", "oracle"),
                windows, Split.TEST, normaliser, Map.of("file", "preprocessed/normaliser.json"));
        return EvaluationRun.run(in, cfg);
    }

    @Test
    void oracleIsPerfectPersistenceFindsNoCutsAndTheCutterGuesses() {
        EvaluationReport report = evaluate();
        assertEquals("test", report.split());
        assertEquals("val", report.thresholdFrom());
        assertTrue(report.windows() > 0);
        PredictorMetrics oracle = report.predictors().get(0);
        PredictorMetrics persistence = report.predictors().get(1);
        PredictorMetrics cutter = report.predictors().get(2);
        assertEquals(List.of("oracle", "persistence", "random-cutter"),
                report.predictors().stream().map(PredictorMetrics::predictor).toList());

        assertTrue(oracle.trueCuts() > 10, "the test split has cuts: " + oracle.trueCuts());
        assertEquals(1.0, oracle.cutF1(), 0);
        assertEquals(1.0, oracle.activeAccuracy(), 0);
        assertEquals(1.0, oracle.assetAccuracy(), 0);
        assertEquals(0.0, oracle.maeOriginal().get("scale"), 1e-3);

        assertEquals(0, persistence.predictedCuts());
        assertEquals(0.0, persistence.cutRecall(), 0);
        assertTrue(persistence.activeAccuracy() > 0.9, "persistence is strong frame by frame");
        assertTrue(persistence.maeOriginal().get("scale") > 0, "scale drifts, so persistence errs a little");
        assertTrue(persistence.maeOriginal().get("scale") < 1.0, "but by less than a point: " + persistence.maeOriginal());

        assertTrue(cutter.predictedCuts() > 0);
        assertTrue(cutter.cutF1() < oracle.cutF1());
        assertTrue(report.trainCutRates().overall() > 0);
        // Same truth for everyone.
        assertEquals(oracle.trueCuts(), cutter.trueCuts());
        assertEquals(oracle.trackFrames(), persistence.trackFrames());
    }

    @Test
    void jsonCarriesEveryPredictorAndProvenance() throws Exception {
        EvaluationReport report = evaluate();
        Path file = root.resolve("out/eval.json");
        report.writeJson(file);
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertEquals(EvaluationReport.FORMAT, doc.path("format").asText());
        assertEquals("test", doc.path("split").asText());
        assertEquals(2, doc.path("cut_tolerance").asInt());
        assertEquals(20, doc.path("train_cut_rate").path("per_track").size());
        for (String name : List.of("oracle", "persistence", "random-cutter")) {
            JsonNode p = doc.path("predictors").path(name);
            for (String key : List.of("active_accuracy", "active_f1", "asset_accuracy", "mae_normalised", "cut_precision",
                    "cut_recall", "cut_f1", "cut_threshold", "cuts_true", "cuts_predicted")) {
                assertTrue(p.path(key).isNumber(), name + "." + key + " in " + p);
            }
            assertEquals(7, p.path("mae_original").size());
        }
        JsonNode prov = doc.path("provenance");
        assertEquals(42, prov.path("seed").asLong());
        assertEquals(64, prov.path("config_sha256").asText().length());
        assertTrue(prov.path("version").isTextual());
        assertTrue(prov.path("time").isTextual());
        assertEquals("evaluate", prov.path("phase").asText());
        assertEquals("oracle", prov.path("inputs").path("model").path("name").asText());
        assertEquals(64, prov.path("inputs").path("windows").path("test").path("index_sha256").asText().length());
        assertTrue(prov.path("nd4j").path("native_build").isTextual(), prov.toString());

        // Same seed and inputs, same figures.
        JsonNode again = new ObjectMapper().readTree(evaluate().toJson());
        assertEquals(doc.path("predictors"), again.path("predictors"));
    }

    @Test
    void tableAlignsEveryColumn() {
        String table = evaluate().toTable();
        String[] lines = table.split("\\R");
        assertTrue(lines[0].startsWith("split test:"), lines[0]);
        String header = lines[1];
        assertTrue(header.startsWith("metric"), header);
        int end = header.length();
        for (int i = 2; i < lines.length; i++) {
            assertEquals(end, lines[i].length(), "row " + i + " ends where the header does:\n" + String.join("\n", lines));
        }
        assertTrue(String.join("\n", lines).contains("cut F1 (+-2 frames)"));
    }
}
