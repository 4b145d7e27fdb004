package dev.autoeditor.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
    @TempDir
    Path tmp;

    TestHttpServer server;
    Fetcher fetcher;
    byte[] body;

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
        fetcher = new Fetcher(new DownloadSettings(3, 1, Duration.ofSeconds(3), tmp.resolve("cache")));
        body = new byte[300_000];
        new Random(7).nextBytes(body);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DownloadSource source(String path, String sha) {
        return new DownloadSource("corpus", server.url(path), sha);
    }

    @Test
    void transferCutOffHalfWayIsResumedWithARangeRequest() throws Exception {
        server.script("/model.bin", body, TestHttpServer.CUT_HALF_WAY, TestHttpServer.SERVE);

        FetchedSource got = fetcher.fetch(source("/model.bin", Hashing.sha256(body)));

        assertArrayEquals(body, Files.readAllBytes(got.path()));
        assertEquals(List.of("/model.bin -", "/model.bin bytes=" + body.length / 2 + "-"), server.requests());
        assertEquals(tmp.resolve("cache/sha256/" + Hashing.sha256(body)), got.path());
    }

    @Test
    void stalledTransferIsCutOffAfterTheTimeoutAndResumed() throws Exception {
        server.script("/model.bin", body, TestHttpServer.stallHalfWay(8_000), TestHttpServer.SERVE);
        Fetcher impatient = new Fetcher(new DownloadSettings(2, 1, Duration.ofSeconds(1), tmp.resolve("cache")));

        long start = System.nanoTime();
        FetchedSource got = impatient.fetch(source("/model.bin", Hashing.sha256(body)));

        assertArrayEquals(body, Files.readAllBytes(got.path()));
        assertEquals(List.of("/model.bin -", "/model.bin bytes=" + body.length / 2 + "-"), server.requests());
        assertTrue(System.nanoTime() - start < 7_000_000_000L, "cut off after the 1 s timeout, not when the server gave up");
    }

    @Test
    void wrongChecksumIsRefusedAndNothingEntersTheCache() throws Exception {
        server.script("/model.bin", body, TestHttpServer.SERVE);
        String wrong = "0".repeat(64);

        UserException e = assertThrows(UserException.class, () -> fetcher.fetch(source("/model.bin", wrong)));

        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(Hashing.sha256(body)), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("cache/sha256/" + Hashing.sha256(body))));
        assertFalse(Files.exists(tmp.resolve("cache/sha256/" + wrong)));
    }

    @Test
    void notFoundFailsAtOnceNamingUrlAndStatus() {
        UserException e = assertThrows(UserException.class, () -> fetcher.fetch(source("/missing.zip", null)));

        assertTrue(e.getMessage().contains(server.url("/missing.zip")), e.getMessage());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertEquals(1, server.requests().size(), "a 4xx is not retried");
    }

    @Test
    void serviceUnavailableIsRetriedWithBackoffUntilSuccess() throws Exception {
        server.script("/model.bin", body, TestHttpServer.status(503), TestHttpServer.status(503), TestHttpServer.SERVE);

        FetchedSource got = fetcher.fetch(source("/model.bin", null));

        assertArrayEquals(body, Files.readAllBytes(got.path()));
        assertEquals(3, server.requests().size());
        assertEquals(Hashing.sha256(body), got.sha256(), "the hash computed on arrival is returned for the manifest");
    }

    @Test
    void persistent5xxGivesUpAfterTheConfiguredRetries() {
        server.script("/model.bin", body, TestHttpServer.status(500));

        UserException e = assertThrows(UserException.class, () -> fetcher.fetch(source("/model.bin", null)));

        assertTrue(e.getMessage().contains("4 attempts"), e.getMessage());
        assertEquals(4, server.requests().size());
    }

    @Test
    void secondRunIsServedFromTheCacheWithoutARequest() throws Exception {
        server.script("/model.bin", body, TestHttpServer.SERVE);
        String sha = Hashing.sha256(body);
        fetcher.fetch(source("/model.bin", sha));
        assertEquals(1, server.requests().size());

        Fetcher again = new Fetcher(new DownloadSettings(3, 1, Duration.ofSeconds(3), tmp.resolve("cache")));
        FetchedSource second = again.fetch(source("/model.bin", sha));
        FetchedSource unpinned = again.fetch(source("/model.bin", null));

        assertTrue(second.fromCache() && unpinned.fromCache());
        assertEquals(1, server.requests().size(), "the server sees no second request");
    }

    @Test
    void localFileUrlIsVerifiedInPlace() throws Exception {
        Path file = tmp.resolve("local.bin");
        Files.write(file, body);
        DownloadSource src = new DownloadSource("local", file.toUri().toString(), Hashing.sha256(body));

        FetchedSource got = fetcher.fetch(src);

        assertEquals(file, got.path());
        assertThrows(UserException.class, () -> fetcher.fetch(new DownloadSource("local", file.toString(), "1".repeat(64))));
        assertTrue(server.requests().isEmpty());
    }
}
