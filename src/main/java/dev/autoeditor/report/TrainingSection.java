package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Training, per phase: every folder under checkpoints/ whose metrics/ holds steps or epochs files
 * (the format {@code train.MetricsWriter} writes). Loss parts are the columns named {@code loss*} in
 * the steps file and {@code train_loss*} / {@code val_loss*} in the epochs file, so a phase with a new
 * loss part (a distillation term, say) gets its curve without a change here; every other numeric
 * column gets a small chart of its own.
 */
final class TrainingSection {
    static final String ID = "training";
    static final String TITLE = "Training";
    /** Columns that index rows or are drawn elsewhere, never charted on their own. */
    private static final Set<String> STEP_SKIP = Set.of("epoch", "step", "windows", "lr", "grad_norm");
    private static final Set<String> EPOCH_SKIP = Set.of("epoch", "step", "lr", "windows", "seconds", "improved");

    private TrainingSection() {}

    /** A training phase's folder and its two metrics tables (either may be null). */
    record Phase(String name, Path dir, MetricsTable steps, MetricsTable epochs) {}

    static Optional<Section> build(RunFiles files, List<String> phaseOrder) {
        List<Phase> phases = discover(files, phaseOrder);
        if (phases.isEmpty()) return Optional.empty();
        Html h = new Html();
        List<String> problems = new ArrayList<>();
        List<String> manifestProblems = new ArrayList<>();
        JsonNode manifest = files.exists("manifest.json") ? files.json("manifest.json", manifestProblems).orElse(null) : null;
        for (Phase p : phases) {
            List<String> own = new ArrayList<>();
            if (p.steps() != null) own.addAll(p.steps().problems());
            if (p.epochs() != null) own.addAll(p.epochs().problems());
            h.raw("<h3 id=\"training-" + Html.esc(p.name().replace('/', '-')) + "\">" + Html.esc(p.name()) + "</h3>\n");
            h.problems(own);
            JsonNode notes = manifest == null ? null : manifest.path("phases").path(p.name()).path("notes");
            List<String> factProblems = new ArrayList<>();
            Facts facts = facts(files, p, notes, factProblems);
            h.table(List.of("", p.name()), facts.rows());
            h.problems(factProblems);
            h.grid(charts(p, facts));
            problems.addAll(own);
            problems.addAll(factProblems);
        }
        return Optional.of(new Section(ID, TITLE, h.toString(), problems));
    }

    /** Training folders in pipeline order, then any others by name; nested ones (checkpoints/rlhf/reward) too. */
    static List<Phase> discover(RunFiles files, List<String> phaseOrder) {
        Path root = files.resolve("checkpoints");
        if (!Files.isDirectory(root)) return List.of();
        List<Path> metricsDirs;
        try (Stream<Path> walk = Files.walk(root, 4)) {
            metricsDirs = walk.filter(d -> d.getFileName().toString().equals("metrics") && Files.isDirectory(d))
                    .filter(d -> Stream.of("steps.csv", "steps.jsonl", "epochs.csv", "epochs.jsonl").anyMatch(f -> Files.isRegularFile(d.resolve(f))))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
        List<Phase> phases = new ArrayList<>();
        for (Path m : metricsDirs) {
            Path dir = m.getParent();
            String name = root.relativize(dir).toString().replace('\\', '/');
            phases.add(new Phase(name, dir, MetricsTable.readEither(m, "steps", files), MetricsTable.readEither(m, "epochs", files)));
        }
        phases.sort(Comparator.comparingInt((Phase p) -> {
            int i = phaseOrder.indexOf(p.name().split("/")[0]);
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(Phase::name));
        return phases;
    }

    /** What the facts table says, and the steps the charts mark. */
    private record Facts(List<List<String>> rows, double bestStep, double stopStep) {}

    private static Facts facts(RunFiles files, Phase p, JsonNode notes, List<String> problems) {
        List<List<String>> rows = new ArrayList<>();
        MetricsTable e = p.epochs();
        MetricsTable s = p.steps();
        double lastStep = Double.NaN;
        if (s != null && s.size() > 0) lastStep = last(s.values("step"));
        if (e != null && e.size() > 0) {
            rows.add(List.of("epochs finished", Integer.toString(e.size())));
            lastStep = Double.isFinite(lastStep) ? Math.max(lastStep, last(e.values("step"))) : last(e.values("step"));
        }
        if (Double.isFinite(lastStep)) rows.add(List.of("optimisation steps", Html.number(lastStep)));
        double bestStep = Double.NaN;
        if (e != null && e.has("improved") && e.has("step")) {
            double[] improved = e.values("improved");
            double[] steps = e.values("step");
            double[] val = e.has("val_loss") ? e.values("val_loss") : null;
            for (int i = 0; i < improved.length; i++) {
                if (improved[i] == 1) bestStep = steps[i];
            }
            if (Double.isFinite(bestStep) && val != null) {
                for (int i = 0; i < steps.length; i++) {
                    if (steps[i] == bestStep) rows.add(List.of("best epoch (lowest validation loss)",
                            "epoch " + Html.number(e.values("epoch")[i]) + ", step " + Html.number(bestStep) + ", val_loss " + Html.number(val[i])));
                }
            }
        }
        Path best = p.dir().resolve("best.json");
        if (Files.isRegularFile(best)) {
            files.json(best, problems).ifPresent(doc -> {
                // Checkpoint format 2 keeps the training state under "training"; format 1 had it at the top.
                JsonNode b = doc.path("training").isObject() ? doc.path("training") : doc;
                rows.add(List.of("best checkpoint", files.name(best) + ": step " + b.path("step").asText("?") + ", validation loss "
                        + Json.cell(b.path("val_loss")) + (b.has("epochs_done") ? ", after " + b.path("epochs_done").asText() + " epochs" : "")));
            });
        }
        double stopStep = Double.NaN;
        if (notes != null && notes.has("stopped_early")) {
            boolean early = notes.path("stopped_early").asBoolean();
            rows.add(List.of("early stopping", early ? "stopped early at step " + Html.number(lastStep)
                    + " (validation loss stopped improving)" : "did not trigger: training ran its configured length"));
            if (early) stopStep = lastStep;
        } else {
            rows.add(List.of("early stopping", "not recorded in manifest.json for " + p.name()));
        }
        if (notes != null && notes.has("parameters")) rows.add(List.of("parameters", Json.cell(notes.path("parameters"))));
        if (e != null && e.has("windows_per_s") && e.size() > 0) rows.add(List.of("windows per second (last epoch)", Html.number(last(e.values("windows_per_s")))));
        return new Facts(rows, bestStep, stopStep);
    }

    private static List<ChartImage> charts(Phase p, Facts facts) {
        List<ChartImage> out = new ArrayList<>();
        MetricsTable s = p.steps();
        MetricsTable e = p.epochs();
        List<Charts.Marker> markers = new ArrayList<>();
        if (Double.isFinite(facts.bestStep())) markers.add(new Charts.Marker(facts.bestStep(), "best"));
        if (Double.isFinite(facts.stopStep())) markers.add(new Charts.Marker(facts.stopStep(), "early stop"));
        Set<String> parts = new LinkedHashSet<>();
        if (s != null) for (String c : s.columns()) if (c.startsWith("loss")) parts.add(c);
        if (e != null) {
            for (String c : e.columns()) {
                if (c.startsWith("train_loss")) parts.add(c.substring("train_".length()));
                if (c.startsWith("val_loss")) parts.add(c.substring("val_".length()));
            }
        }
        for (String part : parts) {
            List<Charts.Series> series = new ArrayList<>();
            if (s != null && s.numeric(part)) series.add(new Charts.Series("train, per step", s.values("step"), s.values(part), false));
            if (e != null && e.numeric("train_" + part)) series.add(new Charts.Series("train, epoch mean", e.values("step"), e.values("train_" + part)));
            if (e != null && e.numeric("val_" + part)) series.add(new Charts.Series("validation", e.values("step"), e.values("val_" + part)));
            if (series.isEmpty()) continue;
            out.add(Charts.lines(p.name() + ": " + part, "step", part, series, markers, false));
        }
        if (s != null && s.numeric("lr")) {
            out.add(Charts.lines(p.name() + ": learning rate", "step", "lr", List.of(new Charts.Series("lr", s.values("step"), s.values("lr"))), markers, false));
        } else if (e != null && e.numeric("lr")) {
            out.add(Charts.lines(p.name() + ": learning rate", "step", "lr", List.of(new Charts.Series("lr", e.values("step"), e.values("lr"))), markers, false));
        }
        if (s != null && s.numeric("grad_norm")) {
            double[] g = s.values("grad_norm");
            out.add(Charts.lines(p.name() + ": gradient norm (before clipping)", "step", "grad_norm",
                    List.of(new Charts.Series("grad_norm", s.values("step"), g)), markers, spansDecades(g)));
        }
        if (s != null) {
            for (String c : s.columns()) {
                if (STEP_SKIP.contains(c) || c.startsWith("loss") || !s.numeric(c)) continue;
                out.add(Charts.lines(p.name() + ": " + c, "step", c, List.of(new Charts.Series(c, s.values("step"), s.values(c))), markers, false));
            }
        }
        if (e != null) {
            Set<String> paired = new LinkedHashSet<>();
            for (String c : e.columns()) {
                if (EPOCH_SKIP.contains(c) || !e.numeric(c)) continue;
                String base = c.startsWith("train_") ? c.substring(6) : c.startsWith("val_") ? c.substring(4) : null;
                if (base != null && base.startsWith("loss")) continue;
                if (base != null) {
                    if (!paired.add(base)) continue;
                    List<Charts.Series> series = new ArrayList<>();
                    if (e.numeric("train_" + base)) series.add(new Charts.Series("train", e.values("step"), e.values("train_" + base)));
                    if (e.numeric("val_" + base)) series.add(new Charts.Series("validation", e.values("step"), e.values("val_" + base)));
                    out.add(Charts.lines(p.name() + ": " + base + " per epoch", "step", base, series, markers, false));
                } else if (s == null || !s.has(c)) {
                    out.add(Charts.lines(p.name() + ": " + c + " per epoch", "step", c, List.of(new Charts.Series(c, e.values("step"), e.values(c))), markers, false));
                }
            }
        }
        return out;
    }

    private static boolean spansDecades(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double x : v) {
            if (Double.isFinite(x) && x > 0) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return hi > 0 && hi / lo > 100;
    }

    private static double last(double[] v) {
        for (int i = v.length - 1; i >= 0; i--) if (Double.isFinite(v[i])) return v[i];
        return Double.NaN;
    }
}
