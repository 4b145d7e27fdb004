package dev.autoeditor.cli;

import dev.autoeditor.util.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every regular file under some folders, by path: taken before a command and again
 * after it, two snapshots show that the command left the files that were there untouched.
 */
public final class FileHashes {
    private FileHashes() {}

    /** Every regular file under {@code roots} (or the files themselves) with its SHA-256. */
    public static Map<Path, String> of(Path... roots) {
        Map<Path, String> hashes = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) hashes.put(p, Hashing.sha256(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hashes;
    }

    /** The entries of {@code before} that are now missing or different (empty when all are intact). */
    public static Map<Path, String> changed(Map<Path, String> before) {
        Map<Path, String> now = new TreeMap<>();
        for (Path p : before.keySet()) now.put(p, Files.isRegularFile(p) ? hashOrNull(p) : "missing");
        Map<Path, String> changed = new TreeMap<>();
        before.forEach((p, sha) -> {
            if (!sha.equals(now.get(p))) changed.put(p, "was " + sha + ", now " + now.get(p));
        });
        return changed;
    }

    private static String hashOrNull(Path p) {
        try {
            return Hashing.sha256(p);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
