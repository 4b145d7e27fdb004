package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.data.KeyframeCsvFixture;
import dev.autoeditor.util.DiskSpace;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misuses and damaged files that used to end in a raw Java exception, a wrong exit code or a silent
 * success (issue 18, item 14): each gives one line naming the path or setting and what to do, and the
 * files that were there are left as they were.
 */
class CommandMisuseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Windows and a one-step checkpoint, shared (the tests copy what they change). */
    @TempDir
    static Path shared;

    static Path csv;
    static String pre;
    static String win;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() throws Exception {
        csv = shared.resolve("keyframes.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(31, 9, 2, 8, 100));
        pre = shared.resolve("preprocessed").toString();
        win = shared.resolve("windows").toString();
        assertEquals(0, CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", csv.toString(), "--output", pre).code());
        assertEquals(0, CliRunner.run("window", "--profile", "tiny", "-q", "--input", pre, "--output", win).code());
        assertEquals(0, CliRunner.run("pretrain", "--profile", "tiny", "-q", "--set", "train.max_steps=1", "--data", win,
                "--out", shared.resolve("ckpt").toString()).code());
        model = shared.resolve("ckpt/last.json");
    }

    private static String error(CliRunner.Result r) {
        String line = SettingsUpFrontTest.error(r);
        assertFalse(line.matches(".*\\b[A-Z][A-Za-z]*(Exception|Error)\\b.*"), "no Java exception name: " + line);
        return line;
    }

    private static void assertContains(String line, String... parts) {
        for (String p : parts) assertTrue(line.contains(p), "'" + p + "' missing from: " + line);
    }

    @Test
    void windowThatWritesNoWindowIsAnErrorSayingWhy() throws Exception {
        Path out = dir.resolve("win");
        CliRunner.Result r = CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", out.toString(),
                "--set", "window.min_sequence_frames=1000");
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertContains(error(r), "no windows", csv.toString(), "shorter than window.min_sequence_frames (1000 frames)",
                "--set window.min_sequence_frames=");
        assertFalse(Files.exists(out.resolve("windows.json")), "nothing written");

        // Over earlier windows, with --force: they are kept.
        Map<Path, String> before = FileHashes.of(Path.of(win));
        CliRunner.Result over = CliRunner.run("window", "--profile", "tiny", "--input", pre, "--output", win, "--force",
                "--set", "window.min_sequence_frames=1000");
        assertEquals(ExitCodes.FAILURE, over.code(), over.toString());
        assertContains(error(over), "the windows in " + win + " are kept");
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void anOutputThatIsAFolderWhereAFileGoesIsABadCommandLineForceOrNot() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("tables"));
        Files.writeString(folder.resolve("old.csv"), "the user's table");
        Path xml = Files.writeString(dir.resolve("e.xml"), ConvertHardeningTest.xmeml("25",
                List.of(List.of(ConvertHardeningTest.ClipXml.of("A", 0, 50, 0, 50)))));
        Map<Path, String> before = FileHashes.of(dir);
        for (List<String> force : List.of(List.<String>of(), List.of("--force"))) {
            List<String> args = new java.util.ArrayList<>(List.of("convert", "--input", xml.toString(), "--output", folder.toString()));
            args.addAll(force);
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.code(), r.toString());
            String line = error(r);
            assertContains(line, "--output " + folder + " is a folder", folder.resolve("keyframes.csv").toString());
            assertFalse(line.contains("--force"), "--force cannot help: " + line);
        }
        CliRunner.Result report = CliRunner.run("report", "--run-dir", dir.resolve("run").toString(), "--out", folder.toString(), "--force");
        assertEquals(ExitCodes.USAGE, report.code(), report.toString());
        assertContains(error(report), "--out " + folder + " is a folder");
        CliRunner.Result json = CliRunner.run("evaluate", "--model", model.toString(), "--data", win, "--json", folder.toString(), "--force");
        assertEquals(ExitCodes.USAGE, json.code(), json.toString());
        assertContains(error(json), "--json " + folder + " is a folder");
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void aFolderOptionOrRunDirectoryThatIsAFileIsABadCommandLine() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "the user's notes");
        Map<Path, String> before = FileHashes.of(dir);
        Map<String, List<String>> commands = Map.of(
                "--run-dir", List.of("full-run", "--profile", "tiny", "--run-dir", file.toString()),
                "--out", List.of("pretrain", "--profile", "tiny", "--data", win, "--out", file.toString()),
                "--output", List.of("window", "--profile", "tiny", "--input", pre, "--output", file.toString()));
        for (var c : commands.entrySet()) {
            CliRunner.Result r = CliRunner.run(c.getValue().toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.code(), r.toString());
            assertContains(error(r), c.getKey() + " " + file + " is a file", "name a folder");
        }
        CliRunner.Result status = CliRunner.run("status", "--run-dir", file.toString());
        assertEquals(ExitCodes.USAGE, status.code(), status.toString());
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void readOnlyMediaAreNamedInWords() throws Exception {
        // A read-only disk, as the operating system reports it (checked by hand on a tmpfs mounted read-only: docs/failures.md).
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("old.csv"), "the user's table");
        Path xml = Files.writeString(dir.resolve("e.xml"), ConvertHardeningTest.xmeml("25",
                List.of(List.of(ConvertHardeningTest.ClipXml.of("A", 0, 50, 0, 50)))));
        Map<Path, String> before = FileHashes.of(dir);
        CliRunner.Result convert;
        CliRunner.Result fullRun;
        try (DiskSpace.Simulation readOnly = DiskSpace.simulateWriteFailure(
                p -> p.toAbsolutePath().startsWith(media) ? new FileSystemException(p.toString(), null, "Read-only file system") : null)) {
            convert = CliRunner.run("convert", "--input", xml.toString(), "--output", media.resolve("new.csv").toString());
            fullRun = CliRunner.run("full-run", "--profile", "tiny", "--run-dir", media.resolve("run").toString());
        }
        for (CliRunner.Result r : List.of(convert, fullRun)) {
            assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
            assertContains(error(r), "cannot write in " + media, "read-only file system", "write to a folder on a writable disk");
        }
        assertEquals(Map.of(), FileHashes.changed(before));
    }

    @Test
    void aTruncatedArchiveIsNamed() throws Exception {
        Path zip = dir.resolve("corpus.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("a.xml", "b.xml")) {
                out.putNextEntry(new ZipEntry("projects/" + name));
                out.write(ConvertHardeningTest.xmeml("25", List.of(List.of(ConvertHardeningTest.ClipXml.of("A", 0, 50, 0, 50))))
                        .repeat(20).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        byte[] whole = Files.readAllBytes(zip);
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write(whole, 0, whole.length / 2);
        }
        Map<Path, String> before = FileHashes.of(dir);
        Path raw = dir.resolve("raw");

        CliRunner.Result r = CliRunner.run("download-data", "--output", raw.toString(), "--set", "download.cache_dir=" + dir.resolve("cache"),
                "--set", "download.data=[{name: corpus, path: '" + zip + "'}]");

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertContains(error(r), "archive corpus.zip (", zip.getFileName().toString(), "damaged, truncated or not a zip archive",
                "nothing is installed", "fetch it again");
        assertEquals(Map.of(), FileHashes.changed(before));
        assertFalse(Files.exists(raw.resolve("corpus")), "nothing installed");
    }

    /** A copy of the shared checkpoint with its JSON edited by {@code edit}. */
    private Path editedCheckpoint(String name, Consumer<ObjectNode> edit) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        ObjectNode doc = (ObjectNode) JSON.readTree(model.toFile());
        Files.copy(model.resolveSibling(doc.path("weights").asText()), folder.resolve(doc.path("weights").asText()));
        edit.accept(doc);
        return Files.writeString(folder.resolve("last.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    @Test
    void aHandEditedCheckpointIsOneLineNamingTheSetting() throws Exception {
        Map<String, Consumer<ObjectNode>> edits = Map.of(
                "model.heads", doc -> ((ObjectNode) doc.path("model")).put("model.heads", 3),
                "model.d_model", doc -> ((ObjectNode) doc.path("model")).put("model.d_model", 32),
                "model.asset_embedding", doc -> ((ObjectNode) doc.path("model")).put("model.asset_embedding", 5),
                "window.stride", doc -> ((ObjectNode) doc.path("data").path("window")).put("stride", 100));
        for (var e : edits.entrySet()) {
            Path json = editedCheckpoint(e.getKey().replace('.', '-'), e.getValue());
            Map<Path, String> before = FileHashes.of(json.getParent());
            CliRunner.Result r = CliRunner.run("evaluate", "--model", json.toString(), "--data", win);
            assertEquals(ExitCodes.FAILURE, r.code(), e.getKey() + "\n" + r);
            String line = error(r);
            assertContains(line, json.toString(), "edited");
            if (!e.getKey().equals("model.d_model") && !e.getKey().equals("model.asset_embedding")) assertContains(line, e.getKey());
            assertEquals(Map.of(), FileHashes.changed(before));
        }
    }
}
