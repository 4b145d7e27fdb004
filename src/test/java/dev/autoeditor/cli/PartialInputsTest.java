package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.pipeline.Manifest;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.testing.RealExports;
import dev.autoeditor.timeline.table.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that fail to convert inside a full run (issue 18, item 3): damaged files make the run finish
 * what it can and exit 3 naming them, every time, until they are fixed or removed; files that hold
 * nothing to learn (audio-only, empty, no sequence) are reported as skipped and are not failures, so a
 * folder of real exports does not exit 3 forever.
 */
class PartialInputsTest {
    @TempDir
    Path dir;

    /** An xmeml fixture from src/test/resources/xmeml/ copied into {@code folder}. */
    private static Path copyFixture(Path folder, String name) throws Exception {
        return Files.copy(Path.of(PartialInputsTest.class.getResource("/xmeml/" + name).toURI()), folder.resolve(name));
    }

    /** Files without video: an audio-only export, one whose sequence is empty, one with no sequence. */
    private static List<Path> withoutVideo(Path folder) throws Exception {
        Path empty = Files.writeString(folder.resolve("empty-sequence.xml"), ConvertHardeningTest.xmeml("25", List.of()));
        return List.of(copyFixture(folder, "audio-only.xml"), empty, copyFixture(folder, "no-sequence.xml"));
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    void convertReportsFilesWithoutVideoAsSkippedAndExitsZero() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Fixtures.copy(in, "bezier.xml", "ntsc-motion.xml");
        List<Path> skipped = withoutVideo(in);
        Path out = dir.resolve("out.csv");
        Map<Path, String> before = FileHashes.of(in);

        CliRunner.Result r = CliRunner.run("convert", "--input", in.toString(), "--output", out.toString());

        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertEquals(List.of(), lines(r.err(), "failed: "), r.err());
        for (Path p : skipped) {
            assertTrue(lines(r.out(), "  skipped (no video): ").stream().anyMatch(l -> l.contains(p + ":")), p + "\n" + r);
        }
        assertTrue(r.out().contains("converted 2 of 5 file(s)") && r.out().contains("3 skipped: no video"), r.out());
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void convertOfTheRealExportsExitsZero() throws Exception {
        Path real = RealExports.require();
        CliRunner.Result r = CliRunner.run("convert", "--input", real.toString(), "--output", dir.resolve("real.csv").toString(), "-q");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(List.of(), lines(r.err(), "failed: "), r.err());
    }

    @Test
    void fullRunWithDamagedInputsFinishesWhatItCanAndExits3NamingThemUntilTheyAreGone() throws Exception {
        Path exports = dir.resolve("exports");
        CliRunner.Result synth = CliRunner.run("synth", "--out", exports.toString(), "--projects", "6", "--seed", "7", "--profile", "tiny", "-q");
        assertEquals(0, synth.code(), synth.toString());
        List<Path> damaged = List.of(Files.copy(Fixtures.fixture("malformed.xml"), exports.resolve("malformed.xml")),
                Files.copy(Fixtures.fixture("not-xmeml.xml"), exports.resolve("not-xmeml.xml")),
                Files.writeString(exports.resolve("truncated.xml"), Files.readString(exports.resolve("synth-0001-interview.xml")).substring(0, 900)));
        List<Path> skipped = withoutVideo(exports);
        Map<Path, String> before = FileHashes.of(exports);
        Path run = dir.resolve("run");
        // The phases after pretrain are left out: the inputs are what this test is about.
        String[] fullRun = {"full-run", "--run-dir", run.toString(), "--profile", "tiny", "--set", "train.max_steps=1",
                "--set", "download.data=[{name: mine, path: " + exports + "}]", "--set", "distill.enabled=false",
                "--set", "finetune.enabled=false", "--set", "samples.enabled=false"};

        CliRunner.Result r = CliRunner.run(fullRun);

        assertEquals(ExitCodes.PARTIAL, r.code(), r.toString());
        String error = SettingsUpFrontTest.error(r);
        assertTrue(error.contains("3 of 12 input file(s) could not be converted") && error.contains("convert"), error);
        assertTrue(error.contains("fix or remove them, then run again: auto-editor full-run --run-dir " + run), error);
        List<String> failed = lines(r.err(), "  failed: ");
        assertEquals(3, failed.size(), r.err());
        for (Path p : damaged) assertTrue(failed.stream().anyMatch(l -> l.contains(p + ":")), p + " not named: " + r.err());
        assertTrue(failed.stream().anyMatch(l -> l.contains("malformed XML")), r.err());
        for (Path p : skipped) assertFalse(r.err().contains(p.toString()), "a file without video is no failure: " + r.err());
        assertTrue(r.out().contains("3 input file(s) hold no video and were skipped"), r.out());
        // The run went on with what converted: the model, the evaluation and the report are there.
        assertTrue(Files.exists(run.resolve(RunLayout.PRETRAIN).resolve("last.json")), r.out());
        assertTrue(Files.exists(run.resolve("eval/test.json")) && Files.exists(run.resolve("report/index.html")), r.out());
        assertEquals(Map.of(), FileHashes.changed(before));

        // Run again without changes: nothing to do, and the damaged files are still named.
        CliRunner.Result again = CliRunner.run(fullRun);
        assertEquals(ExitCodes.PARTIAL, again.code(), again.toString());
        assertFalse(FullRunCommandTest.outcomes(again).containsValue("ran"), again.out());
        assertEquals(3, lines(again.err(), "  failed: ").size(), again.err());

        // Without the damaged files, the files without video alone do not make it partial.
        for (Path p : damaged) Files.delete(p);
        CliRunner.Result clean = CliRunner.run(fullRun);
        assertEquals(ExitCodes.OK, clean.code(), clean.toString());
        assertTrue(clean.out().contains("3 input file(s) hold no video and were skipped"), clean.out());
        @SuppressWarnings("unchecked")
        List<String> notes = (List<String>) Manifest.load(run.resolve(RunLayout.MANIFEST)).get("convert").notes.get("files_skipped");
        assertEquals(3, notes.size(), String.valueOf(notes));
    }
}
