package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sections made of a phase's checkpoints/PHASE/summary.json: distillation (teacher, student and
 * scratch), fine-tuning (before, after and scratch), RLHF (pairs, reward model, policy against the
 * reference, and the PPO curves from checkpoints/rlhf/metrics/ppo.csv or .jsonl), and any other
 * phase that writes a summary.json. Each is present when its file exists.
 */
final class PhaseSummarySection {
    static final String RLHF_METRICS = "checkpoints/rlhf/metrics";
    /** Columns of the PPO metrics that index rows rather than measure something. */
    private static final Set<String> PPO_INDEX = Set.of("iteration", "step", "epoch", "time", "seconds");

    private PhaseSummarySection() {}

    static Optional<Section> distillation(RunFiles files) {
        return summary(files, "distill", "distillation", "Distillation",
                "The student beside its teacher and the same architecture trained from scratch, on the test split.");
    }

    static Optional<Section> finetuning(RunFiles files) {
        return summary(files, "finetune", "finetuning", "Fine-tuning",
                "The starting model as it came, after fine-tuning, and trained on the house style alone, on the house style's test split.");
    }

    static Optional<Section> rlhf(RunFiles files) {
        boolean summary = files.exists("checkpoints/rlhf/summary.json");
        MetricsTable ppo = MetricsTable.readEither(files.resolve(RLHF_METRICS), "ppo", files);
        if (!summary && ppo == null) return Optional.empty();
        List<String> problems = new ArrayList<>();
        Html h = new Html();
        if (summary) {
            files.json("checkpoints/rlhf/summary.json", problems).ifPresent(s -> h.raw(SummaryTables.render(s)));
        }
        if (ppo != null) {
            problems.addAll(ppo.problems());
            h.heading(3, "PPO, per iteration (" + ppo.name() + ")");
            h.grid(ppoCharts(ppo));
        }
        return Optional.of(new Section("rlhf", "RLHF", withProblemsFirst(problems, h), problems));
    }

    /** Summaries of phases not named above (checkpoints/NAME/summary.json), one section each. */
    static List<Section> others(RunFiles files, List<String> phaseOrder) {
        Path root = files.resolve("checkpoints");
        if (!Files.isDirectory(root)) return List.of();
        List<Path> found;
        try (Stream<Path> s = Files.list(root)) {
            found = s.filter(d -> Files.isRegularFile(d.resolve("summary.json")))
                    .filter(d -> !Set.of("distill", "finetune", "rlhf").contains(d.getFileName().toString()))
                    .sorted(Comparator.comparingInt((Path d) -> {
                        int i = phaseOrder.indexOf(d.getFileName().toString());
                        return i < 0 ? Integer.MAX_VALUE : i;
                    }).thenComparing(Path::toString)).toList();
        } catch (IOException e) {
            return List.of();
        }
        List<Section> out = new ArrayList<>();
        for (Path d : found) {
            String phase = d.getFileName().toString();
            summary(files, phase, "summary-" + phase, "Summary of " + phase, null).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Section> summary(RunFiles files, String phase, String id, String title, String intro) {
        String file = "checkpoints/" + phase + "/summary.json";
        if (!files.exists(file)) return Optional.empty();
        List<String> problems = new ArrayList<>();
        Html h = new Html();
        if (intro != null) h.p(intro + " (" + file + ")");
        Optional<JsonNode> doc = files.json(file, problems);
        if (doc.isPresent() && !doc.get().isObject()) {
            problems.add(file + " holds a JSON " + doc.get().getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                    + ", not an object of results; the " + phase + " phase must be run again");
        } else {
            doc.ifPresent(d -> h.raw(SummaryTables.render(d)));
        }
        return Optional.of(new Section(id, title, withProblemsFirst(problems, h), problems));
    }

    private static String withProblemsFirst(List<String> problems, Html body) {
        return new Html().problems(problems).toString() + body;
    }

    private static List<ChartImage> ppoCharts(MetricsTable ppo) {
        String xName = ppo.has("iteration") ? "iteration" : ppo.has("step") ? "step" : null;
        double[] x = xName != null ? ppo.values(xName) : new double[ppo.size()];
        if (xName == null) for (int i = 0; i < x.length; i++) x[i] = i + 1;
        String xLabel = xName == null ? "row" : xName;
        List<ChartImage> out = new ArrayList<>();
        for (String c : ppo.columns()) {
            if (PPO_INDEX.contains(c) || !ppo.numeric(c)) continue;
            out.add(Charts.lines(c, xLabel, c, List.of(new Charts.Series(c, x, ppo.values(c))), List.of(), false));
        }
        return out;
    }
}
