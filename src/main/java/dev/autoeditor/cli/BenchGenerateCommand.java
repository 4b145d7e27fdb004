package dev.autoeditor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.generate.FramePolicy;
import dev.autoeditor.generate.GenerateSettings;
import dev.autoeditor.generate.GenerationBenchmark;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code auto-editor bench generate}: generated frames per second and resident memory. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Measure the generation loop: frames per wall second for one prompt at batch 1 (--frames) and for --prompts "
                + "prompts at once (--batch-frames each), the share spent in the model (forward pass and sampling), resident memory "
                + "(current and peak) and the heap guard's collections. Synthetic prompts cut at 30 s; models of the default and the "
                + "reference (full profile) size with weights drawn from the seed, or --model. See docs/generate.md."})
public final class BenchGenerateCommand extends BaseCommand {
    @Option(names = "--model", paramLabel = "CKPT", description = "Measure this trained model instead of the two sizes.")
    Path model;

    @Option(names = "--size", defaultValue = "both", paramLabel = "default|reference|both",
            description = "Model sizes to measure without --model (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--frames", defaultValue = "10000", description = "Frames generated for the one prompt at batch 1 (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--reference-frames", defaultValue = "1000",
            description = "Frames at batch 1 for the reference size, which is slower (default: ${DEFAULT-VALUE}).")
    int referenceFrames;

    @Option(names = "--prompts", defaultValue = "32", description = "Prompts continued at once (default: ${DEFAULT-VALUE}).")
    int prompts;

    @Option(names = "--batch-frames", defaultValue = "200", description = "Frames per prompt when continued at once (default: ${DEFAULT-VALUE}).")
    int batchFrames;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the measurements as JSON.")
    Path json;

    @Option(names = "--force", description = "Overwrite the --json file.")
    boolean force;

    @Override
    protected int run() throws Exception {
        if (frames < 1 || referenceFrames < 1 || prompts < 1 || batchFrames < 1) {
            throw new ParameterException(spec.commandLine(), "--frames, --reference-frames, --prompts and --batch-frames must be >= 1");
        }
        if (!List.of("default", "reference", "both").contains(size)) {
            throw new ParameterException(spec.commandLine(), "--size must be default, reference or both, got '" + size + "'");
        }
        try (OutputLocks locks = OutputLocks.forFiles("write the JSON elsewhere (--json)", json)) {
            return measure();
        }
    }

    private int measure() throws Exception {
        if (json != null) AtomicFiles.checkOverwrite(json, force);
        Config cfg = config();
        GenerateSettings settings = GenerateSettings.from(cfg);
        SamplingRate sampling = SamplingRate.parse(cfg.getString("convert.sample_fps"), "convert.sample_fps");
        List<PromptCut> cuts = GenerationBenchmark.prompts(cfg, sampling, prompts);
        List<GenerationBenchmark.Result> results = new ArrayList<>();
        out().printf(Locale.ROOT, "generation: prompts cut at 30 s, %s samples/s, temperature 1; load average %.2f%n", sampling,
                GenerationBenchmark.loadAverage());
        out().printf("%-10s %10s %7s %8s %9s %9s %10s %8s %9s %4s %11s%n", "model", "parameters", "prompts", "frames", "seconds", "frames/s",
                "policy ms", "rss MB", "peak MB", "gcs", "load");
        if (model != null) {
            ModelArtifact artifact = ModelArtifact.load(model);
            measure("model", FramePolicy.of(artifact), cuts, frames, settings, results);
        } else {
            if (!size.equals("reference")) measure("default", GenerationBenchmark.randomModel(ModelConfig.from(cfg), cfg, settings.seed()), cuts,
                    frames, settings, results);
            if (!size.equals("default")) {
                Config full = ConfigLoader.load("full", null, List.of());
                measure("reference", GenerationBenchmark.randomModel(ModelConfig.from(full), cfg, settings.seed()), cuts, referenceFrames,
                        settings, results);
            }
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", "auto-editor-bench-generate/1");
            doc.put("sample_fps", sampling.toString());
            doc.put("results", results.stream().map(GenerationBenchmark.Result::toMap).toList());
            doc.put("machine", dev.autoeditor.train.bench.BackendInfo.describe());
            AtomicFiles.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
            out().println("wrote " + json);
        }
        return ExitCodes.OK;
    }

    private void measure(String label, FramePolicy policy, List<PromptCut> cuts, int single, GenerateSettings settings,
                         List<GenerationBenchmark.Result> results) throws Exception {
        GenerationBenchmark.Result one = GenerationBenchmark.run(label, policy, cuts.subList(0, 1), single, settings.tolerance(), 1,
                settings.heapBudgetMb(), settings.seed());
        print(one);
        GenerationBenchmark.Result many = GenerationBenchmark.run(label, policy, cuts, batchFrames, settings.tolerance(), cuts.size(),
                settings.heapBudgetMb(), settings.seed());
        print(many);
        results.add(one);
        results.add(many);
    }

    private void print(GenerationBenchmark.Result r) {
        Map<String, Object> m = r.toMap();
        out().printf(Locale.ROOT, "%-10s %10d %7d %8d %9.1f %9.1f %10.2f %8d %9d %4d %5.1f-%-5.1f%n", r.size(), r.parameters(), r.prompts(), r.frames(),
                r.seconds(), r.framesPerSecond(), m.get("forward_ms_per_pass"), r.rssMb(), r.peakRssMb(), r.heapCollections(), r.loadBefore(),
                r.loadAfter());
        out().flush();
    }
}
