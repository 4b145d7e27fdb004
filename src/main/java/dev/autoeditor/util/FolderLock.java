package dev.autoeditor.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock a command holds on the folder it writes into: run directories (full-run and the phase
 * commands in them) and the output folders of the standalone commands (pretrain --out, window and
 * preprocess --output, convert's output folder, report's and evaluate --json's). Two commands writing in
 * one folder would interleave their files (checkpoints from one, metrics from the other), so the second
 * is refused, naming the lock and what to do. A command also refuses a folder inside one another
 * command holds, and the folders it names as its own subfolders ({@code inside}) when another holds one.
 *
 * <p>The lock is an OS lock on {@code FOLDER/.auto-editor.lock}, so a killed command never leaves the
 * folder locked. The file is removed when the lock is released. Because a second command may have
 * opened the file just before that, each holder writes a token into it after locking and reads it back
 * through the path: a lock on a file that is no longer at that path is dropped and taken again.
 */
public final class FolderLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FolderLock.class);
    public static final String FILE = ".auto-editor.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String token;
    /** The topmost folder created to hold the lock, or null: removed on release if still empty. */
    private final Path created;
    /** A command stopped from outside leaves no lock file behind either. */
    private final Interruption.Registration removeOnInterrupt;

    private FolderLock(Path file, FileChannel channel, FileLock lock, String token, Path created) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.token = token;
        this.created = created;
        this.removeOnInterrupt = Interruption.cleanUpOnInterrupt(this::removeFile);
    }

    /**
     * Locks {@code folder} (created if missing) for this command.
     *
     * @param otherwise what to do instead of waiting, for the message ("write to another folder (--out)")
     * @param inside    subfolders this command will write in: refused while another command holds one
     */
    public static FolderLock acquire(Path folder, String otherwise, List<Path> inside) {
        Path dir = folder.toAbsolutePath().normalize();
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            if (heldByAnother(p)) {
                throw new UserException("another auto-editor is running in " + p + ", which holds " + dir + " (it holds " + p.resolve(FILE)
                        + "); wait for it to finish, or " + otherwise);
            }
        }
        for (Path sub : inside) {
            Path p = sub.toAbsolutePath().normalize();
            if (heldByAnother(p)) {
                throw new UserException("another auto-editor is writing in " + p + ", inside " + dir + " (it holds " + p.resolve(FILE)
                        + "); wait for it to finish, or " + otherwise);
            }
        }
        // The folders made for the lock alone are removed with it when the command wrote nothing in them.
        Path created = dir;
        while (created.getParent() != null && !Files.exists(created.getParent())) created = created.getParent();
        if (Files.exists(created)) created = null;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserException(FileProblems.describe(e).orElse("cannot create folder " + dir + ": " + e.getMessage()), e);
        }
        Path file = dir.resolve(FILE);
        try {
            for (int attempt = 0; attempt < 10; attempt++) {
                FolderLock taken = tryTake(file, otherwise, created);
                if (taken != null) return taken;
            }
            throw new UserException("could not take the lock " + file + " (it kept being replaced); wait a moment and run again");
        } catch (RuntimeException e) {
            removeEmpty(dir, created);
            throw e;
        }
    }

    /** Deletes {@code dir} and its parents up to {@code top} while they are empty (all when {@code top} is null: none). */
    private static void removeEmpty(Path dir, Path top) {
        if (top == null) return;
        for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty: the command wrote something, or another one did
            }
        }
    }

    /** One attempt: null when the file at the path turned out not to be the one locked. */
    private static FolderLock tryTake(Path file, String otherwise, Path created) {
        FileChannel channel;
        try {
            DiskSpace.checkWrite(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // The lock is the first thing a command writes: say what it means for the folder.
            throw new UserException(FileProblems.describe(e).map(m -> m.replace("cannot write " + file, "cannot write in " + file.getParent()))
                    .orElse("cannot write in " + file.getParent() + ": " + e.getMessage()), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new UserException("another run in this process already works in " + file.getParent() + " (it holds " + file
                        + "); wait for it to finish, or " + otherwise);
            }
            if (lock == null) {
                throw new UserException("another auto-editor is running in " + file.getParent() + " (it holds " + file
                        + "); wait for it to finish, or " + otherwise);
            }
            String token = ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
            if (token.equals(readOrNull(file))) return new FolderLock(file, channel, lock, token, created);
            lock.release();
            channel.close();
            return null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserException(FileProblems.describe(e).orElse("cannot lock " + file + ": " + e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** True when another command holds {@code dir}'s lock now (a lock file alone may be left by a killed one). */
    private static boolean heldByAnother(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) return false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) return true;
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            log.debug("cannot probe {}: {}", file, e.getMessage());
            return false;
        }
    }

    private static String readOrNull(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes the lock file (while still holding the lock, and only if it is still this one), then releases. */
    @Override
    public void close() {
        removeOnInterrupt.close();
        try {
            removeFile();
        } finally {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release " + file, e);
            }
            removeEmpty(file.getParent(), created);
        }
    }

    private void removeFile() {
        try {
            if (token.equals(readOrNull(file))) Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("lock file {} left behind: {}", file, e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
