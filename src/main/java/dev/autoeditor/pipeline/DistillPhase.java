package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.generate.BatchOneGeneration;
import dev.autoeditor.train.TrainSettings;
import dev.autoeditor.train.distill.DistillSettings;
import dev.autoeditor.train.distill.Distillation;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A student a quarter of the teacher's size or less ({@code distill.model.*}) trained on the teacher's
 * softened predictions and the true frames, into checkpoints/distill/, with a control trained from
 * scratch (checkpoints/distill/scratch/) and checkpoints/distill/summary.json comparing teacher, student
 * and control ({@link Distillation}). The teacher ({@code distill.teacher}) is this run's pretrained
 * model, a checkpoint installed by download-models, or a checkpoint path. Interrupted with unchanged
 * inputs, it continues from its last checkpoint.
 */
public final class DistillPhase extends DeclaredPhase {
    public static final String NAME = "distill";
    public static final String OUTPUT = "checkpoints/distill";

    public DistillPhase() {
        super(NAME, 1, List.of(DownloadModelsPhase.NAME, WindowPhase.NAME, PretrainPhase.NAME), List.of(OUTPUT));
    }

    @Override
    public boolean enabled(Config config) {
        return config.getBoolean("distill.enabled");
    }

    @Override
    public List<String> configKeys(Config config) {
        // distill.*, and the supervised run's keys: train.*, model.* (model.asset_classes), and the
        // evaluate.* the cut thresholds stored in every checkpoint, and the summary's scores, are tuned at.
        List<String> keys = new ArrayList<>(DistillSettings.INPUT_KEYS);
        // A teacher named after a download.models entry is looked up there.
        keys.add("download.models");
        return keys;
    }

    @Override
    public List<String> runtimeKeys(Config config) {
        List<String> keys = new ArrayList<>(TrainSettings.RUNTIME_KEYS);
        keys.addAll(DistillSettings.RUNTIME_KEYS);
        keys.add("evaluate.batch_size");
        // generate.*: how summary.json's frames_per_s_batch1 generates; only that timing depends on them.
        keys.addAll(BatchOneGeneration.RUNTIME_KEYS);
        return keys;
    }

    @Override
    public void checkSettings(Config config) {
        // The student's architecture (distill.model.* with the windows' asset classes), train.*, the loss and the calibration.
        DistillSettings.from(config).student(config.getInt("model.asset_classes"));
        TrainSettings.from(config);
        dev.autoeditor.train.eval.ThresholdCalibrator.Settings.from(config);
    }

    /** A teacher given as a path is outside the run: its checkpoint's content is an input. */
    @Override
    public Map<String, String> externalInputs(Config config) {
        String teacher = DistillSettings.teacherOf(config);
        if (teacher.equals(DistillSettings.PRETRAIN) || downloadNames(config).contains(teacher)) return Map.of();
        Path json = checkpointJson(Path.of(teacher));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("teacher " + teacher, Files.isRegularFile(json) ? Hashing.sha256Unchecked(json) : "missing");
        return m;
    }

    @Override
    public Optional<String> modelOutput() {
        return Optional.of(OUTPUT);
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public void run(PhaseContext context) {
        Config cfg = context.config();
        String teacher = DistillSettings.teacherOf(cfg);
        Path teacherJson = teacherCheckpoint(context, teacher);
        Distillation.Result r = Distillation.run(new Distillation.Inputs(context.path(DataTree.MAIN.windows()), teacherJson, teacher,
                context.path(OUTPUT), context.resume(), true), cfg, BatchOneGeneration.from(cfg, DistillSettings.from(cfg).speedFrames()));
        Path root = context.layout().root();
        context.note("teacher", teacher);
        context.note("teacher_checkpoint", root.relativize(teacherJson.toAbsolutePath().normalize()).toString());
        context.note("teacher_parameters", r.teacherParameters());
        context.note("parameters", r.student().parameters());
        context.note("epochs", r.student().epochsDone());
        context.note("steps", r.student().steps());
        context.note("best_val_loss", r.student().bestValLoss());
        context.note("stopped_early", r.student().stoppedEarly());
        context.note("best_checkpoint", r.student().bestCheckpoint() == null ? null : root.relativize(r.student().bestCheckpoint()).toString());
        context.note("scratch_steps", r.scratch().steps());
        context.note("summary", root.relativize(r.summaryFile()).toString());
    }

    /** The teacher's checkpoint JSON for {@code distill.teacher}. */
    static Path teacherCheckpoint(PhaseContext context, String teacher) {
        RunLayout layout = context.layout();
        if (teacher.equals(DistillSettings.PRETRAIN)) {
            // The model this phase starts from in the pipeline: pretrain's best.json (else last.json).
            ModelSource source = context.sourceModel();
            if (!source.phase().equals(PretrainPhase.NAME)) {
                throw new IllegalStateException("distill's source model is " + source.phase() + "'s, not pretrain's");
            }
            return source.checkpoint();
        }
        if (downloadNames(context.config()).contains(teacher)) {
            Path folder = layout.pretrained().resolve(teacher);
            return findCheckpoint(folder).orElseThrow(() -> new UserException("distill.teacher names the download " + teacher
                    + ", but " + folder + " holds no checkpoint (best.json or last.json, at its top or one folder down); "
                    + "check the download.models entry's archive"));
        }
        Path path = Path.of(teacher);
        Path json = checkpointJson(path);
        if (!Files.isRegularFile(json)) {
            throw new UserException("distill.teacher is '" + teacher + "', which is neither pretrain, a download.models name ("
                    + String.join(", ", downloadNames(context.config())) + ") nor a checkpoint (" + json.toAbsolutePath()
                    + " not found); paths are relative to the working directory");
        }
        return json;
    }

    /** A checkpoint path as given: a .json, or a folder's best.json, else its last.json. */
    private static Path checkpointJson(Path path) {
        if (!Files.isDirectory(path)) return path;
        Path best = path.resolve("best.json");
        return Files.isRegularFile(best) ? best : path.resolve("last.json");
    }

    /** best.json or last.json in {@code folder}, or in its only subfolder holding one (an archive with a top folder). */
    static Optional<Path> findCheckpoint(Path folder) {
        for (String name : RunLayout.MODEL_FILES) {
            if (Files.isRegularFile(folder.resolve(name))) return Optional.of(folder.resolve(name));
        }
        if (!Files.isDirectory(folder)) return Optional.empty();
        List<Path> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                for (String name : RunLayout.MODEL_FILES) {
                    if (Files.isRegularFile(child.resolve(name))) {
                        found.add(child.resolve(name));
                        break;
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The names of the configured download.models entries. */
    static List<String> downloadNames(Config config) {
        List<String> names = new ArrayList<>();
        for (Object entry : config.getList("download.models")) {
            if (entry instanceof Map<?, ?> m && m.get("name") != null) names.add(String.valueOf(m.get("name")));
        }
        return names;
    }
}
