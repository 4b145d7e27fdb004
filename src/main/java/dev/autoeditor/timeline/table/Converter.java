package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.timeline.table.ConvertResult.FileFailure;
import dev.autoeditor.timeline.table.ConvertResult.FileReport;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.DiskSpace;
import dev.autoeditor.util.Interruption;
import dev.autoeditor.util.Progress;
import dev.autoeditor.util.Trees;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * xmeml files to one keyframe CSV. Files convert in parallel, each into its own part file; the parts
 * are then joined in path order behind one header, so the output is the same whatever the thread
 * count. A file that fails is reported and left out; the others still convert. The CSV is written to a
 * temporary name and moved into place, and a provenance sidecar ({@code FILE.csv.provenance.json})
 * records the inputs' hashes, the settings and the version.
 */
public final class Converter {
    private static final Logger log = LoggerFactory.getLogger(Converter.class);

    private final ProjectReader reader;

    public Converter(ProjectReader reader) {
        this.reader = reader;
    }

    /** A converter reading xmeml with {@link XmemlReader}, refusing sequences longer than the default limit. */
    public static Converter xmeml() {
        return xmeml(ConvertOptions.DEFAULT_MAX_SEQUENCE_HOURS);
    }

    /** A converter reading xmeml, refusing sequences longer than {@code maxSequenceHours} of timeline. */
    public static Converter xmeml(double maxSequenceHours) {
        XmemlReader xml = new XmemlReader(new XmemlReader.Limits(maxSequenceHours, ConvertOptions.MAX_SEQUENCE_HOURS_KEY));
        return new Converter(new ProjectReader() {
            @Override
            public dev.autoeditor.timeline.Project read(Path file) {
                return xml.read(file);
            }

            @Override
            public dev.autoeditor.timeline.Project read(Path file, java.util.function.Consumer<String> warnings) {
                return xml.read(file, warnings);
            }
        });
    }

    /** The pipeline's entry point: xmeml inputs to one keyframe CSV with its provenance sidecar. */
    public static ConvertResult convertXmeml(List<Path> inputs, Path outputCsv, ConvertOptions options)
            throws IOException, InterruptedException {
        return xmeml(options.maxSequenceHours()).convert(inputs, outputCsv, options);
    }

    /**
     * Converts {@code inputs} (files, or folders searched for *.xml) into {@code outputCsv}. Throws a
     * UserException when the output exists without {@code force}, or when no file converts.
     */
    public ConvertResult convert(List<Path> inputs, Path outputCsv, ConvertOptions options)
            throws IOException, InterruptedException {
        AtomicFiles.checkOverwrite(outputCsv, options.force());
        List<Path> files = InputFiles.expand(inputs);
        List<String> projects = InputFiles.projectNames(files);
        Path parent = outputCsv.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path parts = parent.resolve("." + outputCsv.getFileName() + ".parts");
        Trees.delete(parts);
        Files.createDirectories(parts);
        int threads = Math.min(options.effectiveThreads(), files.size());
        log.info("converting {} file(s) on {} thread(s), sampling {}", files.size(), threads, options.sampling());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        MemoryBudget memory = MemoryBudget.ofHeap();
        List<FileReport> converted = new ArrayList<>();
        List<FileFailure> failures = new ArrayList<>();
        Path tmp = AtomicFiles.tempFor(outputCsv.toAbsolutePath());
        // Stopped from outside (SIGTERM, Ctrl-C), the part files and the half-joined output go too.
        try (Interruption.Registration cleanup = Interruption.cleanUpOnInterrupt(() -> {
                    pool.shutdownNow();
                    Trees.deleteQuietly(parts);
                    Trees.deleteQuietly(tmp);
                });
                Progress progress = Progress.start("convert", files.size(), "files")) {
            List<Future<FileConversion.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String project = projects.get(i);
                Path part = parts.resolve(String.format("%06d.csv", i));
                futures.add(pool.submit(() -> {
                    // Large files wait until the heap can hold them beside the others being read.
                    try (MemoryBudget.Lease lease = memory.lease(sizeOrZero(file))) {
                        return FileConversion.run(reader, file, project, options.sampling(), part);
                    }
                }));
            }
            try (OutputStream out = openOutput(tmp)) {
                out.write(headerLine());
                for (int i = 0; i < futures.size(); i++) {
                    FileConversion.Outcome outcome = get(futures.get(i));
                    Path part = parts.resolve(String.format("%06d.csv", i));
                    if (outcome.report() != null) {
                        Files.copy(part, out);
                        converted.add(outcome.report());
                        log.debug("{}: {} sequence(s), {} rows", files.get(i), outcome.report().sequences(), outcome.report().rows());
                    } else {
                        failures.add(outcome.failure());
                        log.debug("failed: {}", outcome.failure().message());
                    }
                    Files.deleteIfExists(part);
                    progress.step(1);
                }
            } catch (IOException e) {
                if (DiskSpace.isFull(e)) throw DiskSpace.full(outputCsv, "the keyframe table", e);
                throw e;
            }
            if (converted.isEmpty()) throw nothingConverted(failures);
            AtomicFiles.move(tmp, outputCsv);
        } finally {
            pool.shutdownNow();
            Files.deleteIfExists(tmp);
            Trees.delete(parts);
        }
        Path sidecar = ConvertProvenance.sidecarFor(outputCsv);
        ConvertResult result = new ConvertResult(outputCsv, sidecar, options.sampling(), converted, failures);
        ConvertProvenance.write(result, options);
        return result;
    }

    /**
     * Every input failed: one error naming each failure, as a partial conversion lists them: on the
     * same line when there is one, else one per line.
     */
    static UserException nothingConverted(List<FileFailure> failures) {
        StringBuilder message = new StringBuilder("none of the " + failures.size() + " input file(s) converted; nothing written:");
        String separator = failures.size() == 1 ? " " : System.lineSeparator() + "  ";
        for (FileFailure f : failures) message.append(separator).append("failed: ").append(f.message());
        return new UserException(message.toString(), 1, null);
    }

    private static FileConversion.Outcome get(Future<FileConversion.Outcome> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // FileConversion turns every failure of a file into an outcome; what is left stops the whole run.
            Throwable cause = e.getCause();
            if (cause instanceof UserException u) throw u;
            if (cause instanceof InterruptedException) throw new InterruptedException("conversion interrupted");
            if (cause instanceof OutOfMemoryError) {
                throw new UserException("out of memory while converting; give Java more memory, e.g. AUTO_EDITOR_JAVA_OPTS=-Xmx"
                        + Math.max(2, 2 * (Runtime.getRuntime().maxMemory() >> 30)) + "g (the auto-editor launcher's Java options),"
                        + " or convert one file at a time with --set convert.threads=1", cause);
            }
            throw new IllegalStateException("conversion worker failed", cause);
        }
    }

    private static OutputStream openOutput(Path tmp) throws IOException {
        DiskSpace.checkWrite(tmp);
        return Files.newOutputStream(tmp);
    }

    /** A file's size; 0 when it cannot be read (FileConversion then reports why). */
    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static byte[] headerLine() {
        return (String.join(",", KeyframeColumns.HEADER) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
