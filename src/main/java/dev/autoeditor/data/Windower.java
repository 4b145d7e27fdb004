package dev.autoeditor.data;

import dev.autoeditor.config.Config;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.Interruption;
import dev.autoeditor.util.OrderedMaps;
import dev.autoeditor.util.Progress;
import dev.autoeditor.util.Provenance;
import dev.autoeditor.util.Trees;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * {@code window}: reads the CSV named in splits.json once more (checking it is the one preprocess saw),
 * applies the splits and the normaliser, cuts every kept sequence into windows and writes each split's
 * windows as binary shards with an index.json. Memory is bounded by the window settings and the
 * number of sequences, not by the CSV. Output is built in a temporary folder and moved into place
 * only when complete and verified.
 */
public final class Windower {
    private static final Logger log = LoggerFactory.getLogger(Windower.class);
    public static final String SUMMARY = "windows.json";
    /** Format 2 added "data" and "normaliser" (the {@link DataSpec} a model carries on). */
    public static final String SUMMARY_FORMAT = "auto-editor-windows-summary/2";
    static final String TEMP = ".windows.tmp";

    private Windower() {}

    public static WindowResult run(Path preprocessedDir, Path outDir, Config cfg) {
        return run(preprocessedDir, outDir, cfg, false);
    }

    public static WindowResult run(Path preprocessedDir, Path outDir, Config cfg, boolean force) {
        long start = System.nanoTime();
        WindowSettings settings = WindowSettings.from(cfg);
        SplitsFile splits = SplitsFile.load(preprocessedDir);
        Path normaliserFile = preprocessedDir.resolve(Preprocessor.NORMALISER);
        Normaliser normaliser = Normaliser.load(normaliserFile);
        String normaliserSha = Hashing.sha256Unchecked(normaliserFile);
        if (!splits.normaliserSha256().isEmpty() && !splits.normaliserSha256().equals(normaliserSha)) {
            throw new UserException(normaliserFile + " is not the one preprocess wrote (SHA-256 differs from splits.json); re-run `auto-editor preprocess`");
        }
        checkSourceSize(splits);
        String splitsSha = Hashing.sha256Unchecked(preprocessedDir.resolve(SplitsFile.NAME));

        for (Split s : Split.values()) AtomicFiles.checkOverwrite(outDir.resolve(s.id()), force);
        AtomicFiles.checkOverwrite(outDir.resolve(SUMMARY), force);
        Path tmp = outDir.resolve(TEMP);
        Trees.deleteOrExplain(tmp);
        // Stopped from outside (SIGTERM, Ctrl-C), the half-written windows go too; the old ones stay.
        try (Interruption.Registration cleanup = Interruption.cleanUpOnInterrupt(() -> Trees.deleteQuietly(tmp))) {
            return write(preprocessedDir, outDir, cfg, start, settings, splits, normaliser, normaliserSha, splitsSha, tmp);
        }
    }

    private static WindowResult write(Path preprocessedDir, Path outDir, Config cfg, long start, WindowSettings settings, SplitsFile splits,
                                      Normaliser normaliser, String normaliserSha, String splitsSha, Path tmp) {
        WindowLayout layout = settings.layout();
        int stride = settings.stride();
        int minFrames = settings.minSequenceFrames();
        int shardWindows = settings.shardWindows();

        Map<Split, ShardWriter> writers = new EnumMap<>(Split.class);
        Map<Split, SequenceWindower> windowers = new EnumMap<>(Split.class);
        Map<Split, List<ShardIndex.SequenceEntry>> sequences = new EnumMap<>(Split.class);
        Map<Split, Integer> droppedShort = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            ShardWriter w = new ShardWriter(tmp.resolve(s.id()), layout, shardWindows);
            writers.put(s, w);
            windowers.put(s, new SequenceWindower(layout, stride, minFrames, normaliser, w::write));
            sequences.put(s, new ArrayList<>());
            droppedShort.put(s, 0);
        }

        KeyframeRow row = new KeyframeRow();
        long duplicateRows = 0;
        String sha;
        try (KeyframeCsvReader reader = new KeyframeCsvReader(splits.csv());
             Progress progress = Progress.start("window", splits.csvRows(), "rows")) {
            String openProject = null;
            String openSequence = null;
            Split openSplit = null;
            long firstWindow = 0;
            while (reader.next(row)) {
                if ((reader.rows() & 4095) == 0) progress.step(4096);
                if (!row.project.equals(openProject) || !row.sequence.equals(openSequence)) {
                    if (openSplit != null) {
                        finishSequence(windowers.get(openSplit), sequences.get(openSplit), droppedShort, openSplit,
                                openProject, openSequence, firstWindow);
                    }
                    openProject = row.project;
                    openSequence = row.sequence;
                    openSplit = splits.splitOf().get(row.project);
                    if (openSplit == null && !splits.duplicates().containsKey(row.project)) {
                        throw changed(splits, "project '" + row.project + "' (line " + row.line + ") is not in splits.json");
                    }
                    if (openSplit != null) {
                        firstWindow = writers.get(openSplit).count();
                        windowers.get(openSplit).begin(sequences.get(openSplit).size());
                    }
                }
                if (openSplit == null) {
                    duplicateRows++;
                    continue;
                }
                windowers.get(openSplit).add(row);
            }
            if (openSplit != null) {
                finishSequence(windowers.get(openSplit), sequences.get(openSplit), droppedShort, openSplit,
                        openProject, openSequence, firstWindow);
            }
            sha = reader.sha256();
            if (!sha.equals(splits.csvSha256())) {
                throw changed(splits, "its SHA-256 is now " + sha.substring(0, 12) + "..., preprocess saw " + abbreviate(splits.csvSha256()));
            }
        } catch (UncheckedIOException e) {
            writers.values().forEach(ShardWriter::close);
            Trees.deleteOrExplain(tmp);
            throw new UserException("cannot write windows in " + tmp + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            writers.values().forEach(ShardWriter::close);
            Trees.deleteOrExplain(tmp);
            throw e;
        }

        if (writers.values().stream().mapToLong(ShardWriter::count).sum() == 0) {
            // Nothing to train on: say why instead of writing empty shards and exiting 0.
            writers.values().forEach(ShardWriter::close);
            Trees.deleteOrExplain(tmp);
            int dropped = droppedShort.values().stream().mapToInt(Integer::intValue).sum();
            throw new UserException("window: no windows from " + splits.csv() + ": " + (dropped == 0
                    ? "none of its rows belongs to a split in " + preprocessedDir.resolve(SplitsFile.NAME) + "; re-run `auto-editor preprocess`"
                    : "all " + dropped + " sequence(s) are shorter than window.min_sequence_frames (" + minFrames + " frames); lower it "
                            + "(--set window.min_sequence_frames=N), or convert at a higher rate (convert.sample_fps)")
                    + "; nothing was written" + (Files.exists(outDir.resolve(SUMMARY)) ? " and the windows in " + outDir + " are kept" : ""));
        }

        Map<String, Object> source = new LinkedHashMap<>();
        source.put("csv", splits.csv().toAbsolutePath().normalize().toString());
        source.put("csv_sha256", sha);
        source.put("splits_sha256", splitsSha);
        source.put("normaliser_sha256", normaliserSha);
        source.put("normaliser_method", normaliser.method());
        source.put("sample_fps", splits.sampleFps());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("splits_sha256", splitsSha);
        inputs.put("keyframes_csv_sha256", sha);
        inputs.put("normaliser_sha256", normaliserSha);
        List<String> keys = new ArrayList<>(WindowSettings.KEYS);
        keys.add(0, "seed");
        Map<String, Object> provenance = Provenance.of("window", cfg.getLong("seed"), cfg.select(keys), inputs).toMap();
        DataSpec spec = new DataSpec(splits.sampleFps(), layout.length(), stride, minFrames, layout.assetClasses(), normaliser);
        Map<Split, Long> windows = new EnumMap<>(Split.class);
        Map<Split, Integer> kept = new EnumMap<>(Split.class);
        try {
            for (Split s : Split.values()) {
                List<ShardInfo> shards = writers.get(s).finish();
                Path dir = tmp.resolve(s.id());
                Files.createDirectories(dir);
                ShardIndex index = new ShardIndex(s.id(), layout, writers.get(s).count(), shards, sequences.get(s), source);
                index.write(dir, droppedShort.get(s), provenance);
                windows.put(s, writers.get(s).count());
                kept.put(s, sequences.get(s).size());
            }
            writeSummary(tmp.resolve(SUMMARY), splits, windows, kept, droppedShort, duplicateRows, source, spec, provenance);
            // The summary marks a complete output: it goes first and returns last, so a kill while the
            // splits are swapped leaves no mix of old and new splits that readers would take as whole.
            Files.deleteIfExists(outDir.resolve(SUMMARY));
            for (Split s : Split.values()) {
                Path target = outDir.resolve(s.id());
                Trees.deleteOrExplain(target);
                AtomicFiles.move(tmp.resolve(s.id()), target);
            }
            AtomicFiles.move(tmp.resolve(SUMMARY), outDir.resolve(SUMMARY));
            Trees.deleteOrExplain(tmp);
        } catch (IOException e) {
            throw new UserException("cannot write windows in " + outDir + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = windows.values().stream().mapToLong(Long::longValue).sum();
        log.info("window: {} rows into {} windows (train/val/test {}/{}/{}); {} short sequences dropped; {} s",
                splits.csvRows(), total, windows.get(Split.TRAIN), windows.get(Split.VAL), windows.get(Split.TEST),
                droppedShort.values().stream().mapToInt(Integer::intValue).sum(), String.format("%.1f", seconds));
        return new WindowResult(outDir, splits.csvRows(), windows, kept, droppedShort, duplicateRows, seconds);
    }

    private static void finishSequence(SequenceWindower windower, List<ShardIndex.SequenceEntry> list, Map<Split, Integer> dropped,
                                       Split split, String project, String sequence, long firstWindow) {
        int n = windower.finish();
        if (n < 0) {
            dropped.merge(split, 1, Integer::sum);
            log.debug("dropped short sequence '{}' of '{}' ({} rows)", sequence, project, windower.rowsOfSequence());
            return;
        }
        list.add(new ShardIndex.SequenceEntry(list.size(), project, sequence, windower.rowsOfSequence(), firstWindow, n));
    }

    private static void checkSourceSize(SplitsFile splits) {
        Path csv = splits.csv();
        if (!Files.isRegularFile(csv)) {
            throw new UserException("keyframe CSV " + csv + " named in splits.json is missing; restore it or re-run `auto-editor preprocess`");
        }
        try {
            long size = Files.size(csv);
            if (size != splits.csvBytes()) {
                throw changed(splits, "its size is now " + size + " bytes, preprocess saw " + splits.csvBytes());
            }
        } catch (IOException e) {
            throw new UserException("cannot read keyframe CSV " + csv + ": " + e.getMessage(), e);
        }
    }

    private static UserException changed(SplitsFile splits, String detail) {
        return new UserException("keyframe CSV " + splits.csv() + " changed since preprocess (" + detail
                + "); re-run `auto-editor preprocess` on it (with --force to replace the old splits) before `window`");
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
    }

    private static void writeSummary(Path file, SplitsFile splits, Map<Split, Long> windows, Map<Split, Integer> kept,
                                     Map<Split, Integer> dropped, long duplicateRows, Map<String, Object> source,
                                     DataSpec spec, Map<String, Object> provenance) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", SUMMARY_FORMAT);
        doc.put("rows", splits.csvRows());
        doc.put("duplicate_rows_skipped", duplicateRows);
        Map<String, Object> per = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            per.put(s.id(), OrderedMaps.of("windows", windows.get(s), "sequences", kept.get(s), "dropped_short_sequences", dropped.get(s)));
        }
        doc.put("splits", per);
        doc.put("source", source);
        // What a model trained on these windows must carry to window new exports the same way (DataSpec).
        doc.put("data", spec.toDocument());
        doc.put("normaliser", spec.normaliser().toDocument());
        doc.put("provenance", provenance);
        AtomicFiles.writeString(file, SplitsFile.JSON.writeValueAsString(doc) + "\n");
    }
}
