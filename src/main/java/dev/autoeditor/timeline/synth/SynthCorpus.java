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
import dev.autoeditor.util.Progress;
import dev.autoeditor.util.UserException;
import dev.autoeditor.util.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Generates and writes the projects, refusing to replace existing files. */
    public static SynthSummary write(Path outDir, SynthOptions options) throws IOException {
        return write(outDir, options, false);
    }

    /**
     * Generates and writes {@code options.projects()} projects into {@code outDir}. A file already
     * there with exactly the bytes this run would write is kept (so re-running an interrupted run
     * finishes it); any other existing file stops the run before anything is written, unless
     * {@code force}.
     */
    public static SynthSummary write(Path outDir, SynthOptions options, boolean force) throws IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UserException(outDir + " is a file; --out must name a folder (new or existing)");
        }
        XmemlWriter writer = new XmemlWriter();
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < options.projects(); i++) targets.add(fileOf(outDir, options, i));
        String[] kept = force ? new String[targets.size()] : identicalExisting(targets, options, writer);
        checkManifest(outDir.resolve(MANIFEST), force);
        Files.createDirectories(outDir);

        Map<SynthStyle, Integer> perStyle = new EnumMap<>(SynthStyle.class);
        List<SynthSummary.SequenceLength> lengths = new ArrayList<>();
        List<Map<String, Object>> manifestFiles = new ArrayList<>();
        long clips = 0;
        int unchanged = 0;
        try (Progress progress = Progress.start("synth", options.projects(), "projects")) {
            for (int i = 0; i < options.projects(); i++) {
                Project project = SynthGenerator.project(options, i);
                Path target = targets.get(i);
                String sha;
                if (kept[i] != null) {
                    sha = kept[i];
                    unchanged++;
                } else {
                    byte[] xml = toXml(writer, project);
                    AtomicFiles.writeStream(target, out -> out.write(xml));
                    sha = Hashing.sha256(xml);
                }
                SynthStyle style = options.styleOf(i);
                perStyle.merge(style, 1, Integer::sum);
                for (Sequence s : project.sequences()) {
                    lengths.add(new SynthSummary.SequenceLength(s.rate(), s.lengthFrames()));
                    clips += countClips(s);
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("file", target.getFileName().toString());
                entry.put("style", style.configName());
                entry.put("sha256", sha);
                entry.put("frames", project.sequences().get(0).lengthFrames());
                entry.put("fps", project.sequences().get(0).rate().fps());
                manifestFiles.add(entry);
                progress.step(1);
            }
        }
        SynthSummary summary = new SynthSummary(outDir, targets, unchanged, perStyle, clips, lengths);
        writeManifest(outDir, options, summary, manifestFiles);
        log.info("synth: {} projects in {} ({} written, {} already there)", options.projects(), outDir,
                options.projects() - unchanged, unchanged);
        return summary;
    }

    /**
     * The SHA-256 of each target that already exists with the bytes this run would write (null for
     * absent ones); fails on the first existing target that differs.
     */
    private static String[] identicalExisting(List<Path> targets, SynthOptions options, XmemlWriter writer)
            throws IOException {
        String[] kept = new String[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            Path target = targets.get(i);
            if (!Files.exists(target)) continue;
            byte[] expected = toXml(writer, SynthGenerator.project(options, i));
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

    private static byte[] toXml(XmemlWriter writer, Project project) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        Writer w = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);
        writer.write(project, w);
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
        m.put("created", Instant.now().toString());
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
