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
    /** The win rate against the reference measured during PPO (rlhf.eval.every), with its Wilson interval. */
    static final String WIN_RATE = "eval/win_rate";
    static final String WIN_RATE_LOW = "eval/win_rate_low";
    static final String WIN_RATE_HIGH = "eval/win_rate_high";

    private PhaseSummarySection() {}

    static Optional<Section> distillation(RunFiles files) {
        return summary(files, "distill", "distillation", "Distillation", SummaryTables.Comparison.DISTILL,
                "The student beside its teacher and the same architecture trained from scratch, on the test split.");
    }

    static Optional<Section> finetuning(RunFiles files) {
        return summary(files, "finetune", "finetuning", "Fine-tuning", SummaryTables.Comparison.FINETUNE,
                "The starting model as it came, after fine-tuning, and trained on the house style alone, on the house style's test split.");
    }

    static Optional<Section> rlhf(RunFiles files) {
        boolean summary = files.exists("checkpoints/rlhf/summary.json");
        MetricsTable ppo = MetricsTable.readEither(files.resolve(RLHF_METRICS), "ppo", files);
        if (!summary && ppo == null) return Optional.empty();
        List<String> problems = new ArrayList<>();
        Html h = new Html();
        if (summary) {
            h.p("The tuned policy beside the model it started from (the reference), on held-out contexts; the preference pairs "
                    + "and the reward model trained on them. (checkpoints/rlhf/summary.json)");
            files.json("checkpoints/rlhf/summary.json", problems).ifPresent(s -> {
                if (!s.isObject()) {
                    problems.add(notAnObject("checkpoints/rlhf/summary.json", s, "rlhf"));
                    return;
                }
                winRate(s.path("policy")).ifPresent(h::p);
                h.raw(SummaryTables.render(s, SummaryTables.Comparison.RLHF));
            });
        }
        if (ppo != null) {
            problems.addAll(ppo.problems());
            h.heading(3, "PPO, per iteration (" + ppo.name() + ")");
            h.grid(ppoCharts(ppo));
            if (!ppo.numeric(WIN_RATE)) {
                h.note("The win rate was measured once, after PPO (above): this run did not measure it per iteration "
                        + "(rlhf.eval.every is 0; each measurement samples rlhf.eval.curve_contexts more continuations, docs/report.md).");
            }
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
            summary(files, phase, "summary-" + phase, "Summary of " + phase, null, null).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Section> summary(RunFiles files, String phase, String id, String title, SummaryTables.Comparison comparison,
                                             String intro) {
        String file = "checkpoints/" + phase + "/summary.json";
        if (!files.exists(file)) return Optional.empty();
        List<String> problems = new ArrayList<>();
        Html h = new Html();
        if (intro != null) h.p(intro + " (" + file + ")");
        Optional<JsonNode> doc = files.json(file, problems);
        if (doc.isPresent() && !doc.get().isObject()) {
            problems.add(notAnObject(file, doc.get(), phase));
        } else {
            doc.ifPresent(d -> h.raw(SummaryTables.render(d, comparison)));
        }
        return Optional.of(new Section(id, title, withProblemsFirst(problems, h), problems));
    }

    private static String notAnObject(String file, JsonNode doc, String phase) {
        return file + " holds a JSON " + doc.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                + ", not an object of results; the " + phase + " phase must be run again";
    }

    private static String withProblemsFirst(List<String> problems, Html body) {
        return new Html().problems(problems).toString() + body;
    }

    /** The win rate in one sentence, from summary.json's policy object; empty when it has none. */
    static Optional<String> winRate(JsonNode policy) {
        double rate = Json.number(policy.get("win_rate"));
        if (!Double.isFinite(rate)) return Optional.empty();
        StringBuilder s = new StringBuilder("Win rate of the tuned policy over the reference: ").append(Html.number(rate));
        double low = Json.number(policy.get("win_rate_low"));
        double high = Json.number(policy.get("win_rate_high"));
        if (Double.isFinite(low) && Double.isFinite(high)) s.append(" (95% interval ").append(Html.number(low)).append(" to ").append(Html.number(high)).append(')');
        if (policy.path("contexts").isNumber()) {
            s.append(" on ").append(policy.path("contexts").asInt()).append(" held-out contexts");
            if (policy.path("wins").isNumber()) {
                s.append(": ").append(policy.path("wins").asInt()).append(" wins, ").append(policy.path("ties").asInt()).append(" ties, ")
                        .append(policy.path("losses").asInt()).append(" losses");
            }
        }
        s.append(", judged by the rule judge (a tie counts one half)");
        double kl = Json.number(policy.get("kl_to_reference"));
        if (Double.isFinite(kl)) s.append("; KL to the reference ").append(Html.number(kl)).append(" nats per continuation");
        return Optional.of(s.append('.').toString());
    }

    /** PPO's columns charted first, in this order: what PPO maximises, the score, the KL it pays, the KL weight. */
    static final List<String> PPO_FIRST = List.of("objective/rlhf_reward", "objective/scores", "objective/kl", WIN_RATE, "beta");

    private static List<ChartImage> ppoCharts(MetricsTable ppo) {
        String xName = ppo.has("iteration") ? "iteration" : ppo.has("step") ? "step" : null;
        double[] x = xName != null ? ppo.values(xName) : new double[ppo.size()];
        if (xName == null) for (int i = 0; i < x.length; i++) x[i] = i + 1;
        String xLabel = xName == null ? "row" : xName;
        List<String> order = new ArrayList<>();
        for (String c : PPO_FIRST) if (ppo.has(c)) order.add(c);
        for (String c : ppo.columns()) if (!order.contains(c)) order.add(c);
        List<ChartImage> out = new ArrayList<>();
        for (String c : order) {
            if (PPO_INDEX.contains(c) || c.equals(WIN_RATE_LOW) || c.equals(WIN_RATE_HIGH) || !ppo.numeric(c)) continue;
            List<Charts.Series> series = new ArrayList<>(List.of(new Charts.Series(c, x, ppo.values(c))));
            // The win rate with its interval, where the phase measured it during PPO.
            if (c.equals(WIN_RATE) && ppo.numeric(WIN_RATE_LOW) && ppo.numeric(WIN_RATE_HIGH)) {
                series.add(new Charts.Series("95% interval, low", x, ppo.values(WIN_RATE_LOW), false));
                series.add(new Charts.Series("95% interval, high", x, ppo.values(WIN_RATE_HIGH), false));
            }
            out.add(Charts.lines(c, xLabel, c, series, List.of(), false));
        }
        return out;
    }
}
