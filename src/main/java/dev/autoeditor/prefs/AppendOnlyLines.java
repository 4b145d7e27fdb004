package dev.autoeditor.prefs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to a file of lines that only grows (a pair file, a sitting log) so that readers never see
 * half a line as a line: each batch of whole lines goes to the file in one write under an exclusive
 * file lock, and is forced to disk before the call returns. A process killed mid-write can leave at
 * most a last line without its {@code \n}; readers drop such a line (it was never a whole record),
 * and the next append cuts it off before writing, so it is never glued to the next line.
 */
final class AppendOnlyLines {
    private static final Logger log = LoggerFactory.getLogger(AppendOnlyLines.class);
    /** One JVM-wide lock: FileLock only excludes other processes, not other threads of this one. */
    private static final Object APPEND_LOCK = new Object();

    private AppendOnlyLines() {}

    /**
     * Appends {@code lines} (each ending in {@code \n}) to {@code file} in one write, forced to disk.
     * A torn last line left by a killed writer is removed first (logged). Creates the file and its
     * folder when missing.
     */
    static void append(Path file, CharSequence lines) throws IOException {
        if (lines.length() == 0) return;
        append(file, current -> lines);
    }

    /** What to append, decided from the file's current content while no other writer can change it. */
    @FunctionalInterface
    interface Lines {
        /** @param current the file as it is now (its torn tail already cut); closing it is harmless */
        CharSequence compose(InputStream current) throws IOException;
    }

    /**
     * Appends what {@code lines} composes from the file's current content, under the same locks as
     * {@link #append(Path, CharSequence)}, so that a decision made on the content (a pair that is not
     * there yet) still holds when it is written. Nothing is written (and no file made) when it composes
     * nothing.
     */
    static void append(Path file, Lines lines) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        synchronized (APPEND_LOCK) {
            boolean created = !Files.exists(file);
            boolean wrote = false;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                cutTornTail(file, ch);
                // Read through the locked channel itself (a second handle may be refused where locks are mandatory).
                ch.position(0);
                CharSequence text = lines.compose(new FilterInputStream(Channels.newInputStream(ch)) {
                    @Override
                    public void close() {
                        // the channel stays open for the write
                    }
                });
                if (text.length() > 0) {
                    if (text.charAt(text.length() - 1) != '\n') throw new IllegalArgumentException("appended text must end with a line end");
                    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
                    ch.position(ch.size());
                    while (bytes.hasRemaining()) ch.write(bytes);
                    ch.force(false);
                    wrote = true;
                }
            }
            if (created && !wrote) Files.deleteIfExists(file);
            else if (created) syncDirectory(parent);
        }
    }

    /** Truncates the file after its last line end when the last line has none (an append cut short). */
    private static void cutTornTail(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || byteAt(ch, size - 1) == '\n') return;
        long keep = size - 1;
        while (keep > 0 && byteAt(ch, keep - 1) != '\n') keep--;
        log.warn("{}: removing a torn last line ({} bytes without a line end, left by a writer that was killed) before appending",
                file, size - keep);
        ch.truncate(keep);
    }

    private static int byteAt(FileChannel ch, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        if (ch.read(one, position) != 1) throw new IOException("cannot read byte " + position);
        return one.get(0);
    }

    /** Makes a new file's directory entry durable too (best effort: not every file system allows it). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }
}
