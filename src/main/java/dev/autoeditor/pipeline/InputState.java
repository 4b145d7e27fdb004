package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A phase's inputs as they are now, and the reasons (if any) its recorded outputs are stale.
 *
 * @param hash SHA-256 over the parts
 * @param parts "format", "config" and "upstream:PHASE" to their hashes
 * @param configValues the config keys the phase reads and their values
 * @param missingUpstream upstream phases that have not finished
 */
record InputState(String hash, Map<String, String> parts, Map<String, Object> configValues, List<String> missingUpstream) {

    /**
     * Computes a phase's inputs from the config and the outputs recorded in the manifest of the
     * upstream phases it reads under this config ({@link PhaseRegistry#effectiveUpstream}).
     */
    static InputState of(Phase phase, Config config, Manifest manifest, PhaseRegistry registry) {
        Map<String, String> parts = new TreeMap<>();
        parts.put("format", phase.name() + "/" + phase.formatVersion());
        List<String> keys = phase.configKeys(config);
        parts.put("config", config.hashOf(keys));
        Map<String, Object> values = new TreeMap<>();
        for (String k : keys) values.put(k, config.get(k));
        phase.externalInputs(config).forEach((name, hash) -> parts.put("external:" + name, hash));
        List<String> missing = new ArrayList<>();
        for (String up : registry.effectiveUpstream(phase, config)) {
            PhaseRecord rec = manifest.get(up);
            if (rec == null || rec.status != PhaseRecord.Status.DONE) {
                missing.add(up);
                continue;
            }
            parts.put("upstream:" + up, Hashing.sha256(new TreeMap<>(rec.outputs).toString()));
        }
        return new InputState(Hashing.sha256(parts.toString()), parts, values, missing);
    }

    /** Why the recorded run of {@code phase} cannot be reused; empty when it is done and up to date. */
    List<String> staleReasons(Phase phase, PhaseRecord rec, RunLayout layout) {
        List<String> reasons = new ArrayList<>();
        if (rec == null) {
            reasons.add("never run");
            return reasons;
        }
        if (rec.status == PhaseRecord.Status.DISABLED) {
            reasons.add("switched on since the last run");
            return reasons;
        }
        if (RUNNING_OR_FAILED.contains(rec.status)) {
            reasons.add(rec.status == PhaseRecord.Status.RUNNING ? "interrupted" : "failed: " + rec.error);
        }
        if (!hash.equals(rec.inputHash)) reasons.addAll(changedParts(rec));
        if (reasons.isEmpty()) reasons.addAll(damagedOutputs(phase, rec, layout));
        return reasons;
    }

    private static final List<PhaseRecord.Status> RUNNING_OR_FAILED = List.of(PhaseRecord.Status.RUNNING, PhaseRecord.Status.FAILED);

    private List<String> changedParts(PhaseRecord rec) {
        List<String> reasons = new ArrayList<>();
        Map<String, String> before = rec.inputs == null ? Map.of() : rec.inputs;
        if (!parts.get("format").equals(before.get("format"))) reasons.add("format version changed");
        if (!parts.get("config").equals(before.get("config"))) {
            List<String> changed = new ArrayList<>();
            Map<String, Object> old = rec.config == null ? Map.of() : rec.config;
            for (var e : configValues.entrySet()) {
                if (!old.containsKey(e.getKey()) || !String.valueOf(old.get(e.getKey())).equals(String.valueOf(e.getValue()))) {
                    changed.add(e.getKey());
                }
            }
            for (String k : old.keySet()) if (!configValues.containsKey(k)) changed.add(k);
            reasons.add("settings changed: " + (changed.isEmpty() ? "(keys read)" : String.join(", ", changed)));
        }
        for (var e : parts.entrySet()) {
            if (e.getKey().startsWith("upstream:") && !e.getValue().equals(before.get(e.getKey()))) {
                reasons.add("outputs of " + e.getKey().substring("upstream:".length()) + " changed");
            }
        }
        for (String k : before.keySet()) {
            // A model phase switched off or on changes which model a later phase starts from.
            if (k.startsWith("upstream:") && !parts.containsKey(k)) reasons.add("no longer reads " + k.substring("upstream:".length()));
        }
        for (var e : parts.entrySet()) {
            if (e.getKey().startsWith("external:") && !e.getValue().equals(before.get(e.getKey()))) {
                reasons.add("content of " + e.getKey().substring("external:".length()) + " changed");
            }
        }
        if (reasons.isEmpty()) reasons.add("inputs changed");
        return reasons;
    }

    private static List<String> damagedOutputs(Phase phase, PhaseRecord rec, RunLayout layout) {
        List<String> reasons = new ArrayList<>();
        for (String out : phase.outputs()) {
            Path p = layout.resolve(out);
            String recorded = rec.outputs == null ? null : rec.outputs.get(out);
            if (!Files.exists(p)) {
                reasons.add("output " + out + " is missing");
            } else if (recorded == null || !recorded.equals(hashOrNull(p))) {
                reasons.add("output " + out + " changed since it was made");
            }
        }
        return reasons;
    }

    static String hashOrNull(Path p) {
        try {
            return Hashing.sha256Tree(p);
        } catch (IOException e) {
            return null;
        }
    }
}
