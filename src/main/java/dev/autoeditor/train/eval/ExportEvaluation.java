package dev.autoeditor.train.eval;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.InputWindows;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.timeline.table.ConvertOptions;
import dev.autoeditor.timeline.table.ConvertResult;
import dev.autoeditor.timeline.table.Converter;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.Calibration;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate --input}: a model scored on Premiere exports it has never seen, with nothing but its
 * checkpoint. The exports are converted at the model's sample rate, normalised with its normaliser and
 * windowed with its window settings (its {@link DataSpec}), in a temporary folder removed afterwards;
 * every window is scored beside persistence and the random cutter, with the cut thresholds and training
 * cut rates stored in the checkpoint ({@code "threshold_from": "checkpoint"}).
 */
public final class ExportEvaluation {
    private static final Logger log = LoggerFactory.getLogger(ExportEvaluation.class);

    private ExportEvaluation() {}

    /** Evaluates {@code model} on {@code exports} (xmeml files or folders of them). */
    public static EvaluationReport run(ModelArtifact model, List<Path> exports, Config cfg) throws IOException, InterruptedException {
        String what = "model " + model.json();
        DataSpec spec = model.data();
        String fps = spec.requireFixedRate(what);
        Calibration calibration = model.calibration().orElseThrow(() -> new UserException(what + " was written before its training "
                + "ended and has no tuned cut thresholds; evaluate the best.json or last.json of a finished run"));
        int tolerance = cfg.getInt("evaluate.cut_tolerance", 0, 1000);
        if (tolerance != calibration.cutTolerance()) {
            log.warn("{}'s cut thresholds were tuned at a cut tolerance of {} frames; scoring at that tolerance (evaluate.cut_tolerance {} "
                    + "applies to `evaluate --data`)", what, calibration.cutTolerance(), tolerance);
        }
        Path work = Files.createTempDirectory("auto-editor-evaluate-");
        try {
            // 1. The exports as a keyframe table at the model's rate.
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("convert.sample_fps", fps);
            settings.put("convert.threads", cfg.getInt("convert.threads", 0, 4096));
            ConvertOptions options = new ConvertOptions(SamplingRate.parse(fps, what + "'s sample rate"),
                    cfg.getInt("convert.threads", 0, 4096), true, settings);
            ConvertResult converted = Converter.convertXmeml(exports, work.resolve("keyframes.csv"), options);
            for (ConvertResult.FileFailure f : converted.failures()) log.warn("not evaluated: {}", f.message());

            // 2. Windows made as the model's were: its normaliser, window length and stride, asset classes.
            Map<String, Object> exportInputs = new LinkedHashMap<>();
            for (ConvertResult.FileReport r : converted.converted()) exportInputs.put(r.path().toAbsolutePath().normalize().toString(), r.sha256());
            Provenance windowing = Provenance.of("evaluate", cfg.getLong("seed"), Map.of(), exportInputs);
            InputWindows.Result windows = InputWindows.write(work.resolve("keyframes.csv"), work.resolve("windows"), spec,
                    cfg.getInt("window.shard_windows", 1, Integer.MAX_VALUE), windowing);
            log.info("{} exports: {} sequences into {} windows ({} shorter than {} frames dropped)", converted.converted().size(),
                    windows.sequences(), windows.windows(), windows.droppedShort(), spec.minSequenceFrames());

            // 3. Scored with the thresholds and cut rates of the checkpoint.
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("model", model.describe());
            inputs.put("exports", describe(converted, windows, fps));
            try (ShardDataset data = ShardDataset.open(windows.dir(), false)) {
                return EvaluationRun.runCalibrated(ModelUnderTest.of(model.frameTransformer()), data, InputWindows.SPLIT,
                        spec.normaliser(), calibration, cfg, inputs);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static Map<String, Object> describe(ConvertResult converted, InputWindows.Result windows, String fps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sample_fps", fps);
        List<Map<String, Object>> files = new ArrayList<>();
        for (ConvertResult.FileReport r : converted.converted()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", r.path().toAbsolutePath().normalize().toString());
            f.put("sha256", r.sha256());
            f.put("sequences", r.sequences());
            f.put("rows", r.rows());
            files.add(f);
        }
        m.put("files", files);
        List<Map<String, Object>> failed = new ArrayList<>();
        for (ConvertResult.FileFailure x : converted.failures()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", x.path().toAbsolutePath().normalize().toString());
            f.put("error", x.message());
            failed.add(f);
        }
        m.put("failed", failed);
        m.put("rows", converted.rows());
        m.put("sequences", windows.sequences());
        m.put("windows", windows.windows());
        m.put("dropped_short_sequences", windows.droppedShort());
        return m;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not remove the temporary folder {}: {}", dir, e.getMessage());
        }
    }
}
