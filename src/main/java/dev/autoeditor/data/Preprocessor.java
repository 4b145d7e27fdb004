package dev.autoeditor.data;

import dev.autoeditor.config.Config;
import dev.autoeditor.timeline.table.ConvertProvenance;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.OrderedMaps;
import dev.autoeditor.util.Progress;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code preprocess}: splits the projects of a keyframe CSV into train, validation and test and fits
 * the normaliser on the training split ({@code preprocess.normaliser: fit}), or takes it unchanged
 * from a trained model ({@code from_model}: fine-tuning data must be normalised as the model's was).
 * The CSV's sample rate, from convert's sidecar, is passed on in splits.json. Streams the CSV in memory that grows with the number of
 * sequences, not rows: one pass hashes each sequence's track values and the file (for grouping
 * re-exports and for provenance) and gathers per-project moments, from which the standard normaliser
 * of the training projects is merged; the robust method needs a second pass that feeds the training
 * rows' active entries to the {@link NormaliserFitter}'s reservoir. Writes {@code splits.json} and {@code normaliser.json}; the data itself
 * is not copied ({@code window} reads the CSV again).
 */
public final class Preprocessor {
    private static final Logger log = LoggerFactory.getLogger(Preprocessor.class);
    public static final String NORMALISER = "normaliser.json";

    private Preprocessor() {}

    /**
     * Reads and range-checks the preprocess.* settings, as {@link #run} would, without reading a file
     * (the model of {@code preprocess.normaliser: from_model} is read when preprocess runs).
     */
    public static void checkSettings(Config cfg) {
        PreprocessSettings s = PreprocessSettings.from(cfg);
        new SplitPlanner(s.trainFraction(), s.valFraction(), s.dropDuplicates(), s.seed());
        NormaliserSource.fromModel(cfg);
    }

    /** Runs preprocess without overwriting existing outputs. */
    public static PreprocessResult run(Path csv, Path outDir, Config cfg) {
        return run(csv, outDir, cfg, false);
    }

    public static PreprocessResult run(Path csv, Path outDir, Config cfg, boolean force) {
        long start = System.nanoTime();
        PreprocessSettings settings = PreprocessSettings.from(cfg);
        SplitPlanner planner = new SplitPlanner(settings.trainFraction(), settings.valFraction(), settings.dropDuplicates(), settings.seed());
        NormaliserSource source = NormaliserSource.from(cfg);
        String method = settings.normaliser();
        int reservoir = settings.robustSample();
        Path splitsFile = outDir.resolve(SplitsFile.NAME);
        Path normaliserFile = outDir.resolve(NORMALISER);
        AtomicFiles.checkOverwrite(splitsFile, force);
        AtomicFiles.checkOverwrite(normaliserFile, force);

        long bytes = size(csv);
        SourceCatalog catalog = new SourceCatalog();
        String sha;
        KeyframeRow row = new KeyframeRow();
        long mb = 1 << 20;
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv);
             Progress progress = Progress.start("preprocess", (bytes + mb - 1) / mb, "MB")) {
            long reported = 0;
            while (reader.next(row)) {
                catalog.add(row, csv);
                if ((reader.rows() & 4095) == 0) {
                    long now = reader.bytesRead() / mb;
                    progress.step(now - reported);
                    reported = now;
                }
            }
            progress.step((bytes + mb - 1) / mb - reported);
            sha = reader.sha256();
        }
        catalog.finish();
        if (catalog.rows() == 0) {
            throw new UserException(csv + " has a header but no rows; convert found no video in its inputs");
        }
        Map<String, String> projectHash = new LinkedHashMap<>();
        Map<String, List<String>> sequenceHashes = new LinkedHashMap<>();
        for (SourceCatalog.ProjectInfo p : catalog.projects().values()) {
            projectHash.put(p.name(), p.projectHash());
            List<String> hs = new ArrayList<>();
            for (SourceCatalog.SequenceInfo s : p.sequences()) if (s.anyActive()) hs.add(s.trackHash());
            sequenceHashes.put(p.name(), hs);
        }
        SplitPlan plan = planner.plan(projectHash, sequenceHashes);
        String sampleFps = ConvertProvenance.sampleFps(csv, sha).orElse(null);
        if (sampleFps == null) {
            log.warn("{} has no matching provenance sidecar ({}), so its sample rate is unknown: models trained on it cannot "
                    + "evaluate or edit new exports; make the CSV with `auto-editor convert`", csv, ConvertProvenance.sidecarFor(csv).getFileName());
        }

        Map<String, Object> csvInput = new LinkedHashMap<>();
        csvInput.put("path", csv.toAbsolutePath().normalize().toString());
        csvInput.put("sha256", sha);
        csvInput.put("sample_fps", sampleFps);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("keyframes_csv", csvInput);
        if (source.fromModel()) inputs.put("normaliser_model", source.describe());
        // The model is recorded by content (inputs.normaliser_model: its weights' hash) rather than by the
        // path in preprocess.normaliser_model, so the same model read from another place gives the same provenance.
        List<String> configKeys = new ArrayList<>(PreprocessSettings.KEYS);
        configKeys.remove("preprocess.normaliser_model");
        Provenance provenance = Provenance.of("preprocess", settings.seed(), cfg.select(configKeys), inputs);
        Normaliser normaliser;
        if (source.fromModel()) {
            // Fine-tuning data is normalised with the statistics the model was trained with, never refitted.
            normaliser = source.normaliser();
            log.info("normaliser taken from model {} ({})", source.checkpoint(), normaliser.method());
        } else {
            NormaliserFitter fitter = new NormaliserFitter(method, reservoir, settings.seed());
            long trainRows = 0;
            if (fitter.fitsFromMoments()) {
                // standard: merge the training projects' moments from the first pass, in name order
                for (String p : plan.projects(Split.TRAIN)) {
                    SourceCatalog.ProjectInfo info = catalog.projects().get(p);
                    fitter.addMoments(info.moments());
                    trainRows += info.rows();
                }
            } else {
                trainRows = fitFromSecondPass(csv, sha, catalog.rows(), plan, fitter);
            }
            normaliser = fitter.fit(provenance.withNote("fitted_on", "train split, active entries only: " + trainRows + " rows").toMap());
        }

        Map<Split, Integer> projectsPerSplit = new EnumMap<>(Split.class);
        Map<Split, Long> rowsPerSplit = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            projectsPerSplit.put(s, 0);
            rowsPerSplit.put(s, 0L);
        }
        long duplicateRows = 0;
        for (SourceCatalog.ProjectInfo p : catalog.projects().values()) {
            Split s = plan.splitOf().get(p.name());
            if (s == null) {
                duplicateRows += p.rows();
                continue;
            }
            projectsPerSplit.merge(s, 1, Integer::sum);
            rowsPerSplit.merge(s, p.rows(), Long::sum);
        }

        try {
            Files.createDirectories(outDir);
            normaliser.save(normaliserFile);
            SplitsFile.write(splitsFile, csv, sha, bytes, catalog.rows(), sampleFps, plan,
                    extra(plan, catalog, projectsPerSplit, rowsPerSplit, duplicateRows, normaliserFile, source, provenance.toMap()));
        } catch (IOException e) {
            throw new UserException("cannot write preprocess output in " + outDir + ": " + e.getMessage(), e);
        }
        for (Split s : List.of(Split.VAL, Split.TEST)) {
            if (projectsPerSplit.get(s) == 0) {
                log.warn("preprocess: the {} split has no project ({} projects: train/val/test {}/{}/{}); training will refuse it: give the "
                        + "corpus more projects or change preprocess.train_fraction / preprocess.val_fraction", s == Split.VAL ? "validation" : "test",
                        catalog.projects().size(), projectsPerSplit.get(Split.TRAIN), projectsPerSplit.get(Split.VAL), projectsPerSplit.get(Split.TEST));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info("preprocess: {} rows, {} projects in {} groups; train/val/test projects {}/{}/{}; {} duplicates dropped; {} s",
                catalog.rows(), catalog.projects().size(), plan.groups().size(), projectsPerSplit.get(Split.TRAIN),
                projectsPerSplit.get(Split.VAL), projectsPerSplit.get(Split.TEST), plan.duplicates().size(),
                String.format("%.1f", seconds));
        return new PreprocessResult(splitsFile, normaliserFile, sha, catalog.rows(), catalog.projects().size(), plan.groups().size(),
                projectsPerSplit, rowsPerSplit, plan.duplicates().size(), duplicateRows, normaliser, seconds);
    }

    /** Robust quantiles need the values themselves: stream the CSV again and sample the training rows. */
    private static long fitFromSecondPass(Path csv, String sha, long rows, SplitPlan plan, NormaliserFitter fitter) {
        long trainRows = 0;
        KeyframeRow row = new KeyframeRow();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv); Progress progress = Progress.start("preprocess: fit", rows, "rows")) {
            while (reader.next(row)) {
                if (plan.splitOf().get(row.project) == Split.TRAIN) {
                    fitter.addRow(row);
                    trainRows++;
                }
                if ((reader.rows() & 4095) == 0) progress.step(4096);
            }
            if (!reader.sha256().equals(sha)) {
                throw new UserException(csv + " changed while preprocess was reading it; run preprocess again once it is complete");
            }
        }
        return trainRows;
    }

    private static Map<String, Object> extra(SplitPlan plan, SourceCatalog catalog, Map<Split, Integer> projectsPerSplit,
                                             Map<Split, Long> rowsPerSplit, long duplicateRows, Path normaliserFile,
                                             NormaliserSource source, Map<String, Object> provenance) throws IOException {
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            counts.put(s.id(), OrderedMaps.of("projects", projectsPerSplit.get(s), "rows", rowsPerSplit.get(s)));
        }
        extra.put("counts", counts);
        List<Map<String, Object>> groups = new ArrayList<>();
        for (SplitPlan.Group g : plan.groups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id());
            m.put("split", g.split().id());
            m.put("projects", g.projects());
            groups.add(m);
        }
        extra.put("groups", groups);
        Map<String, Object> dup = new LinkedHashMap<>();
        dup.put("dropped", plan.duplicates().size());
        dup.put("rows_dropped", duplicateRows);
        List<Map<String, Object>> list = new ArrayList<>();
        for (var e : plan.duplicates().entrySet()) list.add(OrderedMaps.of("project", e.getKey(), "duplicate_of", e.getValue()));
        dup.put("projects", list);
        extra.put("duplicates", dup);
        Map<String, Object> hashes = new LinkedHashMap<>();
        for (SourceCatalog.ProjectInfo p : catalog.projects().values()) hashes.put(p.name(), p.projectHash());
        extra.put("project_track_hashes", hashes);
        Map<String, Object> normaliser = new LinkedHashMap<>();
        normaliser.put("file", NORMALISER);
        normaliser.put("sha256", dev.autoeditor.util.Hashing.sha256(normaliserFile));
        normaliser.put("source", source.fromModel() ? "from_model" : "fit");
        if (source.fromModel()) normaliser.put("model", source.describe());
        extra.put("normaliser", normaliser);
        extra.put("provenance", provenance);
        return extra;
    }

    private static long size(Path csv) {
        try {
            return Files.size(csv);
        } catch (IOException e) {
            throw new UserException("keyframe CSV " + csv + " not found or unreadable; run `auto-editor convert` first or check --input", e);
        }
    }
}
