package dev.autoeditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generated edits, from samples/index.json: for each sample, a timeline picture of the generated
 * continuation above the true one (one time axis, one colour per source number), with its prompt,
 * sequence and cut point. Expected layout (paths relative to samples/, or absolute):
 * <pre>{@code
 * {"format": "auto-editor-samples/1",
 *  "samples": [{"name": "sample-01", "prompt": "data/raw/.../project.xml", "sequence": "Seq 1",
 *               "prompt_seconds": 20.0, "seconds": 20.0, "xml": "sample-01.xml",
 *               "generated_csv": "sample-01.generated.csv", "truth_csv": "sample-01.truth.csv"}]}
 * }</pre>
 * Both CSVs are in the format {@code convert} writes.
 */
final class SamplesSection {
    static final String ID = "samples";
    static final String TITLE = "Generated edits";
    static final String FILE = "samples/index.json";

    private SamplesSection() {}

    static Optional<Section> build(RunFiles files) {
        if (!files.exists(FILE)) return Optional.empty();
        List<String> problems = new ArrayList<>();
        Html h = new Html();
        Optional<JsonNode> doc = files.json(FILE, problems);
        if (doc.isPresent()) {
            JsonNode samples = doc.get().path("samples");
            if (!samples.isArray()) {
                problems.add(FILE + " has no \"samples\" array; expected {\"samples\": [{\"generated_csv\": ..., \"truth_csv\": ...}]}");
            } else if (samples.isEmpty()) {
                h.p("The samples phase wrote no sample (samples/index.json lists none).");
            } else {
                int i = 0;
                for (JsonNode s : samples) sample(files, s, ++i, h, problems);
            }
        }
        return Optional.of(new Section(ID, TITLE, new Html().problems(problems).toString() + h, problems));
    }

    private static void sample(RunFiles files, JsonNode s, int number, Html h, List<String> problems) {
        String name = s.path("name").asText("sample " + number);
        h.heading(3, name);
        StringBuilder facts = new StringBuilder();
        if (s.has("prompt")) facts.append("Prompt ").append(s.path("prompt").asText());
        if (s.has("sequence")) facts.append(", sequence \"").append(s.path("sequence").asText()).append('"');
        if (s.has("prompt_seconds")) facts.append(", cut at ").append(Json.cell(s.path("prompt_seconds"))).append(" s");
        if (s.has("seconds")) facts.append(", ").append(Json.cell(s.path("seconds"))).append(" s generated");
        if (s.has("xml")) facts.append("; edit: ").append(s.path("xml").asText());
        if (facts.length() > 0) h.p(facts + ".");
        List<TimelinePicture.Panel> panels = new ArrayList<>();
        List<String> own = new ArrayList<>();
        frames(files, s, "generated_csv", own).ifPresent(f -> panels.add(new TimelinePicture.Panel("generated", f)));
        frames(files, s, "truth_csv", own).ifPresent(f -> panels.add(new TimelinePicture.Panel("true continuation", f)));
        for (String p : own) {
            String text = FILE + " sample " + number + " (" + name + "): " + p;
            problems.add(text);
            h.problem(text);
        }
        if (!panels.isEmpty()) h.image(new TimelinePicture().titled(name).image(panels));
    }

    private static Optional<TimelineFrames> frames(RunFiles files, JsonNode sample, String key, List<String> problems) {
        if (!sample.hasNonNull(key)) {
            problems.add("no \"" + key + "\" (the path of a keyframe CSV)");
            return Optional.empty();
        }
        String given = sample.path(key).asText();
        Path csv = resolve(files, given);
        if (!Files.isRegularFile(csv)) {
            problems.add(key + " " + given + " not found (looked at " + files.name(csv) + ")");
            return Optional.empty();
        }
        try {
            return Optional.of(TimelineFrames.read(csv, null));
        } catch (UserException | java.io.UncheckedIOException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** Relative to samples/ first, then to the run directory; absolute paths as they are. */
    private static Path resolve(RunFiles files, String given) {
        Path p = Path.of(given);
        if (p.isAbsolute()) return p;
        Path inSamples = files.resolve("samples").resolve(p).normalize();
        if (Files.exists(inSamples)) return inSamples;
        Path inRun = files.resolve(given).normalize();
        return Files.exists(inRun) ? inRun : inSamples;
    }
}
