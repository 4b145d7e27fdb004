package dev.autoeditor.cli;

import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the paths a command writes to, before any work: a folder option given a file, or a file
 * option given a folder, is a bad command line (exit 2) said in words, instead of a Java exception
 * after the work, or a --force suggestion that cannot help.
 */
final class OutputPaths {
    private OutputPaths() {}

    /** {@code path} (the value of {@code option}) must be a folder or absent; it is created when missing. */
    static Path folder(Path path, String option, String holds) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new UserException(option + " " + path + " is a file, but it names the folder that " + holds
                    + "; name a folder (it is created if missing), or move the file away", ExitCodes.USAGE, null);
        }
        return path;
    }

    /** {@code path} (the value of {@code option}) must be a file or absent; {@code example} is a file name to suggest. */
    static Path file(Path path, String option, String example) {
        if (Files.isDirectory(path)) {
            throw new UserException(option + " " + path + " is a folder, but it names the file to write; name a file, e.g. "
                    + path.resolve(example), ExitCodes.USAGE, null);
        }
        return path;
    }
}
