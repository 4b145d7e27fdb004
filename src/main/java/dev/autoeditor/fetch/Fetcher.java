package dev.autoeditor.fetch;

import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a source onto this machine. Remote files land in a cache keyed by their SHA-256: the bytes
 * go to a partial file (resumable), are checked against the configured checksum, and only then
 * move under {@code sha256/<hash>}. A pinned source already in the cache costs no request; an
 * unpinned URL is remembered by URL so a second run does not fetch it again either.
 */
public final class Fetcher {
    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);

    private final DownloadSettings settings;
    private final HttpFetcher http;

    public Fetcher(DownloadSettings settings) {
        this.settings = settings;
        this.http = new HttpFetcher(settings);
    }

    public DownloadSettings settings() {
        return settings;
    }

    public Path cacheDir() {
        return settings.cacheDir();
    }

    public FetchedSource fetch(DownloadSource source) throws IOException, InterruptedException {
        if (!source.pinned()) {
            log.warn("source '{}' has no sha256 in the config; its content is not verified (the hash on arrival is recorded in the manifest; add it to the config to pin it)",
                    source.name());
        }
        return source.kind() == DownloadSource.Kind.HTTP ? fetchRemote(source) : fetchLocal(source);
    }

    private FetchedSource fetchLocal(DownloadSource source) throws IOException {
        Path path = source.localPath();
        if (!Files.exists(path)) {
            throw new UserException("source '" + source.name() + "': " + path.toAbsolutePath() + " does not exist; check its url/path in the config");
        }
        String sha = Hashing.sha256Tree(path);
        verify(source, sha, path.toString());
        return new FetchedSource(source, path, sha, true);
    }

    private FetchedSource fetchRemote(DownloadSource source) throws IOException, InterruptedException {
        Path cached = source.pinned() ? cachedFile(source.sha256()) : rememberedByUrl(source);
        if (cached != null && Files.isRegularFile(cached)) {
            log.info("{}: in the cache ({}), nothing to download", source.name(), cached);
            return new FetchedSource(source, cached, cached.getFileName().toString(), true);
        }
        Path partial = settings.cacheDir().resolve("partial").resolve(Hashing.sha256(source.location()) + ".part");
        http.download(source.uri(), partial, source.name());
        String sha = Hashing.sha256(partial);
        if (source.pinned() && !source.sha256().equals(sha)) {
            Files.deleteIfExists(partial);
            throw new UserException("source '" + source.name() + "': " + source.location() + " has SHA-256 " + sha + " but the config expects "
                    + source.sha256() + "; the download was discarded. Check the sha256 in the config or the file on the server");
        }
        Path target = cachedFile(sha);
        Files.createDirectories(target.getParent());
        AtomicFiles.move(partial, target);
        AtomicFiles.writeString(urlIndex(source), sha + "\n");
        log.info("{}: downloaded {} bytes, sha256 {}", source.name(), Files.size(target), sha);
        return new FetchedSource(source, target, sha, false);
    }

    private Path cachedFile(String sha) {
        return settings.cacheDir().resolve("sha256").resolve(sha);
    }

    private Path urlIndex(DownloadSource source) {
        return settings.cacheDir().resolve("urls").resolve(Hashing.sha256(source.location()));
    }

    private Path rememberedByUrl(DownloadSource source) throws IOException {
        Path index = urlIndex(source);
        if (!Files.isRegularFile(index)) return null;
        String sha = Files.readString(index, StandardCharsets.UTF_8).trim();
        if (!sha.matches("[0-9a-f]{64}")) return null;
        Path file = cachedFile(sha);
        // The cache must still hold what the index names; a damaged entry is fetched again.
        if (Files.isRegularFile(file) && Hashing.sha256(file).equals(sha)) return file;
        return null;
    }

    private static void verify(DownloadSource source, String actual, String where) {
        if (source.pinned() && !source.sha256().equals(actual)) {
            throw new UserException("source '" + source.name() + "': " + where + " has SHA-256 " + actual + " but the config expects "
                    + source.sha256() + "; check the sha256 in the config");
        }
    }
}
