package dev.autoeditor.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesAFolderWithNestedFilesAndNothingBesideIt() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("deep.txt"), "x");
        Files.writeString(tmp.resolve("tree/top.txt"), "y");
        Files.createDirectories(tmp.resolve("tree/empty"));
        Files.writeString(tmp.resolve("neighbour.txt"), "keep");
        Trees.delete(tmp.resolve("tree"));
        assertFalse(Files.exists(tmp.resolve("tree")));
        assertTrue(Files.exists(tmp.resolve("neighbour.txt")));
    }

    @Test
    void anAbsentPathIsNothingToDoAndAFileIsDeletedAsItIs() throws IOException {
        Trees.delete(tmp.resolve("absent"));
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        Trees.delete(file);
        assertFalse(Files.exists(file));
    }

    @Test
    void aLinkInsideIsRemovedWithoutTouchingWhatItPointsAt() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("user-folder"));
        Files.writeString(outside.resolve("precious.txt"), "keep");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        try {
            Files.createSymbolicLink(tree.resolve("link"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        Trees.delete(tree);
        assertFalse(Files.exists(tree));
        assertTrue(Files.exists(outside.resolve("precious.txt")));
        // A link given directly is removed as a link too.
        Path direct = Files.createSymbolicLink(tmp.resolve("direct"), outside);
        Trees.delete(direct);
        assertFalse(Files.exists(direct, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("precious.txt")));
    }
}
