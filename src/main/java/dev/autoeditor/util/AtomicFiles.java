package dev.autoeditor.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes that never leave a half-written file under the final name: the content goes to a temporary
 * sibling, which is closed and then renamed over the target in one step. (No fsync: a crash of the
 * program leaves the old file or the new one; a power cut may still lose the latest write.) A full
 * disk, however the writer reports it (SameDiff wraps it in a RuntimeException), fails with one line
 * naming the target and the free space ({@link DiskSpace#full}); the old file stays as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file at the path it is given. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path tmp) throws IOException;
    }

    /** Something that writes to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** The temporary sibling used while {@code target} is being written. */
    public static Path tempFor(Path target) {
        Path name = target.getFileName();
        return target.resolveSibling("." + name + ".tmp");
    }

    public static void write(Path target, PathWriter writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = tempFor(target);
        Files.deleteIfExists(tmp);
        try {
            DiskSpace.checkWrite(target);
            writer.write(tmp);
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof UserException) && DiskSpace.isFull(e)) throw DiskSpace.full(target, null, e);
            throw e;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeStream(Path target, StreamWriter writer) throws IOException {
        write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
    }

    public static void writeString(Path target, String content) throws IOException {
        writeStream(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Renames {@code from} onto {@code to}, atomically where the file system allows it. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Fails unless {@code target} is absent or {@code force} is set: user files are never overwritten silently. */
    public static void checkOverwrite(Path target, boolean force) {
        if (!force && Files.exists(target)) {
            throw new UserException(target + " already exists; pass --force to overwrite it or choose another output");
        }
    }
}
