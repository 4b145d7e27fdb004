package dev.autoeditor.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the page tests (Debian's {@code chromium} package, which .ci/run installs).
 * Started without a shell, as root with {@code --no-sandbox}, with its own throw-away profile.
 */
final class Chromium {
    private final Path executable;
    private final Path profile;

    private Chromium(Path executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** The browser on PATH (chromium, chromium-browser, google-chrome), if any. */
    static Optional<Chromium> find(Path scratch) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return Optional.of(new Chromium(p, scratch.resolve("chromium-profile")));
            }
        }
        return Optional.empty();
    }

    /** The DOM after the page has loaded (and its scripts, if any, have run). */
    String dumpDom(Path page, String... extraFlags) throws IOException, InterruptedException {
        List<String> args = base();
        args.addAll(List.of(extraFlags));
        args.add("--virtual-time-budget=15000");
        args.add("--dump-dom");
        args.add(page.toUri().toString());
        return run(args);
    }

    /** A screenshot of the page's first {@code width} x {@code height} pixels. */
    Path screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        List<String> args = base();
        args.add("--hide-scrollbars");
        args.add("--window-size=" + width + "," + height);
        args.add("--screenshot=" + png.toAbsolutePath());
        args.add(page.toUri().toString());
        run(args);
        if (!Files.isRegularFile(png)) throw new IOException("chromium wrote no screenshot to " + png);
        return png;
    }

    private List<String> base() {
        List<String> args = new ArrayList<>();
        args.add(executable.toString());
        args.add("--headless");
        args.add("--no-sandbox");
        args.add("--disable-gpu");
        args.add("--no-first-run");
        args.add("--disable-extensions");
        args.add("--user-data-dir=" + profile.toAbsolutePath());
        return args;
    }

    private static String run(List<String> args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(args);
        Path err = Files.createTempFile("chromium", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 120 s: " + args);
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) throw new IOException("chromium exited with " + p.exitValue() + ": " + stderr);
        return new String(out, StandardCharsets.UTF_8);
    }
}
