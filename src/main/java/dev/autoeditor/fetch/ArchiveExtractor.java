package dev.autoeditor.fetch;

import dev.autoeditor.util.UserException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Nor may an archive flood the disk: the bytes written are counted as they are written (sizes an
 * archive declares can lie), and unpacking stops once they pass {@link Limits#maxBytes()} or
 * {@link Limits#maxRatio()} times the archive's own size.
 */
public final class ArchiveExtractor {
    private static final Logger log = LoggerFactory.getLogger(ArchiveExtractor.class);
    /** The ratio is not applied below this many bytes: tiny archives of text may pack tighter than big ones. */
    static final long RATIO_GRACE_BYTES = 16L << 20;
    /** Longest link target read from a zip entry (its content); a longer one is no path. */
    private static final int MAX_LINK_BYTES = 4096;

    private ArchiveExtractor() {}

    /** How far an archive may unpack: bytes in all, and bytes per byte of the archive. */
    public record Limits(long maxBytes, double maxRatio) {
        public static final Limits DEFAULT = new Limits(DownloadSettings.DEFAULT_MAX_EXTRACT_BYTES, DownloadSettings.DEFAULT_MAX_EXTRACT_RATIO);
    }

    /** Counts the bytes written while unpacking one archive and stops at the limits. */
    private static final class Budget {
        private final Limits limits;
        private final long archiveBytes;
        private final String archiveName;
        private long written;

        Budget(Limits limits, long archiveBytes, String archiveName) {
            this.limits = limits;
            this.archiveBytes = archiveBytes;
            this.archiveName = archiveName;
        }

        void add(long n, String entry) {
            written += n;
            if (written > limits.maxBytes()) {
                throw new UserException(archiveName + " unpacks to more than " + (limits.maxBytes() >> 20) + " MB (passed at entry '"
                        + entry + "'), the limit download.max_extract_mb; it is refused as a possible zip bomb and nothing is"
                        + " installed; if the archive is genuine, raise download.max_extract_mb");
            }
            if (written > RATIO_GRACE_BYTES && written > limits.maxRatio() * archiveBytes) {
                throw new UserException(archiveName + " unpacks to more than " + number(limits.maxRatio()) + " times its size ("
                        + mb(written) + " from " + mb(archiveBytes) + ", at entry '" + entry + "'), the limit"
                        + " download.max_extract_ratio; it is refused as a possible zip bomb and nothing is installed; if the"
                        + " archive is genuine, raise download.max_extract_ratio");
            }
        }

        private static String mb(long bytes) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
        }

        private static String number(double v) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }

    /** True when the file name ends like an archive this class unpacks. */
    public static boolean isArchive(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".zip") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
    }

    /**
     * Unpacks {@code archive} (its type from {@code fileName}) into {@code dest}, which must be empty or
     * absent, within the default limits.
     *
     * @return the number of files written
     */
    public static int extract(Path archive, String fileName, Path dest) throws IOException {
        return extract(archive, fileName, dest, Limits.DEFAULT);
    }

    /**
     * Unpacks {@code archive} into {@code dest}, stopping with a UserException once it passes {@code limits}.
     * An archive that cannot be read as what its name says (truncated, damaged, or another format) is a
     * UserException naming it.
     */
    public static int extract(Path archive, String fileName, Path dest, Limits limits) throws IOException {
        Files.createDirectories(dest);
        try {
            return unpack(archive, fileName, dest, limits);
        } catch (IOException e) {
            // Files.* failures name a path of ours (permissions, read-only media), and a full disk is the disk's;
            // the rest come from reading the archive.
            if (e instanceof java.nio.file.FileSystemException || dev.autoeditor.util.DiskSpace.isFull(e)) throw e;
            throw damaged(archive, fileName, e);
        }
    }

    private static UserException damaged(Path archive, String fileName, Exception e) {
        return new UserException("archive " + fileName + " (" + archive + ") is damaged, truncated or not a "
                + (fileName.toLowerCase(Locale.ROOT).endsWith(".zip") ? "zip" : "tar.gz") + " archive (" + e.getMessage()
                + "); nothing is installed; fetch it again (an interrupted copy or download?) or check the source's url or path", e);
    }

    private static int unpack(Path archive, String fileName, Path dest, Limits limits) throws IOException {
        Path root = dest.toRealPath();
        Budget budget = new Budget(limits, Files.size(archive), "archive " + fileName + " (" + archive + ")");
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            // ZipFile reads the central directory, the only place that marks an entry as a symbolic link.
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                int files = 0;
                for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        String link = entry.isUnixSymlink() ? linkTarget(in, archive, entry.getName()) : null;
                        files += place(root, archive, entry.getName(), entry.isDirectory(), link, false, in, budget);
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
                files += place(root, archive, entry.getName(), entry.isDirectory(), isLink ? entry.getLinkName() : null, entry.isLink(),
                        in, budget);
            }
            return files;
        }
    }

    /** A zip symlink's target is its content: read a path's worth, no more. */
    private static String linkTarget(InputStream in, Path archive, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_LINK_BYTES + 1);
        if (bytes.length > MAX_LINK_BYTES) {
            throw new UserException("archive " + archive + ": link entry '" + name + "' has a target longer than " + MAX_LINK_BYTES
                    + " bytes; refusing to unpack it");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes one entry under {@code root}; returns 1 for a file written, else 0. */
    private static int place(Path root, Path archive, String name, boolean directory, String link, boolean hardLink, InputStream content,
                             Budget budget) throws IOException {
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
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = content.read(buffer)) > 0) {
                budget.add(n, name);
                out.write(buffer, 0, n);
            }
        }
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
