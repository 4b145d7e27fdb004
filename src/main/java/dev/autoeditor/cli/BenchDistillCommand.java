package dev.autoeditor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.generate.BatchOneGeneration;
import dev.autoeditor.train.distill.DistillBench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code auto-editor bench distill}: checkpoints side by side on a corpus's test split (size, speed,
 * cut F1 and AP, MAE, motion MAE, asset accuracy), and with a teacher and students the issue-12 targets
 * with a bootstrap interval. bench/distill.sh calls it; docs/distill.md shows the results.
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = {"Score checkpoints side by side on the test split of --data: parameters, windows/s, batch-1 frames/s, "
                + "cut F1 and AP, MAE, motion MAE, asset accuracy; each model's cut threshold tuned on the validation split.",
                "With --teacher and --student (and --scratch): the distillation targets, mean student cut F1 over the teacher's "
                + "with a bootstrap interval over test windows. --json appends the result as one line."})
public final class BenchDistillCommand extends BaseCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder written by `auto-editor window`.")
    Path data;

    @Option(names = "--teacher", paramLabel = "CKPT", description = "The teacher's checkpoint.")
    Path teacher;

    @Option(names = "--student", paramLabel = "CKPT", description = "A distilled student (repeat for seeds).")
    List<Path> students = new ArrayList<>();

    @Option(names = "--scratch", paramLabel = "CKPT", description = "A student trained from scratch (repeat for seeds).")
    List<Path> scratch = new ArrayList<>();

    @Option(names = "--model", paramLabel = "CKPT", description = "Any other checkpoint to score (a capacity curve).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples of the test windows (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--label", paramLabel = "TEXT", description = "A name for this measurement in the --json line.")
    String label;

    @Option(names = "--json", paramLabel = "FILE", description = "Append the result as one JSON line to FILE.")
    Path json;

    @Override
    protected int run() throws Exception {
        // A line appended by another command meanwhile could interleave with this one's (a line is written in pieces).
        try (OutputLocks locks = OutputLocks.forFiles("append to another file (--json)", json)) {
            return score();
        }
    }

    private int score() throws Exception {
        var cfg = config();
        Map<String, Object> doc = DistillBench.run(data, new DistillBench.Models(teacher, students, scratch, models), cfg, bootstrap,
                cfg.getInt("distill.speed_runs", 1, 1000), BatchOneGeneration.from(cfg, cfg.getInt("distill.speed_frames", 1, 100_000)));
        if (label != null) {
            Map<String, Object> labelled = new java.util.LinkedHashMap<>();
            labelled.put("label", label);
            labelled.putAll(doc);
            doc = labelled;
        }
        out().print(table(doc));
        if (json != null) {
            if (json.getParent() != null) Files.createDirectories(json.getParent());
            Files.writeString(json, JSON.writeValueAsString(doc) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            summary().println("appended to " + json);
        }
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> doc) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-8s %10s %9s %9s %7s %7s %8s %8s %7s  %s%n", "role", "params", "win/s", "frames/s", "cut F1", "cut AP", "MAE",
                "motion", "asset", "checkpoint"));
        for (Map<String, Object> m : (List<Map<String, Object>>) doc.get("models")) {
            b.append(String.format("%-8s %10d %9.1f %9.1f %7.4f %7.4f %8.5f %8s %7.4f  %s%n", m.get("role"), ((Number) m.get("parameters")).longValue(),
                    d(m, "windows_per_s"), d(m, "frames_per_s_batch1"), d(m, "cut_f1"), d(m, "cut_ap"), d(m, "mae_normalised"),
                    m.get("motion_mae_normalised") == null ? "-" : String.format("%.5f", d(m, "motion_mae_normalised")), d(m, "asset_accuracy"),
                    m.get("checkpoint")));
        }
        Object c = doc.get("comparison");
        if (c instanceof Map<?, ?> comparison) {
            comparison.forEach((k, v) -> b.append(String.format("  %-34s %s%n", k, v instanceof Double x ? String.format("%.4f", x) : v)));
        }
        return b.toString();
    }

    private static double d(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
