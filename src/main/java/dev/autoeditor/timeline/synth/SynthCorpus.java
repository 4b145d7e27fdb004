package dev.autoeditor.timeline.synth;

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

    /** Generates and writes {@code options.projects()} projects into {@code outDir}. */
    public static SynthSummary write(Path outDir, SynthOptions options, boolean force) throws IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UserException(outDir + " is a file; --out must name a folder (new or existing)");
        }
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < options.projects(); i++) targets.add(fileOf(outDir, options, i));
        for (Path t : targets) AtomicFiles.checkOverwrite(t, force);
        AtomicFiles.checkOverwrite(outDir.resolve(MANIFEST), force);
        Files.createDirectories(outDir);

        Map<SynthStyle, Integer> perStyle = new EnumMap<>(SynthStyle.class);
        List<SynthSummary.SequenceLength> lengths = new ArrayList<>();
        List<Map<String, Object>> manifestFiles = new ArrayList<>();
        long clips = 0;
        XmemlWriter writer = new XmemlWriter();
        try (Progress progress = Progress.start("synth", options.projects(), "projects")) {
            for (int i = 0; i < options.projects(); i++) {
                Project project = SynthGenerator.project(options, i);
                byte[] xml = toXml(writer, project);
                Path target = targets.get(i);
                AtomicFiles.writeStream(target, out -> out.write(xml));
                SynthStyle style = options.styleOf(i);
                perStyle.merge(style, 1, Integer::sum);
                for (Sequence s : project.sequences()) {
                    lengths.add(new SynthSummary.SequenceLength(s.rate(), s.lengthFrames()));
                    clips += countClips(s);
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("file", target.getFileName().toString());
                entry.put("style", style.configName());
                entry.put("sha256", Hashing.sha256(xml));
                entry.put("frames", project.sequences().get(0).lengthFrames());
                entry.put("fps", project.sequences().get(0).rate().fps());
                manifestFiles.add(entry);
                progress.step(1);
            }
        }
        SynthSummary summary = new SynthSummary(outDir, targets, perStyle, clips, lengths);
        writeManifest(outDir, options, summary, manifestFiles);
        log.info("synth: wrote {} projects to {}", options.projects(), outDir);
        return summary;
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
        m.put("generator", "auto-editor synth");
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
