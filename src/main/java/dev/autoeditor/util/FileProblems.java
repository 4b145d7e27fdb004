package dev.autoeditor.util;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import java.util.Optional;

/**
 * File-system failures in words: Java reports them as exception class names with a bare path
 * ("AccessDeniedException: /media/x/out.csv"). {@link #describe} finds one among an exception's
 * causes and says what happened to which path and what to do; the CLI prints that instead.
 */
public final class FileProblems {
    private FileProblems() {}

    /** The one-line message for the first file-system failure among {@code e}'s causes; empty when there is none. */
    public static Optional<String> describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ReadOnlyFileSystemException) {
                return Optional.of("the file system is read-only; write to a folder on a writable disk");
            }
            if (!(t instanceof FileSystemException f)) continue;
            String path = f.getFile();
            String reason = f.getReason() == null ? "" : f.getReason().toLowerCase(Locale.ROOT);
            if (reason.contains("read-only file system")) {
                return Optional.of("cannot write " + path + ": it is on a read-only file system (read-only media, or mounted read-only); "
                        + "write to a folder on a writable disk");
            }
            if (f instanceof AccessDeniedException || reason.contains("permission denied")) {
                return Optional.of("cannot write " + path + ": permission denied; write to a folder you may write to, or change its"
                        + " permissions");
            }
            if (f instanceof FileAlreadyExistsException || f instanceof NotDirectoryException || reason.contains("not a directory")) {
                return Optional.of(path + " is a file where a folder is needed; name a folder, or move the file away");
            }
            if (f instanceof DirectoryNotEmptyException || reason.contains("is a directory")) {
                return Optional.of(path + " is a folder where a file is needed; name a file in it instead");
            }
        }
        return Optional.empty();
    }
}
