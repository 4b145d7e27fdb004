package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.pipeline.EvaluatePhase;
import dev.autoeditor.pipeline.PhaseContext;
import dev.autoeditor.pipeline.RunLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real run directory for the report's and generation's tests, made once per test JVM: the tiny
 * profile's full run (download, convert, preprocess, window, pretraining, distill, the fine-tuning
 * data and finetune, evaluate and samples), all real. The phase that does not exist yet (rlhf) is
 * stood in for by fixture files in the layout its issue defines; {@link #withFixtures} adds them to a copy.
 */
public final class TinyRun {
    /** The phases of the pipeline as the report will know them once every phase is registered. */
    public static final List<String> PHASES = List.of("download-models", "download-data", "convert", "preprocess", "window", "pretrain",
            "distill", "finetune", "rlhf", "evaluate", "samples", "report");

    private static Path built;

    private TinyRun() {}

    /** The shared real run (do not modify: copy it with {@link #copy}). */
    public static synchronized Path get() throws Exception {
        if (built != null) return built;
        Path dir = Files.createTempDirectory("ae-report-tiny-run");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        Path run = dir.resolve("run");
        CliRunner.Result r = CliRunner.run("full-run", "--run-dir", run.toString(), "--profile", "tiny", "-q",
                // The tests write their own pages; the run's evaluate phase writes eval/ as full-run does.
                "--set", "report.enabled=false");
        assertEquals(0, r.code(), r.toString());
        built = run;
        return built;
    }

    /** A copy of the shared run in {@code target}. */
    public static Path copy(Path target) throws Exception {
        Path source = get();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        return target;
    }

    /** A copy with fixture outputs of distill, finetune and rlhf (samples/ is the samples phase's own). */
    public static Path withFixtures(Path target) throws Exception {
        Path run = copy(target);
        write(run.resolve("checkpoints/distill/summary.json"), """
                {"format": "auto-editor-distill-summary/1",
                 "teacher": {"parameters": 12289, "windows_per_s": 410.0, "frames_per_s_batch1": 150.0, "cut_f1": 0.41, "cut_ap": 0.38,
                             "mae_normalised": 0.21, "motion_mae_normalised": 0.33, "asset_accuracy": 0.91},
                 "student": {"parameters": 3001, "windows_per_s": 1300.0, "frames_per_s_batch1": 420.0, "cut_f1": 0.40, "cut_ap": 0.36,
                             "mae_normalised": 0.22, "motion_mae_normalised": 0.34, "asset_accuracy": 0.90},
                 "scratch": {"parameters": 3001, "windows_per_s": 1290.0, "frames_per_s_batch1": 415.0, "cut_f1": 0.33, "cut_ap": 0.29,
                             "mae_normalised": 0.25, "motion_mae_normalised": 0.39, "asset_accuracy": 0.86}}
                """);
        // A distillation loss part (loss_kd) the report has never heard of: it must get its own curve.
        StringBuilder steps = new StringBuilder("epoch,step,loss,loss_active,loss_asset,loss_regression,loss_kd,lr,grad_norm,param_norm,windows,windows_per_s\n");
        StringBuilder epochs = new StringBuilder("epoch,step,train_loss,train_loss_kd,val_loss,val_loss_kd,lr,windows,seconds,windows_per_s,improved\n");
        for (int s = 1; s <= 12; s++) {
            double decay = Math.exp(-s / 6.0);
            steps.append(String.format(java.util.Locale.ROOT, "%d,%d,%.5f,%.5f,%.5f,%.6f,%.5f,%.6f,%.4f,20.1,8,60.0%n",
                    (s - 1) / 4, s, 0.3 * decay + 0.05, 0.04 * decay, 0.2 * decay, 0.0005, 0.1 * decay, 0.001 * Math.min(1, s / 2.0), 1.0 / s));
            if (s % 4 == 0) {
                epochs.append(String.format(java.util.Locale.ROOT, "%d,%d,%.5f,%.5f,%.5f,%.5f,%.6f,32,0.5,64.0,%s%n", s / 4 - 1, s,
                        0.3 * decay + 0.06, 0.1 * decay, 0.3 * decay + 0.08, 0.11 * decay, 0.001, s < 12 ? "true" : "false"));
            }
        }
        write(run.resolve("checkpoints/distill/metrics/steps.csv"), steps.toString());
        write(run.resolve("checkpoints/distill/metrics/epochs.csv"), epochs.toString());
        write(run.resolve("checkpoints/finetune/summary.json"), """
                {"before": {"cut_f1": 0.20, "cut_ap": 0.18, "mae_normalised": 0.40, "motion_mae_normalised": 0.52, "asset_accuracy": 0.80, "val_loss": 0.31},
                 "after": {"cut_f1": 0.47, "cut_ap": 0.44, "mae_normalised": 0.18, "motion_mae_normalised": 0.21, "asset_accuracy": 0.93, "val_loss": 0.12},
                 "scratch": {"cut_f1": 0.30, "cut_ap": 0.27, "mae_normalised": 0.29, "motion_mae_normalised": 0.37, "asset_accuracy": 0.85, "val_loss": 0.22}}
                """);
        write(run.resolve("checkpoints/rlhf/summary.json"), """
                {"pairs": {"count": 400, "source": "rule-based judge", "heldout": 80},
                 "reward_model": {"heldout_accuracy": 0.93, "policy_sample_accuracy": 0.88},
                 "policy": {"win_rate": 0.64, "win_rate_low": 0.57, "win_rate_high": 0.70, "ties": 12, "kl_to_reference": 2.1, "reward_model_score": 0.8},
                 "reference": {"reward_model_score": 0.1}}
                """);
        StringBuilder ppo = new StringBuilder("iteration,objective/rlhf_reward,objective/kl,objective/entropy,policy/clipfrac_avg,"
                + "policy/approxkl_avg,loss/policy_avg,loss/value_avg,val/clipfrac_avg\n");
        for (int i = 1; i <= 15; i++) {
            ppo.append(String.format(java.util.Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%.5f,%.4f,%.4f,%.4f%n", i, 1 - Math.exp(-i / 5.0),
                    0.15 * i, 3.0 - 0.05 * i, 0.1 + 0.01 * (i % 3), 0.002 * i, -0.01 * i, 0.5 * Math.exp(-i / 4.0), 0.05));
        }
        write(run.resolve("checkpoints/rlhf/metrics/ppo.csv"), ppo.toString());
        return run;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a test run over
        }
    }
}
