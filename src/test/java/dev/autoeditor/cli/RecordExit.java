package dev.autoeditor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * Test launcher: {@code RecordExit STATUS_FILE COMMAND...} runs the command (no shell) on this
 * process's terminal, waits for it, and writes its exit status to STATUS_FILE (atomically). The tmux
 * test starts the real CLI through it rather than reading tmux's {@code pane_dead_status}, which a
 * tmux server started from a long test JVM sometimes never learns (the pane dies, no status comes).
 */
public final class RecordExit {
    private RecordExit() {}

    public static void main(String[] args) throws Exception {
        Path status = Path.of(args[0]);
        List<String> command = Arrays.asList(args).subList(1, args.length);
        int code = new ProcessBuilder(command).inheritIO().start().waitFor();
        Path tmp = status.resolveSibling(status.getFileName() + ".tmp");
        Files.writeString(tmp, code + "\n");
        Files.move(tmp, status, StandardCopyOption.ATOMIC_MOVE);
        System.exit(code);
    }
}
