package dev.autoeditor.fetch;

import dev.autoeditor.util.UserException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks zip and tar.gz archives so that nothing lands outside the target folder: entries with
 * absolute paths or {@code ..} that leave the folder are refused, links that point outside are
 * refused, and links that stay inside are skipped (following them while writing could still escape).
 */
public final class ArchiveExtractor {
    private static final Logger log = LoggerFactory.getLogger(ArchiveExtractor.class);

    private ArchiveExtractor() {}

    /** True when the file name ends like an archive this class unpacks. */
    public static boolean isArchive(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".zip") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
    }

    /**
     * Unpacks {@code archive} (its type from {@code fileName}) into {@code dest}, which must be empty or absent.
     *
     * @return the number of files written
     */
    public static int extract(Path archive, String fileName, Path dest) throws IOException {
        Files.createDirectories(dest);
        Path root = dest.toRealPath();
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            // ZipFile reads the central directory, the only place that marks an entry as a symbolic link.
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                int files = 0;
                for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        String link = entry.isUnixSymlink() ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
                        files += place(root, archive, entry.getName(), entry.isDirectory(), link, false, in);
                    }
                }
                return files;
            }
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            int files = 0;
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                boolean isLink = entry.isSymbolicLink() || entry.isLink();
                files += place(root, archive, entry.getName(), entry.isDirectory(), isLink ? entry.getLinkName() : null, entry.isLink(), in);
            }
            return files;
        }
    }

    /** Writes one entry under {@code root}; returns 1 for a file written, else 0. */
    private static int place(Path root, Path archive, String name, boolean directory, String link, boolean hardLink, InputStream content)
            throws IOException {
        Path target = inside(root, name, archive);
        if (link != null) {
            // Hard links name a path from the archive's root, symbolic links one from their own folder.
            Path resolved = (hardLink ? root : target.getParent()).resolve(link).normalize();
            if (Path.of(link).isAbsolute() || !resolved.startsWith(root)) {
                throw new UserException("archive " + archive + ": entry '" + name + "' links to '" + link
                        + "', outside the folder it unpacks into; refusing to unpack it");
            }
            log.warn("archive {}: skipping link entry '{}' -> '{}'", archive.getFileName(), name, link);
            return 0;
        }
        if (directory) {
            Files.createDirectories(target);
            return 0;
        }
        Files.createDirectories(target.getParent());
        // Links are never created, so a folder's real path must still lie inside the root.
        if (!target.getParent().toRealPath().startsWith(root)) {
            throw new UserException("archive " + archive + ": entry '" + name + "' would be written outside the folder it unpacks into");
        }
        Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
        return 1;
    }

    private static Path inside(Path root, String name, Path archive) {
        String normalised = name.replace('\\', '/');
        if (normalised.startsWith("/") || normalised.matches("^[A-Za-z]:.*")) {
            throw new UserException("archive " + archive + ": entry '" + name + "' has an absolute path; refusing to unpack it");
        }
        Path target = root.resolve(normalised).normalize();
        if (!target.startsWith(root)) {
            throw new UserException("archive " + archive + ": entry '" + name + "' would be written outside the folder it unpacks into; refusing to unpack it");
        }
        return target;
    }
}
