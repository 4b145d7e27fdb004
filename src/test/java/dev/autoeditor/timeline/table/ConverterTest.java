package dev.autoeditor.timeline.table;

import static dev.autoeditor.timeline.table.Timelines.clip;
import static dev.autoeditor.timeline.table.Timelines.file;
import static dev.autoeditor.timeline.table.Timelines.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converter's orchestration with a stand-in reader: order, failures, overwrite, provenance. */
class ConverterTest {
    @TempDir
    Path dir;

    /** Reads "project" files whose text is the clip length in frames, "bad" for a parse failure. */
    private static final ProjectReader FAKE = file -> {
        String text = Files.readString(file).trim();
        if (text.equals("bad")) throw new UserException(file + ":3: unexpected end of element; re-export the file");
        if (text.equals("boom")) throw new IllegalStateException("a bug");
        long frames = Long.parseLong(text);
        Clip rotated = new Clip("c2", "Spin", true, 0, frames, 0, frames, file("S"), Motion.IDENTITY, Crop.NONE,
                Set.of(Clip.Unsupported.ROTATION));
        Sequence s = new Sequence("s", "Main, cut", Timelines.PAL, 1920, 1080, 0,
                List.of(track(clip("c1", file("A"), 0, frames, 0, frames)), track(rotated)));
        Sequence empty = new Sequence("e", "Empty", Timelines.PAL, 1920, 1080, 0, List.of());
        return new Project(file.getFileName().toString(), List.of(s, empty));
    };

    private ConvertOptions options(int threads, boolean force) {
        return new ConvertOptions(SamplingRate.parse("5", "t"), threads, force, Map.of("convert.sample_fps", "5", "convert.threads", threads));
    }

    @Test
    void outputIsInPathOrderWhateverTheThreadCount() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/sub"));
        Files.writeString(dir.resolve("in/b.xml"), "10");
        Files.writeString(dir.resolve("in/a.xml"), "25");
        Files.writeString(in.resolve("c.xml"), "5");
        Files.writeString(in.resolve("notes.txt"), "not xml");
        Path one = dir.resolve("one.csv");
        Path four = dir.resolve("four.csv");
        ConvertResult r1 = new Converter(FAKE).convert(List.of(dir.resolve("in")), one, options(1, false));
        new Converter(FAKE).convert(List.of(dir.resolve("in")), four, options(4, false));
        assertEquals(Files.readString(one), Files.readString(four));
        List<String> lines = Files.readAllLines(one);
        // 25 frames at 5 of 25 fps = 5 rows, 10 -> 2, 5 -> 1; header first.
        assertEquals(1 + 5 + 2 + 1, lines.size());
        assertTrue(lines.get(1).startsWith("a,\"Main, cut\",0,0,1,0,100,"), lines.get(1));
        assertTrue(lines.get(6).startsWith("b,"), lines.get(6));
        assertTrue(lines.get(8).startsWith("c,\"Main, cut\",0,0,"), lines.get(8));
        assertEquals(3, r1.converted().size());
        assertEquals(8, r1.rows());
        assertEquals(List.of("a", "b", "c"), r1.converted().stream().map(ConvertResult.FileReport::project).toList());
        assertEquals(List.of("Main, cut / Spin (c2)"), r1.converted().get(0).unsupported().get(Clip.Unsupported.ROTATION));
        assertTrue(r1.converted().get(0).notes().get(0).contains("'Empty' has no video clips"));
        assertFalse(Files.exists(dir.resolve(".one.csv.tmp")));
        assertFalse(Files.exists(dir.resolve(".one.csv.parts")));
    }

    @Test
    void aBadFileIsReportedAndTheOthersConvert() throws Exception {
        Files.writeString(dir.resolve("a.xml"), "10");
        Files.writeString(dir.resolve("b.xml"), "bad");
        Files.writeString(dir.resolve("c.xml"), "10");
        Path out = dir.resolve("out/table.csv");
        ConvertResult r = new Converter(FAKE).convert(List.of(dir.resolve("a.xml"), dir.resolve("b.xml"), dir.resolve("c.xml")),
                out, options(2, false));
        assertEquals(2, r.converted().size());
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).message().contains("b.xml:3: unexpected end"), r.failures().get(0).message());
        assertEquals(5, Files.readAllLines(out).size());

        JsonNode prov = new ObjectMapper().readTree(ConvertProvenance.sidecarFor(out).toFile());
        assertEquals("5", prov.get("sample_fps").asText());
        assertEquals(4, prov.get("rows").asInt());
        assertEquals(3, prov.get("inputs").size());
        assertEquals("failed", prov.get("inputs").get(1).get("status").asText());
        assertEquals(dev.autoeditor.util.Hashing.sha256(dir.resolve("a.xml")), prov.get("inputs").get(0).get("sha256").asText());
        assertEquals(dev.autoeditor.util.Hashing.sha256(out), prov.get("output_sha256").asText());
        assertEquals(2, prov.path("provenance").path("config").path("convert.threads").asInt());
        assertEquals("convert", prov.path("provenance").path("phase").asText());
        assertEquals(3, prov.path("provenance").path("inputs").path("files").asInt(), "every input, converted or not");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("a.xml"), "10");
        Path out = dir.resolve("table.csv");
        Files.writeString(out, "precious");
        UserException e = assertThrows(UserException.class,
                () -> new Converter(FAKE).convert(List.of(dir.resolve("a.xml")), out, options(1, false)));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals("precious", Files.readString(out));
        new Converter(FAKE).convert(List.of(dir.resolve("a.xml")), out, options(1, true));
        assertTrue(Files.readString(out).startsWith("project,sequence,frame,time_s,v1_active"));
    }

    @Test
    void nothingConvertedIsAnErrorAndWritesNothing() throws IOException {
        Files.writeString(dir.resolve("b.xml"), "bad");
        Files.writeString(dir.resolve("z.xml"), "0");
        Path out = dir.resolve("table.csv");
        UserException e = assertThrows(UserException.class,
                () -> new Converter(FAKE).convert(List.of(dir), out, options(1, false)));
        assertTrue(e.getMessage().contains("none of the 2 input file(s) converted"), e.getMessage());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve(".table.csv.tmp")));
    }

    @Test
    void aFileWithOnlyEmptySequencesFailsAsNoVideo() throws Exception {
        Files.writeString(dir.resolve("a.xml"), "10");
        Files.writeString(dir.resolve("z.xml"), "0");
        ConvertResult r = new Converter(FAKE).convert(List.of(dir), dir.resolve("t.csv"), options(1, false));
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).message().contains("z.xml: no video"), r.failures().get(0).message());
    }

    @Test
    void missingInputIsAClearError() {
        UserException e = assertThrows(UserException.class,
                () -> new Converter(FAKE).convert(List.of(dir.resolve("nope")), dir.resolve("t.csv"), options(1, false)));
        assertTrue(e.getMessage().contains("nope does not exist"), e.getMessage());
    }

    @Test
    void aBugOnOneFileIsReportedAsAnInternalErrorAndTheOthersConvert() throws Exception {
        Files.writeString(dir.resolve("a.xml"), "10");
        Files.writeString(dir.resolve("b.xml"), "boom");
        ConvertResult r = new Converter(FAKE).convert(List.of(dir), dir.resolve("t.csv"), options(2, false));
        assertEquals(1, r.converted().size());
        String msg = r.failures().get(0).message();
        assertTrue(msg.contains("b.xml: internal error (java.lang.IllegalStateException: a bug); please report it"), msg);
    }
}
