package dev.autoeditor.train.distill;

import dev.autoeditor.config.Config;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.train.TrainingRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distill.* settings, read and range-checked once.
 *
 * @param teacher          {@code pretrain}, a {@code download.models} name, or a checkpoint path (.json or folder)
 * @param studentKeys      the student's architecture without its asset classes, which are the windows'
 * @param initFromTeacher  start the student from the teacher's weights where names and shapes match
 * @param temperature      T, dividing both models' logits in the KL terms
 * @param alpha            weight of the distillation loss against the ground-truth loss
 * @param regressionWeight w_reg, weight of the Huber term between the two models' regressions
 * @param epochs           passes over the training windows at most (the learning-rate schedule spans them)
 * @param maxSteps         optimiser steps at most (0 = no limit): the phase's budget
 * @param speedRuns        timed runs per model for the speed figures (their median is reported)
 * @param speedFrames      frames generated per timed run at batch 1
 */
public record DistillSettings(String teacher, Map<String, Integer> studentKeys, double studentDropout, boolean initFromTeacher,
                              double temperature, double alpha, double regressionWeight, int epochs, long maxSteps,
                              int speedRuns, int speedFrames) {
    /** The value of {@code distill.teacher} that means this run's pretrained model. */
    public static final String PRETRAIN = "pretrain";
    /** Keys whose values shape what distill writes (besides the train.* keys of the run it makes). */
    public static final List<String> KEYS = List.of(
            "distill.teacher", "distill.model.d_model", "distill.model.heads", "distill.model.layers", "distill.model.ff",
            "distill.model.dropout", "distill.model.asset_embedding", "distill.init_from_teacher", "distill.temperature",
            "distill.alpha", "distill.regression_weight", "distill.epochs", "distill.max_steps");
    /**
     * Every key whose value shapes a distillation's outputs: {@link #KEYS} and those of the supervised
     * training runs it makes ({@link TrainingRun#SUPERVISED_INPUT_KEYS}). The phase's input hash and its
     * checkpoints' provenance both cover this list.
     */
    public static final List<String> INPUT_KEYS = inputKeys();
    /** Keys of the speed measurement only: its figures are timings, exempt from reproducibility, so changing these makes nothing stale. */
    public static final List<String> RUNTIME_KEYS = List.of("distill.speed_runs", "distill.speed_frames");

    private static List<String> inputKeys() {
        List<String> keys = new java.util.ArrayList<>(KEYS);
        keys.addAll(TrainingRun.SUPERVISED_INPUT_KEYS);
        return List.copyOf(keys);
    }

    public static DistillSettings from(Config cfg) {
        Map<String, Integer> arch = new LinkedHashMap<>();
        for (String k : List.of("d_model", "heads", "layers", "ff", "asset_embedding")) arch.put(k, cfg.getInt("distill.model." + k));
        return new DistillSettings(
                teacherOf(cfg),
                arch,
                cfg.getDouble("distill.model.dropout"),
                cfg.getBoolean("distill.init_from_teacher"),
                cfg.getDouble("distill.temperature", 1e-3, 1e3),
                cfg.getDouble("distill.alpha", 0, 1),
                cfg.getDouble("distill.regression_weight", 0, 1e6),
                cfg.getInt("distill.epochs", 1, 1_000_000),
                cfg.getLong("distill.max_steps"),
                cfg.getInt("distill.speed_runs", 1, 1000),
                cfg.getInt("distill.speed_frames", 1, 100_000));
    }

    /** {@code distill.teacher}, checked to be non-empty. */
    public static String teacherOf(Config cfg) {
        String t = cfg.getString("distill.teacher").trim();
        if (t.isEmpty()) {
            throw new dev.autoeditor.config.ConfigException("config key 'distill.teacher' is empty; use pretrain (this run's model), "
                    + "the name of a download.models entry, or the path of a checkpoint");
        }
        return t;
    }

    public DistillSettings {
        if (maxSteps < 0) throw new dev.autoeditor.config.ConfigException("config key 'distill.max_steps' is " + maxSteps + "; use 0 (no limit) or more");
    }

    /** The student's architecture, with the windows' (and the teacher's) asset classes. */
    public ModelConfig student(int assetClasses) {
        return new ModelConfig(studentKeys.get("d_model"), studentKeys.get("heads"), studentKeys.get("layers"), studentKeys.get("ff"),
                studentDropout, assetClasses, studentKeys.get("asset_embedding"));
    }

    /**
     * The settings the student's training run reads: {@code model.*} is the student (so its checkpoints'
     * config and provenance describe the network they hold), and {@code train.epochs} and
     * {@code train.max_steps} are distill's; every other {@code train.*} key is shared with pretraining.
     */
    public Config runConfig(Config cfg, ModelConfig student) {
        Map<String, Object> overrides = new LinkedHashMap<>(student.toMap());
        overrides.put("train.epochs", epochs);
        overrides.put("train.max_steps", maxSteps);
        return cfg.with(overrides);
    }
}
