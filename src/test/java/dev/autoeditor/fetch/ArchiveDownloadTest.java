package dev.autoeditor.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveDownloadTest {
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

    private Config config(String dataList) {
        return ConfigLoader.load("default", null, List.of(
                "download.cache_dir=" + tmp.resolve("cache"), "download.backoff_ms=1", "download.data=" + dataList));
    }

    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putArchiveEntry(new ZipArchiveEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] tarGzWithLink(String linkName, String linkTarget) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] xml = "<xmeml/>".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("projects/a.xml");
            file.setSize(xml.length);
            tar.putArchiveEntry(file);
            tar.write(xml);
            tar.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(linkTarget);
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void zipOfProjectsIsUnpackedUnderItsName() throws Exception {
        byte[] archive = zip("projects/a.xml", "<xmeml>a</xmeml>", "projects/b.xml", "<xmeml>b</xmeml>");
        server.script("/corpus.zip", archive, TestHttpServer.SERVE);
        Config config = config("[{name: corpus, url: '" + server.url("/corpus.zip") + "', sha256: " + Hashing.sha256(archive) + "}]");

        List<InstalledSource> got = new DatasetDownloader(config).download(tmp.resolve("raw"));

        assertEquals("<xmeml>b</xmeml>", Files.readString(tmp.resolve("raw/corpus/projects/b.xml")));
        assertEquals(2, got.get(0).files());
        assertEquals(Hashing.sha256(archive), got.get(0).sha256());
    }

    @Test
    void zipSlipEntryIsRefusedAndNothingEscapes() throws Exception {
        byte[] archive = zip("ok.xml", "<xmeml/>", "../../evil.xml", "gotcha");
        server.script("/slip.zip", archive, TestHttpServer.SERVE);
        Config config = config("[{name: slip, url: '" + server.url("/slip.zip") + "'}]");

        UserException e = assertThrows(UserException.class, () -> new DatasetDownloader(config).download(tmp.resolve("a/raw")));

        assertTrue(e.getMessage().contains("../../evil.xml"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil.xml")));
        assertFalse(Files.exists(tmp.resolve("a/evil.xml")));
        assertFalse(Files.exists(tmp.resolve("a/raw/slip")), "a refused archive installs nothing");
    }

    @Test
    void absoluteEntryIsRefused() throws Exception {
        Path archive = tmp.resolve("abs.zip");
        Files.write(archive, zip("/tmp/evil.xml", "gotcha"));
        assertThrows(UserException.class, () -> ArchiveExtractor.extract(archive, "abs.zip", tmp.resolve("out")));
    }

    @Test
    void symlinkPointingOutIsRefusedAndOneInsideIsSkipped() throws Exception {
        Path out = tmp.resolve("out.tar.gz");
        Files.write(out, tarGzWithLink("projects/escape", "../../../etc/passwd"));
        UserException e = assertThrows(UserException.class, () -> ArchiveExtractor.extract(out, "out.tar.gz", tmp.resolve("x")));
        assertTrue(e.getMessage().contains("projects/escape"), e.getMessage());

        Path inside = tmp.resolve("in.tar.gz");
        Files.write(inside, tarGzWithLink("projects/alias.xml", "a.xml"));
        assertEquals(1, ArchiveExtractor.extract(inside, "in.tar.gz", tmp.resolve("y")));
        assertTrue(Files.isRegularFile(tmp.resolve("y/projects/a.xml")));
        assertFalse(Files.exists(tmp.resolve("y/projects/alias.xml"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void localFolderIsCopiedWithItsTreeHash() throws Exception {
        Path exports = tmp.resolve("exports");
        Files.createDirectories(exports.resolve("sub"));
        Files.writeString(exports.resolve("one.xml"), "<xmeml>1</xmeml>");
        Files.writeString(exports.resolve("sub/two.xml"), "<xmeml>2</xmeml>");
        Config config = config("[{name: mine, path: '" + exports + "'}]");

        List<InstalledSource> got = new DatasetDownloader(config).download(tmp.resolve("raw"));

        assertEquals("<xmeml>2</xmeml>", Files.readString(tmp.resolve("raw/mine/sub/two.xml")));
        assertEquals(Hashing.sha256Tree(exports), got.get(0).sha256());
        assertEquals(Hashing.sha256Tree(exports), Hashing.sha256Tree(tmp.resolve("raw/mine")));
    }

    @Test
    void badSourceEntriesNameTheKeyAndTheFix() {
        ConfigException noUrl = assertThrows(ConfigException.class, () -> new DatasetDownloader(config("[{name: x}]")).sources());
        assertTrue(noUrl.getMessage().contains("download.data") && noUrl.getMessage().contains("'url'"), noUrl.getMessage());
        ConfigException badSha = assertThrows(ConfigException.class,
                () -> new DatasetDownloader(config("[{name: x, path: /tmp, sha256: abc}]")).sources());
        assertTrue(badSha.getMessage().contains("64 hexadecimal"), badSha.getMessage());
        ConfigException ftp = assertThrows(ConfigException.class,
                () -> new DatasetDownloader(config("[{name: x, url: 'ftp://host/a.zip'}]")).sources());
        assertTrue(ftp.getMessage().contains("http://"), ftp.getMessage());
    }
}
