package dev.autoeditor.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.cli.ExitCodes;
import dev.autoeditor.cli.FileHashes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads that would hang or flood the disk (issue 18, items 7 and 9), through `download-data`
 * against a real HTTP server on the loopback interface: a host that accepts and never answers, and
 * archives that unpack to far more than they are.
 */
class DownloadLimitsTest {
    @TempDir
    Path tmp;

    TestHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRunner.Result downloadData(String path, String... sets) {
        List<String> args = new ArrayList<>(List.of("download-data", "--output", tmp.resolve("raw").toString(),
                "--set", "download.cache_dir=" + tmp.resolve("cache"), "--set", "download.backoff_ms=1",
                "--set", "download.data=[{name: corpus, url: '" + server.url(path) + "'}]"));
        for (String s : sets) args.addAll(List.of("--set", s));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static String error(CliRunner.Result r) {
        return r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow(() -> new AssertionError(r.toString()));
    }

    /** Files the user had before the command, which it must leave alone. */
    private Map<Path, String> userFiles() throws IOException {
        Files.createDirectories(tmp.resolve("raw/mine"));
        Files.writeString(tmp.resolve("raw/mine/edit.xml"), "<xmeml>mine</xmeml>");
        return FileHashes.of(tmp);
    }

    // ---- item 7: a host that accepts the connection and never answers

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void silentHostGivesUpAfterTheStallLimitSayingWhatHappened() throws Exception {
        server.script("/corpus.zip", new byte[10], TestHttpServer.silent(30_000));
        Map<Path, String> before = userFiles();
        long start = System.nanoTime();

        // Each request may wait 10 s, and 4 retries follow: without a cap on the whole stall that is 50 s.
        CliRunner.Result r = downloadData("/corpus.zip", "download.stall_s=2", "download.timeout_s=10", "download.retries=4");

        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(seconds < 8, "gave up after the 2 s stall limit, took " + seconds + " s");
        String e = error(r);
        assertTrue(e.contains("source 'corpus'") && e.contains(server.url("/corpus.zip")), e);
        assertTrue(e.contains("accepted the connection but sent no response"), e);
        assertTrue(e.contains("download.stall_s"), e);
        assertTrue(e.contains("nothing was downloaded"), e);
        assertEquals(Map.of(), FileHashes.changed(before));
        assertFalse(Files.exists(tmp.resolve("raw/corpus")));
    }

    // ---- item 9: archives that unpack to far more than they are

    /** One entry of {@code bytes} zero bytes: deflate packs it about a thousand to one. */
    static byte[] zipBomb(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            zip.putArchiveEntry(new ZipArchiveEntry("projects/edit.xml"));
            writeZeros(zip, bytes);
            zip.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    static byte[] tarGzOf(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            TarArchiveEntry e = new TarArchiveEntry("projects/edit.xml");
            e.setSize(bytes);
            tar.putArchiveEntry(e);
            writeZeros(tar, bytes);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static void writeZeros(java.io.OutputStream out, long bytes) throws IOException {
        byte[] block = new byte[1 << 16];
        Arrays.fill(block, (byte) ' ');
        for (long left = bytes; left > 0; left -= block.length) out.write(block, 0, (int) Math.min(block.length, left));
    }

    @Test
    void zipUnpackingToAThousandTimesItsSizeIsRefused() throws Exception {
        byte[] bomb = zipBomb(256L << 20);
        assertTrue(bomb.length < 1 << 20, "a 256 MB entry in " + bomb.length + " bytes");
        server.script("/corpus.zip", bomb, TestHttpServer.SERVE);
        Map<Path, String> before = userFiles();

        CliRunner.Result r = downloadData("/corpus.zip");

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        String e = error(r);
        assertTrue(e.contains("corpus.zip"), e);
        assertTrue(e.contains("projects/edit.xml"), e);
        assertTrue(e.contains("times its size"), e);
        assertTrue(e.contains("download.max_extract_ratio"), e);
        assertEquals(Map.of(), FileHashes.changed(before));
        assertFalse(Files.exists(tmp.resolve("raw/corpus")), "nothing installed");
        assertFalse(Files.exists(tmp.resolve("raw/.corpus.partial")), "the half-unpacked folder is removed");
    }

    @Test
    void tarGzLargerThanTheSizeLimitIsRefused() throws Exception {
        byte[] archive = tarGzOf(3L << 20);
        server.script("/corpus.tar.gz", archive, TestHttpServer.SERVE);
        Map<Path, String> before = userFiles();

        CliRunner.Result r = downloadData("/corpus.tar.gz", "download.max_extract_mb=1");

        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        String e = error(r);
        assertTrue(e.contains("corpus.tar.gz"), e);
        assertTrue(e.contains("more than 1 MB"), e);
        assertTrue(e.contains("download.max_extract_mb"), e);
        assertEquals(Map.of(), FileHashes.changed(before));
        assertFalse(Files.exists(tmp.resolve("raw/corpus")));
        assertFalse(Files.exists(tmp.resolve("raw/.corpus.partial")));
    }

    @Test
    void archivesWithinTheLimitsStillUnpack() throws Exception {
        byte[] archive = ArchiveDownloadTest.zip("projects/a.xml", "<xmeml>a</xmeml>".repeat(1000));
        server.script("/corpus.zip", archive, TestHttpServer.SERVE);

        CliRunner.Result r = downloadData("/corpus.zip");

        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertEquals("<xmeml>a</xmeml>".repeat(1000), Files.readString(tmp.resolve("raw/corpus/projects/a.xml"), StandardCharsets.UTF_8));
    }
}
