package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run at a glance, from manifest.json and config.resolved.yaml: every phase with its status
 * (phases the pipeline has but the manifest does not yet know are "pending"), duration, attempts and
 * input hash; the settings that differ from the defaults; the machine and backend.
 */
final class GlanceSection {
    static final String ID = "glance";
    static final String TITLE = "Run at a glance";

    private GlanceSection() {}

    /** @param self the phase writing this page (its manifest record says "running"), or null */
    static Optional<Section> build(RunFiles files, List<String> phaseOrder, String self) {
        boolean hasManifest = files.exists("manifest.json");
        boolean hasConfig = files.exists("config.resolved.yaml");
        if (!hasManifest && !hasConfig) return Optional.empty();
        List<String> problems = new ArrayList<>();
        Html h = new Html();
        JsonNode phases = null;
        if (hasManifest) {
            Optional<JsonNode> manifest = files.json("manifest.json", problems);
            if (manifest.isPresent()) {
                phases = manifest.get().path("phases");
                h.p(verdict(phases, phaseOrder, self) + "  Last written by " + manifest.get().path("tool").asText("?") + " at "
                        + time(manifest.get().path("updatedAt").asText("?")) + ".");
            }
        } else {
            problems.add("manifest.json is missing: no phase has been recorded in " + files.root());
        }
        h.problems(problems);
        if (phases != null) {
            h.table(List.of("phase", "status", "duration", "attempts", "started", "input hash", "detail"), phaseRows(phases, phaseOrder, self));
            h.details("Input and output hashes of every phase", hashTable(phases));
        }
        List<String> configProblems = new ArrayList<>();
        h.heading(3, "Settings that differ from the defaults");
        h.raw(configDiff(files, configProblems));
        h.problems(configProblems);
        problems.addAll(configProblems);
        h.heading(3, "Machine and backend");
        h.raw(Machine.describe(files));
        return Optional.of(new Section(ID, TITLE, h.toString(), problems));
    }

    /** One sentence on the state of the whole run. */
    private static String verdict(JsonNode phases, List<String> phaseOrder, String self) {
        double seconds = 0;
        List<String> failed = new ArrayList<>();
        List<String> running = new ArrayList<>();
        for (var it = phases.fields(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().equals(self)) continue;
            seconds += e.getValue().path("seconds").asDouble(0);
            String status = e.getValue().path("status").asText("");
            if (status.equals("failed")) failed.add(e.getKey());
            if (status.equals("running")) running.add(e.getKey());
        }
        long pending = phaseOrder.stream().filter(p -> !p.equals(self) && !phases.has(p)).count();
        String state;
        if (!failed.isEmpty()) state = "The run failed in " + String.join(", ", failed) + ".";
        else if (!running.isEmpty()) state = "The run was interrupted (or is still running) in " + String.join(", ", running) + ".";
        else if (pending > 0) state = pending + " phase(s) have not run yet.";
        else state = "Every phase is done.";
        return state + String.format(Locale.ROOT, " Time spent in phases: %s.", duration(seconds));
    }

    private static List<List<String>> phaseRows(JsonNode phases, List<String> phaseOrder, String self) {
        Set<String> names = new LinkedHashSet<>(phaseOrder);
        phases.fieldNames().forEachRemaining(names::add);
        List<List<String>> rows = new ArrayList<>();
        for (String name : names) {
            JsonNode r = phases.get(name);
            if (name.equals(self)) {
                rows.add(List.of(name, Html.cell("<span class=\"st done\">writing</span>"), "", r == null ? "1" : r.path("attempts").asText(""),
                        r == null ? "" : time(r.path("startedAt").asText("")), "", "writing this page"));
                continue;
            }
            if (r == null) {
                rows.add(List.of(name, Html.cell("<span class=\"st pending\">pending</span>"), "", "", "", "", "has not run"));
                continue;
            }
            String status = r.path("status").asText("?");
            String shown = status.equals("running") ? "interrupted" : status;
            String hash = r.path("inputHash").asText("");
            String detail = status.equals("failed") || status.equals("running") ? r.path("error").asText("")
                    : notes(r.path("notes"));
            rows.add(List.of(name,
                    Html.cell("<span class=\"st " + Html.esc(shown) + "\">" + Html.esc(shown) + "</span>"),
                    r.has("seconds") ? duration(r.path("seconds").asDouble()) : "",
                    r.path("attempts").asText(""),
                    time(r.path("startedAt").asText("")),
                    Html.cell("<code title=\"" + Html.esc(hash) + "\">" + Html.esc(RunFiles.shortHash(hash)) + "</code>"),
                    detail));
        }
        return rows;
    }

    /** The phase's notes as "key value" pairs, scalars only, kept short. */
    private static String notes(JsonNode notes) {
        List<String> parts = new ArrayList<>();
        notes.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) parts.add(e.getKey().replace('_', ' ') + " " + Json.cell(v));
        });
        String s = String.join(", ", parts);
        return s.length() > 240 ? s.substring(0, 237) + "..." : s;
    }

    private static String hashTable(JsonNode phases) {
        List<List<String>> rows = new ArrayList<>();
        phases.fields().forEachRemaining(e -> {
            e.getValue().path("inputs").fields().forEachRemaining(i -> rows.add(List.of(e.getKey(), "input " + i.getKey(),
                    Html.cell("<code>" + Html.esc(i.getValue().asText()) + "</code>"))));
            e.getValue().path("outputs").fields().forEachRemaining(o -> rows.add(List.of(e.getKey(), "output " + o.getKey(),
                    Html.cell("<code>" + Html.esc(o.getValue().asText()) + "</code>"))));
        });
        return new Html().table(List.of("phase", "what", "SHA-256"), rows).toString();
    }

    private static String configDiff(RunFiles files, List<String> problems) {
        if (!files.exists("config.resolved.yaml")) {
            problems.add("config.resolved.yaml is missing: the run's settings are unknown");
            return "";
        }
        Map<String, Object> run;
        try {
            run = ConfigLoader.fromYaml(Files.readString(files.resolve("config.resolved.yaml"))).asMap();
        } catch (IOException | RuntimeException e) {
            problems.add("config.resolved.yaml cannot be read as settings (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "); run `auto-editor full-run` again to rewrite it");
            return "";
        }
        Config defaults = ConfigLoader.defaults();
        Map<String, Object> def = defaults.asMap();
        List<List<String>> rows = new ArrayList<>();
        for (var e : run.entrySet()) {
            String key = e.getKey();
            if (!def.containsKey(key)) {
                rows.add(List.of(key, "(not a setting of this version)", String.valueOf(e.getValue())));
            } else if (!String.valueOf(def.get(key)).equals(String.valueOf(e.getValue()))) {
                rows.add(List.of(key, String.valueOf(def.get(key)), String.valueOf(e.getValue())));
            }
        }
        List<String> newer = new ArrayList<>();
        for (String key : def.keySet()) if (!run.containsKey(key)) newer.add(key);
        Html h = new Html();
        if (rows.isEmpty()) h.p("None: the run used the defaults (config/default.yaml).");
        else h.table(List.of("setting", "default", "this run"), rows);
        if (!newer.isEmpty()) {
            h.note("Settings this version has that the run's config.resolved.yaml lacks (added since the run): " + String.join(", ", newer) + ".");
        }
        return h.toString();
    }

    /** An ISO instant to the second, readable: 2026-11-29 08:03:39Z. */
    static String time(String iso) {
        int dot = iso.indexOf('.');
        String s = dot > 0 ? iso.substring(0, dot) + "Z" : iso;
        return s.replace('T', ' ');
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "";
        if (seconds < 60) return String.format(Locale.ROOT, "%.1f s", seconds);
        long s = Math.round(seconds);
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
