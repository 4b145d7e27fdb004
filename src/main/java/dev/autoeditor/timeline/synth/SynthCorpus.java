package dev.autoeditor.timeline.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.OutputTime;
import dev.autoeditor.util.Progress;
import dev.autoeditor.util.UserException;
import dev.autoeditor.util.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic corpus to a folder: one xmeml file per project and a provenance manifest.
 * Refuses to replace existing files unless forced; each file is written atomically.
 */
public final class SynthCorpus {
    /** The provenance file written beside the projects. */
    public static final String MANIFEST = "synth-manifest.json";
    private static final String GENERATOR = "auto-editor synth";

    private static final Logger log = LoggerFactory.getLogger(SynthCorpus.class);

    private SynthCorpus() {}

    /** The path project {@code index} is written to. */
    public static Path fileOf(Path outDir, SynthOptions options, int index) {
        return outDir.resolve(options.projectName(index) + ".xml");
    }

    /** Generates and writes the projects on all cores, refusing to replace existing files. */
    public static SynthSummary write(Path outDir, SynthOptions options) throws IOException {
        return write(outDir, options, false, 0);
    }

    /** Generates and writes the projects on all cores; replaces differing files only when {@code force}. */
    public static SynthSummary write(Path outDir, SynthOptions options, boolean force) throws IOException {
        return write(outDir, options, force, 0);
    }

    /**
     * Generates and writes {@code options.projects()} projects into {@code outDir} with
     * {@code threads} workers (0 = one per core). A file already there with exactly the bytes this
     * run would write is kept (so re-running an interrupted run finishes it); any other existing file
     * stops the run before anything is written, unless {@code force}. The files do not depend on the
     * number of threads: each project comes from its own seed.
     */
    public static SynthSummary write(Path outDir, SynthOptions options, boolean force, int threads) throws IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UserException(outDir + " is a file; --out must name a folder (new or existing)");
        }
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < options.projects(); i++) targets.add(fileOf(outDir, options, i));
        String[] kept = force ? new String[targets.size()] : identicalExisting(targets, options);
        checkManifest(outDir.resolve(MANIFEST), force);
        Files.createDirectories(outDir);

        Written[] written = new Written[targets.size()];
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, workers));
        try (Progress progress = Progress.start("synth", options.projects(), "projects")) {
            pool.submit(() -> IntStream.range(0, targets.size()).parallel().forEach(i -> {
                written[i] = produce(options, i, targets.get(i), kept[i]);
                progress.step(1);
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("synth interrupted; run the same command again to finish the corpus", 130, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) throw io.getCause();
            if (cause instanceof RuntimeException r) throw r;
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }

        Map<SynthStyle, Integer> perStyle = new EnumMap<>(SynthStyle.class);
        List<SynthSummary.SequenceLength> lengths = new ArrayList<>();
        List<Map<String, Object>> manifestFiles = new ArrayList<>();
        long clips = 0;
        int unchanged = 0;
        for (int i = 0; i < written.length; i++) {
            Written w = written[i];
            SynthStyle style = options.styleOf(i);
            perStyle.merge(style, 1, Integer::sum);
            lengths.addAll(w.lengths());
            clips += w.clips();
            if (w.unchanged()) unchanged++;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", targets.get(i).getFileName().toString());
            entry.put("style", style.configName());
            entry.put("sha256", w.sha256());
            entry.put("frames", w.lengths().get(0).frames());
            entry.put("fps", w.lengths().get(0).rate().fps());
            manifestFiles.add(entry);
        }
        SynthSummary summary = new SynthSummary(outDir, targets, unchanged, perStyle, clips, lengths);
        writeManifest(outDir, options, summary, manifestFiles);
        log.info("synth: {} projects in {} ({} written, {} already there)", options.projects(), outDir,
                options.projects() - unchanged, unchanged);
        return summary;
    }

    /** What became of one project: its file's hash, whether it was already there, its sequences. */
    private record Written(String sha256, boolean unchanged, List<SynthSummary.SequenceLength> lengths, long clips) {}

    /** Generates project i and writes it unless an identical file ({@code keptSha} non-null) is there. */
    private static Written produce(SynthOptions options, int index, Path target, String keptSha) {
        Project project = SynthGenerator.project(options, index);
        String sha = keptSha;
        if (sha == null) {
            try {
                byte[] xml = toXml(project);
                AtomicFiles.writeStream(target, out -> out.write(xml));
                sha = Hashing.sha256(xml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<SynthSummary.SequenceLength> lengths = new ArrayList<>();
        long clips = 0;
        for (Sequence s : project.sequences()) {
            lengths.add(new SynthSummary.SequenceLength(s.rate(), s.lengthFrames()));
            clips += countClips(s);
        }
        return new Written(sha, keptSha != null, lengths, clips);
    }

    /**
     * The SHA-256 of each target that already exists with the bytes this run would write (null for
     * absent ones); fails on the first existing target that differs.
     */
    private static String[] identicalExisting(List<Path> targets, SynthOptions options) throws IOException {
        String[] kept = new String[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            Path target = targets.get(i);
            if (!Files.exists(target)) continue;
            byte[] expected = toXml(SynthGenerator.project(options, i));
            if (!Arrays.equals(expected, Files.readAllBytes(target))) {
                throw new UserException(target + " already exists and is not project " + (i + 1) + " of seed "
                        + options.seed() + "; pass --force to overwrite it or choose another output");
            }
            kept[i] = Hashing.sha256(expected);
        }
        return kept;
    }

    /** An existing manifest may be replaced only if synth wrote it (or with force). */
    private static void checkManifest(Path manifest, boolean force) {
        if (force || !Files.exists(manifest)) return;
        try {
            JsonNode node = new ObjectMapper().readTree(manifest.toFile());
            if (node != null && GENERATOR.equals(node.path("generator").asText())) return;
        } catch (IOException e) {
            log.debug("{} is not a synth manifest", manifest, e);
        }
        AtomicFiles.checkOverwrite(manifest, false);
    }

    private static byte[] toXml(Project project) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        Writer w = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);
        new XmemlWriter().write(project, w);
        w.flush();
        return buffer.toByteArray();
    }

    private static long countClips(Sequence s) {
        long n = 0;
        for (VideoTrack t : s.tracks()) for (TrackItem item : t.items()) if (item instanceof Clip) n++;
        return n;
    }

    private static void writeManifest(Path outDir, SynthOptions options, SynthSummary summary,
                                      List<Map<String, Object>> files) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", GENERATOR);
        m.put("version", Version.version());
        m.put("created", OutputTime.now());
        m.put("seed", options.seed());
        m.put("projects", options.projects());
        m.put("styles", options.styles().stream().map(SynthStyle::configName).toList());
        m.put("min_duration_s", options.minDurationS());
        m.put("max_duration_s", options.maxDurationS());
        m.put("clips", summary.clips());
        m.put("timeline_seconds", summary.totalSeconds());
        m.put("files", files);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeStream(outDir.resolve(MANIFEST), out -> out.write(json.writeValueAsBytes(m)));
    }
}
