package dev.autoeditor.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another auto-editor at work, for lock tests: a child JVM that takes the lock of a folder
 * ({@code FOLDER/.auto-editor.lock}, locked as a run directory's is) and holds it until its standard
 * input closes. An in-process lock would not do: a second lock in one JVM fails differently.
 */
public final class LockHolder implements AutoCloseable {
    private final Process process;

    private LockHolder(Process process) {
        this.process = process;
    }

    /** Starts a holder of {@code folder}'s lock and returns once it holds it. */
    public static LockHolder hold(Path folder) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", FullRunKillResumeTest.testClassPath(), LockHolder.class.getName(), folder.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String first = new String(p.getInputStream().readNBytes("locked\n".length()));
        if (!first.equals("locked\n")) {
            p.destroyForcibly();
            throw new IllegalStateException("the lock holder did not take the lock: " + first);
        }
        return new LockHolder(p);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]).resolve(".auto-editor.lock");
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            System.out.print(lock == null ? "busy!!\n" : "locked\n");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the test closes our input
            }
        }
    }
}
