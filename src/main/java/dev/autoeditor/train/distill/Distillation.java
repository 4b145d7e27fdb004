package dev.autoeditor.train.distill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.model.Backend;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.Calibration;
import dev.autoeditor.train.CheckpointStore;
import dev.autoeditor.train.Init;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.SupervisedObjective;
import dev.autoeditor.train.TrainResult;
import dev.autoeditor.train.TrainingRun;
import dev.autoeditor.train.TrainingWindows;
import dev.autoeditor.train.eval.InferenceSpeed;
import dev.autoeditor.train.eval.ModelSummary;
import dev.autoeditor.train.eval.ModelUnderTest;
import dev.autoeditor.train.eval.ThresholdCalibrator;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.OrderedMaps;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distillation: a smaller student trained on a frozen teacher's softened predictions and the true
 * frames ({@link DistillationObjective}), the same student architecture trained from scratch on the
 * ground truth alone with the same optimiser steps, windows and schedule (the control), and a summary
 * of the three models' size, speed and quality on the test split. Used by the distill phase and by
 * {@code auto-editor distill --data --teacher --out}.
 *
 * <pre>
 * OUT/best.json, last.json, epoch-NNNN.json (+ .npz), metrics/   the student (phase "distill")
 * OUT/scratch/...                                              the control (phase "distill-scratch")
 * OUT/summary.json                                             teacher, student, scratch
 * </pre>
 *
 * Both training runs are {@link TrainingRun}s: checkpoints, metrics, early stopping, calibration and
 * exact resume as in pretraining. Resumed, each continues from its own last checkpoint, or does nothing
 * when it had finished.
 */
public final class Distillation {
    private static final Logger log = LoggerFactory.getLogger(Distillation.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The phase name in the student's checkpoints. */
    public static final String PHASE = "distill";
    /** The phase name in the control's checkpoints. */
    public static final String SCRATCH_PHASE = "distill-scratch";
    public static final String SCRATCH = "scratch";
    public static final String SUMMARY = "summary.json";
    public static final String SUMMARY_FORMAT = "auto-editor-distill-summary/1";

    /**
     * How it went.
     *
     * @param teacherParameters the teacher's trainable values
     * @param summary           what summary.json holds
     */
    public record Result(TrainResult student, TrainResult scratch, long teacherParameters, Map<String, Object> summary, Path summaryFile) {}

    /**
     * What to distil.
     *
     * @param windowsDir the windows the student trains on (train, val) and is scored on (test)
     * @param teacher    the teacher's checkpoint (.json, or a folder: its best.json, else last.json)
     * @param teacherLabel how the teacher was named (pretrain, a download name, a path), for the summary
     * @param out        the student's checkpoint folder
     * @param resume     continue the runs found in {@code out} (from their last checkpoints)
     * @param force      start over although {@code out} holds checkpoints
     */
    public record Inputs(Path windowsDir, Path teacher, String teacherLabel, Path out, boolean resume, boolean force) {}

    private Distillation() {}

    /**
     * @param generation how the three models generate at batch 1 for {@code frames_per_s_batch1}
     *                   ({@code generate.BatchOneGeneration}: the loop lives above this package)
     */
    public static Result run(Inputs in, Config cfg, InferenceSpeed.Generation generation) {
        DistillSettings settings = DistillSettings.from(cfg);
        ModelArtifact teacherArtifact = ModelArtifact.load(in.teacher());
        TransformerModel teacher = teacherArtifact.frameTransformer();
        try (TrainingWindows windows = TrainingWindows.open(in.windowsDir())) {
            requireMatchingTeacher(teacherArtifact, windows.spec(), in.windowsDir());
            ModelConfig student = settings.student(windows.spec().assetClasses());
            long teacherParameters = teacher.parameterCount();
            long studentParameters = TransformerModel.create(student, 0L).parameterCount();
            log.info("distill: teacher {} ({} parameters, {}), student {} parameters ({}), {} of the teacher's",
                    teacherArtifact.json(), teacherParameters, teacherArtifact.info().model(), studentParameters, student,
                    String.format("%.1f%%", 100.0 * studentParameters / teacherParameters));
            if (studentParameters * 4 > teacherParameters) {
                log.warn("distill: the student has {} parameters, more than a quarter of the teacher's {}; make distill.model.* smaller "
                        + "(fewer layers speeds inference up most)", studentParameters, teacherParameters);
            }
            Config run = settings.runConfig(cfg, student);
            Map<String, Object> inputs = new LinkedHashMap<>(windows.inputs());
            inputs.put("teacher", teacherInfo(teacherArtifact, in.teacherLabel()));

            // 1. The student: distillation objective, teacher outputs computed once when first needed.
            Path studentDir = in.out();
            Init fresh = settings.initFromTeacher() ? new Init.WarmStart(teacherArtifact.json()) : new Init.Scratch();
            // An interrupted attempt resumes from its newest intact checkpoint (last, unless damaged or gone).
            Init studentInit = in.resume() ? Init.resumeOr(studentDir, fresh) : fresh;
            DistillationObjective objective = new DistillationObjective(student, LossSettings.from(run), DistillationObjective.Weights.of(settings),
                    () -> TeacherOutputs.compute(teacher, windows.train(), "train"),
                    windows.val() == null || windows.val().size() == 0 ? null : () -> TeacherOutputs.compute(teacher, windows.val(), "val"));
            TrainResult studentResult = TrainingRun.phase(PHASE)
                    .config(run)
                    .data(windows.train(), windows.val(), windows.spec(), inputs)
                    .checkpoints(studentDir)
                    .network(TransformerModel.KIND, student)
                    .init(studentInit)
                    .objective(objective)
                    .inputKeys(DistillSettings.INPUT_KEYS)
                    .calibrator(ThresholdCalibrator.of(run, windows))
                    .force(in.force() || in.resume())
                    .run();
            System.gc();

            // 2. The control: the same architecture from scratch on the true frames, for exactly as many
            //    optimiser steps, on the same windows in the same order with the same schedule; no early stop.
            Path scratchDir = in.out().resolve(SCRATCH);
            Config scratchRun = run.with(dev.autoeditor.util.OrderedMaps.of("train.max_steps", studentResult.steps(), "train.patience", 0));
            Map<String, Object> scratchInputs = new LinkedHashMap<>(windows.inputs());
            scratchInputs.put("steps_of", studentDir.resolve(CheckpointStore.LAST + ".json").toAbsolutePath().normalize().toString());
            TrainResult scratchResult = TrainingRun.phase(SCRATCH_PHASE)
                    .config(scratchRun)
                    .data(windows.train(), windows.val(), windows.spec(), scratchInputs)
                    .checkpoints(scratchDir)
                    .network(TransformerModel.KIND, student)
                    .init(in.resume() ? Init.resumeOr(scratchDir, new Init.Scratch()) : new Init.Scratch())
                    .objective(new SupervisedObjective(student, LossSettings.from(scratchRun)))
                    .inputKeys(DistillSettings.INPUT_KEYS)
                    .calibrator(ThresholdCalibrator.of(scratchRun, windows))
                    .force(in.force() || in.resume())
                    .run();
            System.gc();

            // 3. The summary: size, speed and quality of the three on the test split.
            Map<String, Object> summary = summarise(teacherArtifact, in.teacherLabel(), studentDir, scratchDir, windows, in.windowsDir(),
                    settings, cfg, inputs, generation);
            Path file = in.out().resolve(SUMMARY);
            try {
                AtomicFiles.writeString(file, JSON.writeValueAsString(summary) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + file, e);
            }
            return new Result(studentResult, scratchResult, teacherParameters, summary, file);
        }
    }

    /**
     * Refuses a teacher whose input differs from the windows': another sample rate, window length,
     * normaliser or number of asset classes would make its predictions meaningless as targets.
     * (The stride and the shortest sequence kept only choose which windows exist, not what a window means.)
     */
    public static void requireMatchingTeacher(ModelArtifact teacher, DataSpec windows, Path windowsDir) {
        DataSpec t = teacher.data();
        List<String> diffs = new ArrayList<>();
        if (!Objects.equals(t.sampleFps(), windows.sampleFps())) {
            diffs.add("sample rate " + t.sampleFps() + " vs " + windows.sampleFps() + " (convert.sample_fps)");
        }
        if (t.windowLength() != windows.windowLength()) {
            diffs.add("window length " + t.windowLength() + " vs " + windows.windowLength() + " (window.length)");
        }
        if (t.assetClasses() != windows.assetClasses()) {
            diffs.add("asset classes " + t.assetClasses() + " vs " + windows.assetClasses() + " (model.asset_classes)");
        }
        if (!t.normaliser().sameStatistics(windows.normaliser())) {
            diffs.add("normaliser " + t.normaliser() + " vs " + windows.normaliser()
                    + " (preprocess.normaliser=from_model with preprocess.normaliser_model=" + teacher.json() + ")");
        }
        if (!diffs.isEmpty()) {
            throw new UserException("teacher " + teacher.json() + " does not match the windows in " + windowsDir + " (teacher vs windows): "
                    + String.join("; ", diffs) + ". Make the windows the teacher's way with the settings named, or choose another "
                    + "teacher with distill.teacher");
        }
    }

    private static Map<String, Object> teacherInfo(ModelArtifact teacher, String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("teacher", label);
        m.put("checkpoint", teacher.json().toAbsolutePath().normalize().toString());
        m.put("kind", teacher.info().kind());
        m.put("phase", teacher.info().phase());
        m.put("step", teacher.info().step());
        m.put("weights_sha256", teacher.info().weightsSha256());
        m.put("parameters", teacher.network().parameterCount());
        return m;
    }

    private static Map<String, Object> summarise(ModelArtifact teacherArtifact, String teacherLabel, Path studentDir, Path scratchDir,
                                                 TrainingWindows windows, Path windowsDir, DistillSettings settings, Config cfg,
                                                 Map<String, Object> inputs, InferenceSpeed.Generation generation) {
        ThresholdCalibrator.Settings eval = ThresholdCalibrator.Settings.from(cfg);
        ModelArtifact studentArtifact = ModelArtifact.load(studentDir);
        ModelArtifact scratchArtifact = ModelArtifact.load(scratchDir);
        List<ModelArtifact> models = List.of(teacherArtifact, studentArtifact, scratchArtifact);
        List<String> names = List.of("teacher", "student", "scratch");
        // Each model's cut threshold tuned on this run's validation windows, as its checkpoint stores it;
        // the teacher's is tuned here too, as it may come from elsewhere.
        double[] thresholds = new double[3];
        thresholds[0] = ThresholdCalibrator.of(cfg, windows).calibrate(teacherArtifact.network()).threshold("model");
        thresholds[1] = calibrated(studentArtifact).threshold("model");
        thresholds[2] = calibrated(scratchArtifact).threshold("model");

        Split split = Split.TEST;
        try (ShardDataset test = ShardDataset.open(windowsDir, Split.TEST)) {
            ShardDataset scored = test;
            ShardDataset valForScoring = null;
            if (test.size() == 0) {
                log.warn("distill summary: the test split holds no windows; scoring on the validation split instead");
                valForScoring = ShardDataset.open(windowsDir, Split.VAL);
                scored = valForScoring;
                split = Split.VAL;
            }
            try {
                if (scored.size() == 0) throw new UserException("no test or validation windows in " + windowsDir + " to score the models on; "
                        + "give the corpus more projects or raise preprocess.val_fraction");
                List<Map<String, Object>> quality = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    quality.add(ModelSummary.measure(ModelUnderTest.of(models.get(i).frameTransformer()), thresholds[i], scored,
                            windows.spec().normaliser(), eval.cutTolerance(), eval.batchSize(), eval.maxWindows()));
                }
                List<InferenceSpeed.Figures> speed = InferenceSpeed.measure(models, scored, eval.batchSize(), settings.speedRuns(), generation);

                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("format", SUMMARY_FORMAT);
                doc.put("split", split.id());
                doc.put("windows", eval.maxWindows() > 0 ? Math.min(eval.maxWindows(), scored.size()) : scored.size());
                doc.put("cut_tolerance", eval.cutTolerance());
                for (int i = 0; i < 3; i++) {
                    ModelArtifact a = models.get(i);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("parameters", a.network().parameterCount());
                    m.put("windows_per_s", round(speed.get(i).windowsPerSecond()));
                    m.put("frames_per_s_batch1", round(speed.get(i).framesPerSecondBatch1()));
                    m.putAll(quality.get(i));
                    m.put("cut_threshold", thresholds[i]);
                    m.put("architecture", a.info().model().toMap());
                    m.put("checkpoint", i == 0 ? teacherLabel : studentDir.relativize(a.json()).toString());
                    m.put("weights_sha256", a.info().weightsSha256());
                    m.put("step", a.info().step());
                    doc.put(names.get(i), m);
                }
                Map<String, Object> how = new LinkedHashMap<>();
                how.put("batch", Math.min(eval.batchSize(), scored.size()));
                how.put("runs", settings.speedRuns());
                how.put("statistic", "median of runs alternating teacher, student, scratch, after as many untimed rounds");
                how.put("windows_per_s", "teacher-forced forward pass of one batch of windows (TransformerModel.predict)");
                how.put("frames_per_s_batch1", generation.describe());
                doc.put("speed", how);
                List<String> recorded = new ArrayList<>(List.of("seed"));
                recorded.addAll(DistillSettings.KEYS);
                recorded.addAll(List.of("evaluate.cut_tolerance", "evaluate.max_windows"));
                Provenance provenance = Provenance.of(PHASE, cfg.getLong("seed"), cfg.select(recorded), inputs)
                        .withInput("student", studentArtifact.json().toAbsolutePath().normalize().toString())
                        .withInput("scratch", scratchArtifact.json().toAbsolutePath().normalize().toString())
                        .withNd4j(Backend.describe());
                doc.put("provenance", provenance.toMap());
                return doc;
            } finally {
                if (valForScoring != null) valForScoring.close();
            }
        }
    }

    private static Calibration calibrated(ModelArtifact a) {
        return a.calibration().orElseThrow(() -> new IllegalStateException(a.json() + " has no calibration; its training run did not finish"));
    }

    /** Speeds to 4 significant figures: more would only be noise. */
    private static double round(double v) {
        if (!(v > 0) || Double.isInfinite(v)) return v;
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }
}
