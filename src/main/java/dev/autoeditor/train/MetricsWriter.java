package dev.autoeditor.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.DiskSpace;
import dev.autoeditor.util.UserException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every step and every epoch as JSON lines and CSV (steps.jsonl, steps.csv, epochs.jsonl,
 * epochs.csv). On resume, rows after the checkpoint's step are dropped first, so the files read as
 * one uninterrupted run.
 */
public final class MetricsWriter implements TrainingListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Table steps;
    private final Table epochs;

    public MetricsWriter(Path dir, long resumedStep) {
        try {
            Files.createDirectories(dir);
            this.steps = new Table(dir.resolve("steps"), resumedStep);
            this.epochs = new Table(dir.resolve("epochs"), resumedStep);
        } catch (IOException e) {
            throw DiskSpace.writeFailure(dir, "training metrics in", e);
        }
    }

    @Override
    public void onStep(StepMetrics m) {
        steps.append(m.toMap());
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        epochs.append(m.toMap());
    }

    @Override
    public void close() {
        steps.close();
        epochs.close();
    }

    /** One metrics table as a .jsonl and a .csv file with the same rows. */
    private static final class Table {
        private final BufferedWriter jsonl;
        private final BufferedWriter csv;
        private final Path jsonlFile;
        private final Path csvFile;
        private boolean csvHasHeader;

        Table(Path base, long keepUpToStep) throws IOException {
            jsonlFile = base.resolveSibling(base.getFileName() + ".jsonl");
            csvFile = base.resolveSibling(base.getFileName() + ".csv");
            truncate(jsonlFile, csvFile, keepUpToStep);
            jsonl = Files.newBufferedWriter(jsonlFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            csvHasHeader = Files.size(csvFile) > 0;
            csv = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        /** Keeps the rows whose step is at most {@code keepUpToStep}, in both files. */
        private static void truncate(Path jsonlFile, Path csvFile, long keepUpToStep) throws IOException {
            List<String> keptJson = new ArrayList<>();
            List<String> keptCsv = new ArrayList<>();
            if (Files.exists(jsonlFile)) {
                List<String> lines = Files.readAllLines(jsonlFile, StandardCharsets.UTF_8);
                int last = lines.size() - 1;
                while (last >= 0 && lines.get(last).isBlank()) last--;
                for (int i = 0; i <= last; i++) {
                    String line = lines.get(i);
                    if (line.isBlank()) continue;
                    JsonNode row;
                    try {
                        row = JSON.readTree(line);
                    } catch (JsonProcessingException e) {
                        if (i == last) {
                            // A kill while a row was being written leaves it cut short; it lies past the checkpoint.
                            log.warn("{}: dropping the incomplete last line {} left by an interrupted run", jsonlFile, i + 1);
                            continue;
                        }
                        throw new UserException("metrics file " + jsonlFile + " line " + (i + 1)
                                + " is not a JSON row; delete that line, or pass --force to start training over");
                    }
                    if (row.path("step").asLong(Long.MAX_VALUE) <= keepUpToStep) keptJson.add(line);
                }
            }
            if (Files.exists(csvFile)) {
                List<String> lines = Files.readAllLines(csvFile, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && !keptJson.isEmpty()) {
                    keptCsv.add(lines.get(0));
                    // The CSV rows mirror the JSON lines one to one.
                    for (int i = 1; i < lines.size() && keptCsv.size() <= keptJson.size(); i++) keptCsv.add(lines.get(i));
                }
            }
            // Rewritten through a temporary file: a kill here must not lose the rows kept.
            AtomicFiles.writeString(jsonlFile, lines(keptJson));
            AtomicFiles.writeString(csvFile, lines(keptCsv));
        }

        private static String lines(List<String> rows) {
            return rows.isEmpty() ? "" : String.join("\n", rows) + "\n";
        }

        void append(Map<String, Object> row) {
            Path writing = jsonlFile;
            try {
                DiskSpace.checkWrite(jsonlFile);
                jsonl.write(JSON.writeValueAsString(row));
                jsonl.newLine();
                jsonl.flush();
                writing = csvFile;
                if (!csvHasHeader) {
                    csv.write(String.join(",", row.keySet()));
                    csv.newLine();
                    csvHasHeader = true;
                }
                List<String> cells = new ArrayList<>();
                for (Object v : row.values()) cells.add(String.valueOf(v));
                csv.write(String.join(",", cells));
                csv.newLine();
                csv.flush();
            } catch (IOException e) {
                throw DiskSpace.writeFailure(writing, "training metrics", e);
            }
        }

        void close() {
            try {
                jsonl.close();
                csv.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
