package dev.autoeditor.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.generate.Continuation;
import dev.autoeditor.generate.EditGenerator;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.generate.GeneratedFiles;
import dev.autoeditor.generate.GenerationPrompt;
import dev.autoeditor.generate.StepListener;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.table.AssetNumbering;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a full run ends with that a person can open: a few prompts of the test split continued by the
 * final model, in {@code samples/}: per sample the edit as Premiere XML, its generated frames and the
 * true continuation as keyframe CSVs (convert's format), and {@code samples/index.json}
 * ({@code auto-editor-samples/1}, as docs/report.md defines it) for the report's timeline pictures.
 * The true continuation's sources are numbered as the edit numbers them (a source both show gets one
 * number, so one colour in the picture).
 */
public final class SamplesPhase extends DeclaredPhase {
    private static final Logger log = LoggerFactory.getLogger(SamplesPhase.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String NAME = "samples";
    public static final String OUTPUT = "samples";
    public static final String INDEX = "samples/index.json";
    public static final String FORMAT = "auto-editor-samples/1";
    public static final List<String> KEYS = List.of("samples.count", "samples.prompt_seconds", "samples.seconds");

    /** @param upstream the data phases and every model phase whose output can be the final model */
    public SamplesPhase(List<String> upstream) {
        super(NAME, 1, upstream, List.of(OUTPUT));
    }

    @Override
    public boolean enabled(Config config) {
        return config.getBoolean("samples.enabled");
    }

    @Override
    public List<String> configKeys(Config config) {
        List<String> keys = new ArrayList<>(KEYS);
        keys.addAll(GenerateSettings.INPUT_KEYS);
        return keys;
    }

    @Override
    public List<String> runtimeKeys(Config config) {
        return GenerateSettings.RUNTIME_KEYS;
    }

    @Override
    public void checkSettings(Config config) {
        GenerateSettings.from(config);
        config.getInt("samples.count", 0, 1000);
        config.getDouble("samples.prompt_seconds", 0, 1e7);
        config.getDouble("samples.seconds", 0.01, 1e7);
    }

    @Override
    public void run(PhaseContext context) throws Exception {
        RunLayout layout = context.layout();
        Config cfg = context.config();
        Path model = layout.finalModel().orElseThrow(() -> new UserException("no trained model in " + layout.root().resolve("checkpoints")
                + " to continue prompts with; run the training phases first (auto-editor full-run --run-dir " + layout.root() + ")"));
        ModelArtifact artifact = ModelArtifact.load(model);
        EditGenerator generator = new EditGenerator(artifact, GenerateSettings.from(cfg));
        int count = cfg.getInt("samples.count", 0, 1000);
        double promptSeconds = cfg.getDouble("samples.prompt_seconds", 0, 1e7);
        double seconds = cfg.getDouble("samples.seconds", 0.01, 1e7);

        // 1. Prompts: the test split's sequences in file order, each cut at prompt_seconds or half its length.
        List<Sample> samples = new ArrayList<>();
        XmemlReader reader = XmemlReader.forEditing();
        for (Path file : TestExports.of(layout, artifact)) {
            if (samples.size() >= count) break;
            Project project;
            try {
                project = reader.read(file, w -> {});
            } catch (UserException e) {
                log.warn("samples: {}", e.getMessage());
                continue;
            }
            for (Sequence s : project.sequences()) {
                if (samples.size() >= count) break;
                double at = Math.min(promptSeconds, Math.floor(s.rate().seconds(s.lengthFrames()) / 2 * 1000) / 1000);
                PromptCut cut;
                try {
                    cut = generator.cut(project, s, at, file.toString());
                } catch (UserException e) {
                    continue; // a sequence the model cannot serve (no video, tracks above V20, no context)
                }
                samples.add(new Sample(String.format("sample-%02d", samples.size() + 1), file, s, at, cut, generator.framesFor(cut, seconds)));
            }
        }

        // 2. Continued together, one sample index each.
        List<GenerationPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) prompts.add(new GenerationPrompt(samples.get(i).cut(), samples.get(i).frames(), i));
        List<Continuation> done = prompts.isEmpty() ? List.of() : generator.generate(prompts, StepListener.NONE);

        // 3. The files and the index.
        Path dir = layout.resolve(OUTPUT);
        Files.createDirectories(dir);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            Continuation c = done.get(i);
            Path xml = dir.resolve(s.name() + ".xml");
            Path generated = dir.resolve(s.name() + ".generated.csv");
            Path truth = dir.resolve(s.name() + ".truth.csv");
            GeneratedFiles.write(c, xml, generated);
            writeTruth(c, truth, s.name());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", s.name());
            e.put("prompt", relative(layout, s.file()));
            e.put("sequence", s.sequence().name());
            e.put("prompt_seconds", s.promptSeconds());
            e.put("seconds", seconds);
            e.put("xml", xml.getFileName().toString());
            e.put("generated_csv", generated.getFileName().toString());
            e.put("truth_csv", truth.getFileName().toString());
            entries.add(e);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("format", FORMAT);
        index.put("samples", entries);
        AtomicFiles.writeString(layout.resolve(INDEX), JSON.writeValueAsString(index) + "\n");
        context.note("samples", samples.size());
        context.note("model", layout.root().relativize(model.toAbsolutePath().normalize()).toString());
        if (samples.size() < count) log.info("samples: {} of {} written (the test split has no more sequences the model can serve)", samples.size(), count);
    }

    private record Sample(String name, Path file, Sequence sequence, double promptSeconds, PromptCut cut, int frames) {}

    /**
     * The true continuation over the generated frames' span (up to the sequence's end), its sources
     * numbered as the edit numbers them, then those the edit never used in order of first appearance.
     */
    private static void writeTruth(Continuation c, Path csv, String project) throws java.io.IOException {
        PromptCut cut = c.prompt().cut();
        long first = cut.firstSample();
        AssetNumbering original = AssetNumbering.of(cut.original(), KeyframeTable.TRACKS);
        long available = Math.max(0, cut.sampling().sampler(cut.original().rate(), KeyframeTable.of(cut.original()).lengthFrames()).count() - first);
        int n = (int) Math.min(c.generated(), available);
        Map<String, Integer> editNumber = new HashMap<>();
        List<Source> sources = c.builder().cursor().sources();
        for (int a = 0; a < sources.size(); a++) editNumber.putIfAbsent(sources.get(a).key(), a);
        int next = sources.size();
        List<double[]> rows = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            double[] row = cut.originalRow(first + j);
            for (int k = 0; k < KeyframeTable.TRACKS; k++) {
                int i = k * KeyframeTable.FIELDS + KeyframeTable.ASSET;
                if (row[i] < 0) continue;
                String key = original.source((int) row[i]).key();
                Integer number = editNumber.get(key);
                if (number == null) {
                    number = next++;
                    editNumber.put(key, number);
                }
                row[i] = number;
            }
            rows.add(row);
        }
        GeneratedFiles.writeRows(cut, first, rows, project, cut.original().name(), csv);
    }

    private static String relative(RunLayout layout, Path file) {
        Path p = file.toAbsolutePath().normalize();
        return p.startsWith(layout.root()) ? layout.root().relativize(p).toString().replace('\\', '/') : p.toString();
    }
}
