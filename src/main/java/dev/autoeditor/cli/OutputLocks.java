package dev.autoeditor.cli;

import dev.autoeditor.util.FolderLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@link FolderLock}s of the folders a command writes its output files into (issue 18, item 2): a
 * second command writing there meanwhile is refused, so two files meant to go together (an edit and its
 * frames, a profile and its trace) never come from two runs, and an output checked for --force is not
 * written by another command before this one replaces it. Each folder is locked once; a folder inside
 * another of the list is covered by that one's lock (one process cannot hold both).
 */
final class OutputLocks implements AutoCloseable {
    private final List<FolderLock> locks;

    private OutputLocks(List<FolderLock> locks) {
        this.locks = locks;
    }

    /** Locks the folders holding {@code files} (nulls are skipped); {@code otherwise} says what to do instead of waiting. */
    static OutputLocks forFiles(String otherwise, Path... files) {
        List<Path> folders = new ArrayList<>();
        for (Path f : files) if (f != null) folders.add(f.toAbsolutePath().normalize().getParent());
        return forFolders(otherwise, folders);
    }

    /** Locks {@code folders} (created if missing), the outermost of nested ones only. */
    static OutputLocks forFolders(String otherwise, List<Path> folders) {
        List<Path> outermost = new ArrayList<>();
        List<Path> all = folders.stream().filter(Objects::nonNull).map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        for (Path p : all) {
            if (all.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q))) outermost.add(p);
        }
        List<FolderLock> taken = new ArrayList<>();
        try {
            for (Path p : outermost) taken.add(FolderLock.acquire(p, otherwise, List.of()));
        } catch (RuntimeException e) {
            closeAll(taken);
            throw e;
        }
        return new OutputLocks(taken);
    }

    /** {@link #forFolders} of the given folders. */
    static OutputLocks forFolders(String otherwise, Path... folders) {
        return forFolders(otherwise, Arrays.asList(folders));
    }

    @Override
    public void close() {
        closeAll(locks);
    }

    /** Releases in reverse order of taking. */
    private static void closeAll(List<FolderLock> locks) {
        for (int i = locks.size() - 1; i >= 0; i--) locks.get(i).close();
    }
}
