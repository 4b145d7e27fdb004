package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.FolderLock;
import dev.autoeditor.util.Trees;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the phases of a run directory in order, skipping those that are done with unchanged inputs
 * and intact outputs, and redoing those whose inputs changed (and so, through their outputs, the
 * phases after them). The manifest is saved when a phase starts and when it ends; that save is the
 * commit point, so a process killed at any moment resumes from the last committed phase.
 */
public final class TrainingOrchestrator {
    private static final Logger log = LoggerFactory.getLogger(TrainingOrchestrator.class);

    /** Infix of the folder an unfinished training attempt's checkpoints are moved to when the phase starts over. */
    public static final String DISCARDED = ".discarded-";

    private final RunLayout layout;
    private final Config config;
    private final PhaseRegistry registry;
    private final List<Phase> phases;
    private final String resumeCommand;

    /**
     * @param phases        the pipeline, in order ({@link StandardPhases#all()}, or that list plus a test's phases)
     * @param resumeCommand the command line that continues this run, quoted in every failure message
     */
    public TrainingOrchestrator(RunLayout layout, Config config, List<Phase> phases, String resumeCommand) {
        this.layout = layout;
        this.config = config;
        this.registry = new PhaseRegistry(phases);
        this.phases = registry.phases();
        this.resumeCommand = resumeCommand;
    }

    /** What a run did with a phase. Printed in lower case. */
    public enum Action {
        RAN, RESUMED, SKIPPED, DISABLED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What one run did per phase.
     *
     * @param detail for a disabled phase, the setting that switched it off; otherwise empty
     */
    public record Outcome(String phase, Action action, double seconds, String detail) {}

    public List<Outcome> run(Selection selection) throws IOException, InterruptedException {
        // Two runs in one directory would overwrite each other's outputs and manifest, and so would a
        // standalone command writing into one of its folders. The OS drops the lock when the process
        // dies, however it dies, so a killed run never blocks the next.
        Set<Path> inside = new java.util.LinkedHashSet<>();
        for (Phase phase : phases) {
            for (String out : phase.outputs()) {
                Path p = layout.resolve(out);
                inside.add(p);
                if (!p.getParent().equals(layout.root())) inside.add(p.getParent());
            }
        }
        try (FolderLock lock = FolderLock.acquire(layout.root(), "use another --run-dir", List.copyOf(inside))) {
            return runLocked(selection);
        }
    }

    private List<Outcome> runLocked(Selection selection) throws IOException, InterruptedException {
        List<String> chosen = selection.choose(phases);
        checkSettings(chosen);
        Manifest manifest = Manifest.load(layout.manifest());
        checkInterruptedAttempts(chosen, manifest, selection.force());
        saveResolvedConfig();
        List<Outcome> outcomes = new ArrayList<>();
        for (Phase phase : phases) {
            if (!chosen.contains(phase.name())) {
                warnIfStaleAndUsed(phase, chosen, manifest);
                continue;
            }
            Switch state = Switch.of(phase, config);
            if (!state.enabled()) {
                if (phase.name().equals(selection.only())) {
                    throw new UserException("phase " + phase.name() + " is switched off (" + state.describe() + "); to run it, pass "
                            + state.enableHint());
                }
                outcomes.add(recordDisabled(phase, state, manifest));
                continue;
            }
            InputState inputs = InputState.of(phase, config, manifest, registry);
            if (!inputs.missingUpstream().isEmpty()) {
                String first = inputs.missingUpstream().get(0);
                Switch upstream = Switch.of(registry.get(first), config);
                if (!upstream.enabled()) {
                    throw new UserException("phase " + phase.name() + " needs the outputs of " + first + ", which is switched off ("
                            + upstream.describe() + "); pass " + upstream.enableHint() + " or switch " + phase.name() + " off too");
                }
                throw new UserException("phase " + phase.name() + " needs the outputs of " + first + ", which has not finished in "
                        + layout.root() + "; run: " + resumeCommandFrom(first));
            }
            PhaseRecord rec = manifest.get(phase.name());
            List<String> reasons = inputs.staleReasons(phase, rec, layout);
            if (reasons.isEmpty() && !selection.force()) {
                log.info("{}: up to date, skipped", phase.name());
                outcomes.add(new Outcome(phase.name(), Action.SKIPPED, 0, ""));
                continue;
            }
            boolean resume = phase.resumable() && rec != null && rec.status != PhaseRecord.Status.DONE
                    && inputs.hash().equals(rec.inputHash) && !selection.force();
            log.info("{}: {} ({})", phase.name(), resume ? "resuming from its last checkpoint" : "running",
                    selection.force() && reasons.isEmpty() ? "forced" : String.join("; ", reasons));
            if (!resume) clearOutputs(phase, rec, selection.force());
            try {
                outcomes.add(runOne(phase, inputs, manifest, resume));
            } catch (UserException failure) {
                if (chosen.contains(ReportPhase.NAME)) writeReportAfterFailure(phase, manifest);
                throw failure;
            }
        }
        return outcomes;
    }

    /**
     * Every setting of the phases about to be considered, checked before the first one runs and before
     * config.resolved.yaml is saved: a bad value of a late phase would otherwise fail only after the
     * earlier phases' work, as a phase failure whose resume command repeats the bad value.
     */
    private void checkSettings(List<String> chosen) {
        List<String> problems = new ArrayList<>();
        for (Phase phase : phases) {
            if (!chosen.contains(phase.name()) || !phase.enabled(config)) continue;
            try {
                phase.checkSettings(config);
            } catch (ConfigException e) {
                if (!problems.contains(e.getMessage())) problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(String.join("; also ", problems) + "; nothing was run");
    }

    /**
     * An interrupted (or failed) training phase resumes only with the settings it started with. When
     * they changed, its checkpoints would have to be discarded to start over: refuse (exit 2) naming the
     * settings, before any phase runs, unless --force says to start over (the checkpoints are then moved
     * aside by {@link #clearOutputs}, never deleted).
     */
    private void checkInterruptedAttempts(List<String> chosen, Manifest manifest, boolean force) {
        if (force) return;
        for (Phase phase : phases) {
            PhaseRecord rec = manifest.get(phase.name());
            if (!chosen.contains(phase.name()) || !interruptedWithOutputs(phase, rec) || !phase.enabled(config)) continue;
            Map<String, Object> now = InputState.of(phase, config, manifest, registry).configValues();
            Map<String, Object> then = rec.config == null ? Map.of() : rec.config;
            List<String> changed = new ArrayList<>();
            for (String key : new java.util.TreeSet<>(union(now.keySet(), then.keySet()))) {
                String was = then.containsKey(key) ? String.valueOf(then.get(key)) : "(unset)";
                String is = now.containsKey(key) ? String.valueOf(now.get(key)) : "(unset)";
                if (!was.equals(is)) changed.add(key + " " + was + " -> " + is);
            }
            if (changed.isEmpty()) continue;
            String checkpoint = phase.outputs().stream().map(o -> InterruptNotice.checkpointIn(layout.resolve(o)))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            throw new UserException("phase " + phase.name() + " was " + (rec.status == PhaseRecord.Status.RUNNING ? "interrupted" : "stopped by a failure")
                    + " with checkpoints in " + layout.resolve(phase.outputs().get(0))
                    + (checkpoint == null ? "" : " (newest " + checkpoint + ")") + ", and settings it reads changed since it started: "
                    + String.join(", ", changed) + "; it resumes only with the settings it started with: run again without those changes to "
                    + "resume it, or start " + phase.name() + " over with: " + resumeCommandFrom(phase.name()) + " --force (its checkpoints are "
                    + "then moved to " + phase.outputs().get(0) + DISCARDED + "<time>/, nothing is deleted)", 2, null);
        }
    }

    /** True when {@code rec} is a resumable phase's unfinished attempt that left something in its outputs. */
    private boolean interruptedWithOutputs(Phase phase, PhaseRecord rec) {
        if (!phase.resumable() || rec == null || (rec.status != PhaseRecord.Status.RUNNING && rec.status != PhaseRecord.Status.FAILED)) {
            return false;
        }
        for (String out : phase.outputs()) {
            Path p = layout.resolve(out);
            if (Files.isRegularFile(p)) return true;
            if (Files.isDirectory(p)) {
                try (var children = Files.list(p)) {
                    if (children.findAny().isPresent()) return true;
                } catch (IOException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * A run that fails still leaves its report, showing the failed and pending phases, before the
     * failure ends the command with its own code. The report is recorded as done with the inputs it
     * saw, so the next full-run finds it stale and writes it again. Nothing here may mask the failure.
     */
    private void writeReportAfterFailure(Phase failed, Manifest manifest) {
        if (failed.name().equals(ReportPhase.NAME)) return;
        Phase report = phases.stream().filter(p -> p.name().equals(ReportPhase.NAME)).findFirst().orElse(null);
        if (report == null || !report.enabled(config)) return;
        try {
            PhaseRecord rec = manifest.get(report.name());
            if (rec == null && Files.exists(layout.resolve(ReportPhase.OUTPUT))) {
                log.warn("report: not written after the failure: {} exists but was not made by this run", layout.resolve(ReportPhase.OUTPUT));
                return;
            }
            clearOutputs(report, rec, false);
            runOne(report, InputState.of(report, config, manifest, registry), manifest, false);
            log.info("report of the failed run: {}", layout.resolve(ReportPhase.OUTPUT).resolve("index.html"));
        } catch (Exception e) {
            log.warn("report: could not be written after the failure: {}", e.getMessage());
        }
    }

    /**
     * Records in the manifest that a phase is switched off, with the settings that did it. Its
     * outputs from an earlier run, if any, are left in place but no longer count: the record no
     * longer lists them, and {@link RunLayout#finalModel} passes over its model.
     */
    private Outcome recordDisabled(Phase phase, Switch state, Manifest manifest) throws IOException {
        PhaseRecord before = manifest.get(phase.name());
        boolean unchanged = before != null && before.status == PhaseRecord.Status.DISABLED && state.keys().equals(before.config);
        if (!unchanged) {
            PhaseRecord rec = new PhaseRecord();
            rec.status = PhaseRecord.Status.DISABLED;
            rec.config = new TreeMap<>(state.keys());
            rec.finishedAt = Instant.now().toString();
            manifest.phases.put(phase.name(), rec);
            orderPhases(manifest);
            manifest.save(layout.manifest());
        }
        log.info("{}: switched off ({})", phase.name(), state.describe());
        return new Outcome(phase.name(), Action.DISABLED, 0, state.describe());
    }

    /** An earlier phase left out by --only/--from whose outputs a chosen phase reads: say when they are stale. */
    private void warnIfStaleAndUsed(Phase phase, List<String> chosen, Manifest manifest) {
        PhaseRecord rec = manifest.get(phase.name());
        if (rec == null || rec.status != PhaseRecord.Status.DONE) return;
        boolean used = phases.stream().anyMatch(p -> chosen.contains(p.name()) && registry.effectiveUpstream(p, config).contains(phase.name()));
        if (!used) return;
        List<String> reasons = InputState.of(phase, config, manifest, registry).staleReasons(phase, rec, layout);
        if (!reasons.isEmpty()) {
            log.warn("{} is stale ({}) but not selected; its current outputs are used", phase.name(), String.join("; ", reasons));
        }
    }

    private Outcome runOne(Phase phase, InputState inputs, Manifest manifest, boolean resume) throws IOException, InterruptedException {
        PhaseRecord rec = manifest.phases.computeIfAbsent(phase.name(), k -> new PhaseRecord());
        int attempts = inputs.hash().equals(rec.inputHash) ? rec.attempts : 0;
        rec.status = PhaseRecord.Status.RUNNING;
        rec.inputHash = inputs.hash();
        rec.inputs = new TreeMap<>(inputs.parts());
        rec.config = new TreeMap<>(inputs.configValues());
        rec.outputs = new TreeMap<>();
        rec.notes = new TreeMap<>();
        rec.error = null;
        rec.finishedAt = null;
        rec.seconds = null;
        rec.attempts = attempts + 1;
        rec.startedAt = Instant.now().toString();
        orderPhases(manifest);
        manifest.save(layout.manifest());

        long start = System.nanoTime();
        PhaseContext context = new PhaseContext(config, layout, resume, phase, registry, manifest);
        try (var notice = dev.autoeditor.util.Interruption.whileRunning(
                () -> InterruptNotice.describe(layout, manifest.phases, phase, resumeCommand))) {
            phase.run(context);
        } catch (InterruptedException e) {
            fail(manifest, rec, start, "interrupted");
            throw e;
        } catch (Exception e) {
            boolean setting = e instanceof ConfigException;
            String message = e instanceof UserException || setting ? e.getMessage()
                    : dev.autoeditor.util.FileProblems.describe(e).orElse(e.getClass().getSimpleName() + ": " + e.getMessage());
            fail(manifest, rec, start, message);
            if (setting) {
                // A bad setting is a bad command line (exit 2); the command to go on must not repeat it.
                throw new UserException("phase " + phase.name() + " failed: " + message + "; fix the setting, then resume with: "
                        + withoutSettingsNamedIn(message), 2, e);
            }
            int code = e instanceof UserException u ? u.exitCode() : 1;
            throw new UserException("phase " + phase.name() + " failed: " + message + "; fix the cause, then resume with: " + resumeCommand,
                    code, e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (String out : phase.outputs()) {
            Path p = layout.resolve(out);
            if (!Files.exists(p)) {
                fail(manifest, rec, start, "did not write " + out);
                throw new UserException("phase " + phase.name() + " finished without writing " + p + "; resume with: " + resumeCommand);
            }
            rec.outputs.put(out, InputState.hashOrNull(p));
        }
        rec.notes = new TreeMap<>(context.notes());
        rec.status = PhaseRecord.Status.DONE;
        rec.seconds = seconds;
        rec.finishedAt = Instant.now().toString();
        manifest.save(layout.manifest());
        log.info("{}: done in {} s", phase.name(), String.format("%.1f", seconds));
        return new Outcome(phase.name(), resume ? Action.RESUMED : Action.RAN, seconds, "");
    }

    private void fail(Manifest manifest, PhaseRecord rec, long start, String message) throws IOException {
        rec.status = PhaseRecord.Status.FAILED;
        rec.error = message;
        rec.seconds = (System.nanoTime() - start) / 1e9;
        rec.finishedAt = Instant.now().toString();
        manifest.save(layout.manifest());
    }

    /**
     * Removes a phase's old outputs before a fresh start. Outputs the manifest does not know this
     * run made are the user's files: they are kept unless --force is given. The checkpoints of an
     * interrupted or failed training attempt are moved aside ({@code OUTPUT.discarded-TIME}), not
     * deleted: they may hold hours of training.
     */
    private void clearOutputs(Phase phase, PhaseRecord rec, boolean force) throws IOException {
        if (interruptedWithOutputs(phase, rec)) {
            for (String out : phase.outputs()) moveAside(phase, layout.resolve(out));
            return;
        }
        for (String out : phase.outputs()) {
            Path p = layout.resolve(out);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            if (rec == null && !force) {
                throw new UserException(p + " exists but was not made by this run (manifest.json has no record of "
                        + phase.name() + "); pass --force to replace it, or choose another --run-dir");
            }
            Trees.delete(p);
        }
    }

    /** Moves {@code p} to a sibling named {@code NAME.discarded-TIME} (UTC, to the second), saying where. */
    private static void moveAside(Phase phase, Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        Path target = p.resolveSibling(p.getFileName() + DISCARDED + stamp);
        for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) target = p.resolveSibling(p.getFileName() + DISCARDED + stamp + "-" + n);
        AtomicFiles.move(p, target);
        log.warn("{}: starting over; the unfinished attempt's {} was moved to {} (delete it when it is no longer wanted)",
                phase.name(), p.getFileName(), target);
    }

    /** Lists each phase's state against the current settings, and what a plain full-run would run. */
    public List<PhaseStatus> status() {
        Manifest manifest = Manifest.load(layout.manifest());
        List<PhaseStatus> result = new ArrayList<>();
        Set<String> willRun = new HashSet<>();
        for (Phase phase : phases) {
            PhaseRecord rec = manifest.get(phase.name());
            Switch switched = Switch.of(phase, config);
            if (!switched.enabled()) {
                result.add(new PhaseStatus(phase.name(), PhaseStatus.State.DISABLED, List.of(switched.describe()), false, rec));
                continue;
            }
            InputState inputs = InputState.of(phase, config, manifest, registry);
            List<String> reasons = new ArrayList<>(inputs.staleReasons(phase, rec, layout));
            for (String up : registry.effectiveUpstream(phase, config)) {
                if (willRun.contains(up) && !reasons.contains("never run")) reasons.add(up + " will run first");
            }
            if (phase.resumable() && rec != null && rec.status != PhaseRecord.Status.DONE && inputs.hash().equals(rec.inputHash)) {
                reasons.add("will resume from its last checkpoint");
            }
            reasons = reasons.stream().distinct().toList();
            PhaseStatus.State state;
            if (rec == null || rec.status == PhaseRecord.Status.DISABLED) state = PhaseStatus.State.PENDING;
            else if (rec.status == PhaseRecord.Status.RUNNING) state = PhaseStatus.State.INTERRUPTED;
            else if (rec.status == PhaseRecord.Status.FAILED) state = PhaseStatus.State.FAILED;
            else state = reasons.isEmpty() ? PhaseStatus.State.DONE : PhaseStatus.State.STALE;
            if (!reasons.isEmpty()) willRun.add(phase.name());
            result.add(new PhaseStatus(phase.name(), state, reasons, !reasons.isEmpty(), rec));
        }
        return result;
    }

    /** Writes the resolved settings beside the manifest, logging which keys differ from the last run's. */
    private void saveResolvedConfig() throws IOException {
        Path file = layout.resolvedConfig();
        String yaml = config.toYaml();
        if (Files.exists(file)) {
            String before = Files.readString(file);
            if (before.equals(yaml)) return;
            try {
                Config old = dev.autoeditor.config.ConfigLoader.fromYaml(before);
                List<String> changed = new ArrayList<>();
                for (var e : config.asMap().entrySet()) {
                    Object was = old.has(e.getKey()) ? old.get(e.getKey()) : null;
                    if (!String.valueOf(was).equals(String.valueOf(e.getValue()))) changed.add(e.getKey());
                }
                if (!changed.isEmpty()) log.info("settings changed since the last run: {}", String.join(", ", changed));
            } catch (RuntimeException e) {
                log.debug("previous {} unreadable", file, e);
            }
        }
        AtomicFiles.writeString(file, yaml);
    }

    private void orderPhases(Manifest manifest) {
        var ordered = new java.util.LinkedHashMap<String, PhaseRecord>();
        for (Phase p : phases) if (manifest.phases.containsKey(p.name())) ordered.put(p.name(), manifest.phases.get(p.name()));
        manifest.phases.forEach(ordered::putIfAbsent);
        manifest.phases = ordered;
    }

    /**
     * Whether a phase is enabled, and the settings its {@link Phase#enabled} read to decide (recorded
     * in the manifest and quoted in messages, so "disabled" always says by what).
     */
    private record Switch(boolean enabled, Map<String, Object> keys) {
        static Switch of(Phase phase, Config config) {
            List<String> read = new ArrayList<>();
            boolean enabled = phase.enabled(config.recording(read::add));
            Map<String, Object> keys = new TreeMap<>();
            for (String k : read) keys.put(k, config.get(k));
            return new Switch(enabled, keys);
        }

        String describe() {
            if (keys.isEmpty()) return "by the phase itself";
            List<String> parts = new ArrayList<>();
            keys.forEach((k, v) -> parts.add(k + " is " + v));
            return String.join(", ", parts);
        }

        String enableHint() {
            List<String> sets = new ArrayList<>();
            keys.forEach((k, v) -> sets.add(v instanceof Boolean b ? "--set " + k + "=" + !b : "other values of --set " + k));
            return sets.isEmpty() ? "other settings" : String.join(" ", sets);
        }
    }

    /** The resume command without the {@code --set KEY=VALUE} of each config key the message names. */
    private String withoutSettingsNamedIn(String message) {
        String command = resumeCommand;
        java.util.regex.Matcher keys = java.util.regex.Pattern.compile("'([a-z0-9_]+(?:\\.[a-z0-9_]+)+)'").matcher(message);
        while (keys.find()) {
            String key = java.util.regex.Pattern.quote(keys.group(1));
            command = command.replaceAll(" --set (" + key + "=\\S*|'" + key + "=([^']|'\\\\'')*')", "");
        }
        return command;
    }

    private String resumeCommandFrom(String phase) {
        return resumeCommand.replaceAll(" --(only|from) \\S+", "") + " --from " + phase;
    }
}
