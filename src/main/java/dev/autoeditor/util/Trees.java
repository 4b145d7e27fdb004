package dev.autoeditor.util;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removing a folder and everything under it: the one implementation the phases, convert and the benchmarks share. */
public final class Trees {
    private Trees() {}

    /**
     * Deletes {@code path} and, if it is a folder, all it holds, children first. Nothing happens when it
     * is absent; a file is deleted as it is. Symbolic links are removed, never followed, so a link to
     * a user's folder cannot make this delete what the link points at.
     */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) throw failure;
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * {@link #delete}, tried a few times and never failing: for a shutdown hook, where threads still
     * writing into the folder may add a file between the walk and the folder's removal.
     */
    public static void deleteQuietly(Path path) {
        for (int attempt = 0; attempt < 20 && Files.exists(path, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try {
                delete(path);
            } catch (IOException | java.io.UncheckedIOException e) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** {@link #delete} for a user-facing step: a failure is a one-line error naming the folder and the fix. */
    public static void deleteOrExplain(Path path) {
        try {
            delete(path);
        } catch (IOException e) {
            throw new UserException("cannot remove " + path + " (" + e.getMessage() + "); remove it by hand and run again", e);
        }
    }
}
