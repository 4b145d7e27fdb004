package dev.autoeditor.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of files, folders and strings, as lower-case hex. */
public final class Hashing {
    private Hashing() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Hash of a file, or of a folder as the sorted list of its regular files' relative paths and
     * hashes (hidden temporary files excluded), so a folder's hash changes when any file in it does.
     */
    public static String sha256Tree(Path path) throws IOException {
        if (Files.isRegularFile(path)) return sha256(path);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
                    .sorted()
                    .toList();
        }
        StringBuilder listing = new StringBuilder();
        for (Path f : files) {
            String rel = path.relativize(f).toString().replace('\\', '/');
            listing.append(rel).append('\t').append(sha256(f)).append('\n');
        }
        return sha256(listing.toString());
    }

    public static String sha256Unchecked(Path path) {
        try {
            return sha256Tree(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
