package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.testing.RealExports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The structural check of generated edits in the suite, at a size that fits it: edits of the tiny model
 * at the default temperature from the synthetic prompts, and from every real export when present
 * (25 fps and NTSC, nested and multicam sources). The 100-edit check is {@code bench generate-check}
 * (docs/generate.md records its output).
 */
class GenerationCheckTest {
    @Test
    void syntheticPromptsGiveCleanEditsThatConvertBack() throws Exception {
        EditGenerator g = TinyModel.generator(1.0);
        int[] skipped = {0};
        List<GenerationCheck.Prompt> prompts = GenerationCheck.prompts(TinyModel.exports(), g, skipped);
        GenerationCheck.Result r = GenerationCheck.run(g, prompts, skipped[0], 24, 12);
        System.out.println("generation check (synthetic): " + r.summary());
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertTrue(r.cuts() >= 24, r.summary());
        assertTrue(r.newSources() > 0, r.summary());
    }

    @Test
    void realExportsGiveCleanEditsThatConvertBack() throws Exception {
        Path folder = RealExports.require();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        EditGenerator g = TinyModel.generator(1.0);
        int[] skipped = {0};
        List<GenerationCheck.Prompt> prompts = GenerationCheck.prompts(files, g, skipped);
        GenerationCheck.Result r = GenerationCheck.run(g, prompts, skipped[0], Math.min(prompts.size(), 45), 8);
        System.out.println("generation check (real exports): " + r.summary());
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertTrue(r.editsByRate().containsKey("25") && r.editsByRate().keySet().stream().anyMatch(k -> k.contains(".")),
                "25 fps and NTSC prompts: " + r.editsByRate());
        assertTrue(r.nestedOrMulticamEdits() > 0, r.summary());
    }
}
