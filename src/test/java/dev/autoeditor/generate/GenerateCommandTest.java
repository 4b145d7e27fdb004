package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auto-editor generate} end to end with the tiny trained model: what it writes (an edit that
 * converts back to the frames CSV it wrote beside it), the same bytes for the same seed, and one-line
 * refusals that write nothing.
 */
class GenerateCommandTest {
    @TempDir
    Path tmp;

    private String[] generate(Path out, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--run-dir", TinyModel.run().toString(),
                "--prompt", TinyModel.exports().get(3).toString(), "--prompt-seconds", "7.5", "--seconds", "12", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void writesAnEditThatConvertsBackToItsFramesAndTheSameSeedGivesTheSameBytes() throws Exception {
        Path a = tmp.resolve("a/edit.xml");
        Path b = tmp.resolve("b/edit.xml");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        CliRunner.Result first = CliRunner.run(generate(a, "--frames-csv", a.resolveSibling("edit.csv").toString(), "--seed", "7"));
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("wrote " + a), first.out());
        assertTrue(first.out().contains("0 problem(s)"), first.out());
        assertTrue(first.out().contains("60 frames (12.0"), first.out());
        CliRunner.Result second = CliRunner.run(generate(b, "--frames-csv", b.resolveSibling("edit.csv").toString(), "--seed", "7"));
        assertEquals(0, second.code(), second.toString());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same seed, same edit bytes");
        assertArrayEquals(Files.readAllBytes(a.resolveSibling("edit.csv")), Files.readAllBytes(b.resolveSibling("edit.csv")));
        CliRunner.Result other = CliRunner.run(generate(tmp.resolve("c.xml"), "--seed", "8"));
        assertEquals(0, other.code(), other.toString());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(tmp.resolve("c.xml"))), "another seed, another edit");

        // convert of the written edit, at the model's rate, ends with the frames CSV's rows: the same
        // project, sequence, frame, time, active and asset, and regressions within the keyframe tolerance.
        Path converted = tmp.resolve("converted.csv");
        CliRunner.Result convert = CliRunner.run("convert", "--input", a.toString(), "--output", converted.toString(), "--fps", "5", "-q");
        assertEquals(0, convert.code(), convert.toString());
        List<String> rows = Files.readAllLines(converted);
        List<String> frames = Files.readAllLines(a.resolveSibling("edit.csv"));
        assertEquals(rows.get(0), frames.get(0), "the same header");
        assertEquals(61, frames.size());
        assertTrue(rows.size() > 61, "the prompt's part comes first");
        var tolerance = TinyModel.generator(1).settings().tolerance();
        List<String> tail = rows.subList(rows.size() - 60, rows.size());
        for (int j = 0; j < 60; j++) {
            String[] want = frames.get(j + 1).split(",");
            String[] got = tail.get(j).split(",");
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                int field = i < 4 ? -1 : (i - 4) % 9;
                if (field < 2) {
                    assertEquals(want[i], got[i], "frame " + j + " column " + i);
                } else {
                    double d = Math.abs(Double.parseDouble(want[i]) - Double.parseDouble(got[i]));
                    assertTrue(d <= tolerance.of(field - 2) + 1e-4, "frame " + j + " column " + i + ": " + want[i] + " vs " + got[i]);
                }
            }
        }
    }

    @Test
    void refusalsAreOneLineAndWriteNothing() throws Exception {
        Path out = tmp.resolve("edit.xml");
        Path csv = tmp.resolve("edit.csv");
        // An existing output without --force: neither file is touched.
        Files.writeString(out, "mine");
        CliRunner.Result exists = CliRunner.run(generate(out, "--frames-csv", csv.toString()));
        assertRefused(exists, "already exists; pass --force");
        assertEquals("mine", Files.readString(out));
        assertFalse(Files.exists(csv));
        Files.delete(out);

        Path audioOnly = fixture("audio-only.xml");
        assertRefused(CliRunner.run("generate", "--model", TinyModel.checkpoint().toString(), "--prompt", audioOnly.toString(),
                "--seconds", "5", "--out", out.toString()), "export a sequence that has video");

        assertRefused(CliRunner.run(generate(out, "--sequence", "No such sequence")), "has no sequence named 'No such sequence'");

        Path manyTracks = fixture("many-tracks.xml");
        assertRefused(CliRunner.run("generate", "--model", TinyModel.checkpoint().toString(), "--prompt", manyTracks.toString(),
                "--seconds", "5", "--out", out.toString()), "video tracks (V1-V20)");

        assertRefused(CliRunner.run("generate", "--model", TinyModel.checkpoint().toString(), "--prompt", TinyModel.exports().get(0).toString(),
                "--prompt-seconds", "0", "--seconds", "5", "--out", out.toString()), "leaves no frame of context");

        for (String rate : new String[] {"native", null}) {
            Path model = modelWithRate(rate);
            CliRunner.Result r = CliRunner.run("generate", "--model", model.toString(), "--prompt", TinyModel.exports().get(0).toString(),
                    "--seconds", "5", "--out", out.toString());
            assertRefused(r, rate == null ? "does not record the sample rate" : "native frame rate");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("edit")).toList(), "nothing written");
        }
    }

    private static void assertRefused(CliRunner.Result r, String says) {
        assertTrue(r.code() != 0, r.toString());
        assertTrue(r.err().contains(says), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    private Path fixture(String name) throws Exception {
        return Path.of(getClass().getResource("/xmeml/" + name).toURI());
    }

    /** A copy of the tiny model whose data spec says it was trained at {@code rate} (null: unknown). */
    private Path modelWithRate(String rate) throws Exception {
        Path source = TinyModel.checkpoint();
        Path dir = Files.createDirectories(tmp.resolve("model-" + rate));
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(source.toFile());
        ((ObjectNode) doc.get("data")).put("sample_fps", rate);
        Path copy = dir.resolve("best.json");
        json.writeValue(copy.toFile(), doc);
        Files.copy(source.resolveSibling(doc.get("weights").asText()), dir.resolve(doc.get("weights").asText()));
        return copy;
    }

    @Test
    void theWholeSequenceIsTheContextWithoutPromptSeconds() throws Exception {
        Path out = tmp.resolve("whole.xml");
        CliRunner.Result r = CliRunner.run("generate", "--model", TinyModel.checkpoint().toString(), "--prompt",
                TinyModel.exports().get(1).toString(), "--seconds", "4", "--out", out.toString(), "--temperature", "0");
        assertEquals(0, r.code(), r.toString());
        var prompt = XmemlReader.forEditing().read(TinyModel.exports().get(1));
        PromptCut whole = PromptCut.whole(prompt, prompt.sequences().get(0), TinyModel.generator(0).sampling());
        var edit = new XmemlReader().read(out).sequences().get(0);
        assertTrue(edit.lengthFrames() > whole.cutFrame(), "the edit runs past the prompt's end");
        assertTrue(r.out().contains("temperature 0.0"), r.out());
    }
}
