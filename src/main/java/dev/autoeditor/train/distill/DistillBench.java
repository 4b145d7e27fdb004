package dev.autoeditor.train.distill;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.model.Backend;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.TrainingWindows;
import dev.autoeditor.train.eval.InferenceSpeed;
import dev.autoeditor.train.eval.ModelSummary;
import dev.autoeditor.train.eval.ModelUnderTest;
import dev.autoeditor.train.eval.ThresholdCalibrator;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.Seeds;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scores checkpoints side by side on one corpus's test split, for the distillation benchmark
 * (bench/distill.sh, docs/distill.md): every model's cut threshold tuned on the validation split, its
 * {@link ModelSummary} figures, its parameters and speed ({@link InferenceSpeed}, all models alternated),
 * and, given a teacher with distilled students and from-scratch students, the targets: student
 * parameters at most a quarter of the teacher's, windows per second at least 3x, mean student cut F1 at
 * least 95% of the teacher's (with a bootstrap interval over test windows), motion MAE within 10%, and
 * the distilled students ahead of the from-scratch ones by more than the larger seed deviation.
 */
public final class DistillBench {
    /** Which checkpoints, by role; any list may be empty. */
    public record Models(Path teacher, List<Path> students, List<Path> scratch, List<Path> others) {}

    private record Row(String role, ModelArtifact model, double threshold, Map<String, Object> quality, List<long[]> windowCuts) {}

    private DistillBench() {}

    /** @param generation how the models generate at batch 1 ({@code generate.BatchOneGeneration}) */
    public static Map<String, Object> run(Path windowsDir, Models models, Config cfg, int bootstrap, int speedRuns,
                                          InferenceSpeed.Generation generation) {
        ThresholdCalibrator.Settings eval = ThresholdCalibrator.Settings.from(cfg);
        List<Row> rows = new ArrayList<>();
        try (TrainingWindows windows = TrainingWindows.open(windowsDir); ShardDataset test = ShardDataset.open(windowsDir, Split.TEST)) {
            if (test.size() == 0) throw new UserException(windowsDir.resolve("test") + " holds no windows to score on");
            List<String> roles = new ArrayList<>();
            List<Path> paths = new ArrayList<>();
            if (models.teacher() != null) {
                roles.add("teacher");
                paths.add(models.teacher());
            }
            for (Path p : models.students()) {
                roles.add("student");
                paths.add(p);
            }
            for (Path p : models.scratch()) {
                roles.add("scratch");
                paths.add(p);
            }
            for (Path p : models.others()) {
                roles.add("model");
                paths.add(p);
            }
            if (paths.isEmpty()) throw new UserException("name at least one checkpoint (--teacher, --student, --scratch or --model)");
            DataSpec spec = windows.spec();
            for (int i = 0; i < paths.size(); i++) {
                ModelArtifact a = ModelArtifact.load(paths.get(i));
                Distillation.requireMatchingTeacher(a, spec, windowsDir);
                double threshold = ThresholdCalibrator.of(cfg, windows).calibrate(a.network()).threshold("model");
                ModelSummary.Scorer s = ModelSummary.score(ModelUnderTest.of(a.frameTransformer()), threshold, test, spec.normaliser(),
                        eval.cutTolerance(), eval.batchSize(), eval.maxWindows());
                rows.add(new Row(roles.get(i), a, threshold, s.result(), s.windowCuts()));
                System.gc();
            }
            List<ModelArtifact> artifacts = rows.stream().map(Row::model).toList();
            List<InferenceSpeed.Figures> speed = InferenceSpeed.measure(artifacts, test, eval.batchSize(), speedRuns, generation);

            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", "auto-editor-distill-bench/1");
            doc.put("windows_dir", windowsDir.toAbsolutePath().normalize().toString());
            doc.put("split", "test");
            doc.put("windows", rows.get(0).windowCuts().size());
            doc.put("cut_tolerance", eval.cutTolerance());
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("role", r.role());
                m.put("checkpoint", r.model().json().toAbsolutePath().normalize().toString());
                m.put("phase", r.model().info().phase());
                m.put("seed", r.model().info().provenance().seed());
                m.put("step", r.model().info().step());
                m.put("parameters", r.model().network().parameterCount());
                m.put("architecture", r.model().info().model().toMap());
                m.put("windows_per_s", speed.get(i).windowsPerSecond());
                m.put("frames_per_s_batch1", speed.get(i).framesPerSecondBatch1());
                m.putAll(r.quality());
                m.put("cut_threshold", r.threshold());
                out.add(m);
            }
            doc.put("models", out);
            if (models.teacher() != null && !models.students().isEmpty()) {
                doc.put("comparison", compare(rows, out, bootstrap, cfg.getLong("seed")));
            }
            doc.put("provenance", Provenance.of("bench distill", cfg.getLong("seed"), cfg.select(List.of("seed", "evaluate")), windows.inputs())
                    .withNote("bootstrap_resamples", bootstrap).withNote("speed_runs", speedRuns).withNote("speed_frames", generation.frames())
                    .withNote("frames_per_s_batch1", generation.describe())
                    .withNd4j(Backend.describe()).toMap());
            return doc;
        }
    }

    /** The targets, the student and scratch figures pooled over seeds. */
    private static Map<String, Object> compare(List<Row> rows, List<Map<String, Object>> out, int bootstrap, long seed) {
        Row teacher = rows.get(0);
        Map<String, Object> t = out.get(0);
        List<Integer> students = new ArrayList<>();
        List<Integer> scratch = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).role().equals("student")) students.add(i);
            if (rows.get(i).role().equals("scratch")) scratch.add(i);
        }
        double teacherF1 = num(t, "cut_f1");
        double[] studentF1 = values(out, students, "cut_f1");
        double[] scratchF1 = values(out, scratch, "cut_f1");
        Map<String, Object> c = new LinkedHashMap<>();
        double paramRatio = (double) num(out.get(students.get(0)), "parameters") / num(t, "parameters");
        c.put("parameters_ratio", paramRatio);
        c.put("parameters_at_most_a_quarter", paramRatio <= 0.25);
        double speedRatio = mean(values(out, students, "windows_per_s")) / num(t, "windows_per_s");
        c.put("windows_per_s_ratio", speedRatio);
        c.put("windows_per_s_at_least_3x", speedRatio >= 3);
        double frameRatio = mean(values(out, students, "frames_per_s_batch1")) / num(t, "frames_per_s_batch1");
        c.put("frames_per_s_batch1_ratio", frameRatio);
        c.put("teacher_cut_f1", teacherF1);
        c.put("student_cut_f1_mean", mean(studentF1));
        c.put("student_cut_f1_sd", sd(studentF1));
        double f1Ratio = teacherF1 == 0 ? Double.NaN : mean(studentF1) / teacherF1;
        c.put("student_cut_f1_ratio", f1Ratio);
        double[] interval = bootstrapRatio(teacher, students.stream().map(rows::get).toList(), bootstrap, seed);
        c.put("student_cut_f1_ratio_95ci", List.of(interval[0], interval[1]));
        c.put("student_cut_f1_at_least_95pct", f1Ratio >= 0.95);
        Object teacherMotion = t.get("motion_mae_normalised");
        double[] studentMotion = values(out, students, "motion_mae_normalised");
        double motionRatio = teacherMotion == null ? Double.NaN : mean(studentMotion) / ((Number) teacherMotion).doubleValue();
        c.put("student_motion_mae_ratio", motionRatio);
        c.put("student_motion_mae_within_10pct", motionRatio <= 1.10);
        if (!scratch.isEmpty()) {
            double gap = mean(studentF1) - mean(scratchF1);
            double deviation = Math.max(sd(studentF1), sd(scratchF1));
            c.put("scratch_cut_f1_mean", mean(scratchF1));
            c.put("scratch_cut_f1_sd", sd(scratchF1));
            c.put("distilled_minus_scratch_cut_f1", gap);
            c.put("larger_seed_sd", deviation);
            c.put("distilled_beats_scratch", gap > deviation);
            c.put("teacher_minus_scratch_cut_f1", teacherF1 - mean(scratchF1));
        }
        return c;
    }

    /**
     * The 2.5th and 97.5th percentiles of mean student cut F1 over teacher cut F1 when the test windows
     * are resampled with replacement (the same resample for every model), F1 micro-averaged over the
     * resampled windows' cut counts as on the whole split.
     */
    static double[] bootstrapRatio(Row teacher, List<Row> students, int resamples, long seed) {
        int n = teacher.windowCuts().size();
        if (resamples < 1 || n == 0) return new double[] {Double.NaN, Double.NaN};
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, "bench.distill.bootstrap"));
        double[] ratios = new double[resamples];
        int kept = 0;
        int[] pick = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) pick[i] = random.nextInt(n);
            double t = f1(teacher.windowCuts(), pick);
            if (t == 0) continue;
            double sum = 0;
            for (Row s : students) sum += f1(s.windowCuts(), pick);
            ratios[kept++] = sum / students.size() / t;
        }
        if (kept == 0) return new double[] {Double.NaN, Double.NaN};
        double[] sorted = Arrays.copyOf(ratios, kept);
        Arrays.sort(sorted);
        return new double[] {sorted[(int) Math.floor(0.025 * (kept - 1))], sorted[(int) Math.ceil(0.975 * (kept - 1))]};
    }

    private static double f1(List<long[]> cuts, int[] pick) {
        long matched = 0;
        long predicted = 0;
        long truth = 0;
        for (int i : pick) {
            long[] c = cuts.get(i);
            matched += c[0];
            predicted += c[1];
            truth += c[2];
        }
        long d = predicted + truth;
        return d == 0 ? 0 : 2.0 * matched / d;
    }

    private static double[] values(List<Map<String, Object>> out, List<Integer> which, String key) {
        return which.stream().map(out::get).map(m -> m.get(key)).mapToDouble(v -> v == null ? Double.NaN : ((Number) v).doubleValue()).toArray();
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1); 0 for one value. */
    static double sd(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
