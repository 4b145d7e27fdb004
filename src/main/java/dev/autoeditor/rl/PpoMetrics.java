package dev.autoeditor.rl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.DiskSpace;
import dev.autoeditor.util.UserException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PPO's metrics, one row per iteration, as {@code ppo.jsonl} and {@code ppo.csv} with the same rows and
 * TRL's column names (docs/rlhf.md lists them). Opened for a resumed run, rows after the resumed
 * iteration are dropped first (an interrupted iteration may have written its row before its
 * checkpoint), so the files read as one uninterrupted run.
 */
final class PpoMetrics implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path jsonlFile;
    private final Path csvFile;
    private final BufferedWriter jsonl;
    private final BufferedWriter csv;
    private boolean csvHasHeader;

    /** Opens {@code dir}/ppo.{jsonl,csv}, keeping the rows of iterations up to {@code keepUpTo}. */
    PpoMetrics(Path dir, int keepUpTo) {
        jsonlFile = dir.resolve("ppo.jsonl");
        csvFile = dir.resolve("ppo.csv");
        try {
            Files.createDirectories(dir);
            truncate(keepUpTo);
            jsonl = Files.newBufferedWriter(jsonlFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            csvHasHeader = Files.size(csvFile) > 0;
            csv = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw DiskSpace.writeFailure(dir, "PPO metrics in", e);
        }
    }

    private void truncate(int keepUpTo) throws IOException {
        List<String> keptJson = new ArrayList<>();
        if (Files.exists(jsonlFile)) {
            List<String> lines = Files.readAllLines(jsonlFile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) continue;
                JsonNode row;
                try {
                    row = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    if (i == lines.size() - 1) continue; // cut short by a kill: past the checkpoint
                    throw new UserException("metrics file " + jsonlFile + " line " + (i + 1) + " is not a JSON row; delete that line, "
                            + "or run the rlhf phase again with --force");
                }
                if (row.path("iteration").asInt(Integer.MAX_VALUE) <= keepUpTo) keptJson.add(line);
            }
        }
        List<String> keptCsv = new ArrayList<>();
        if (Files.exists(csvFile) && !keptJson.isEmpty()) {
            List<String> lines = Files.readAllLines(csvFile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size() && keptCsv.size() <= keptJson.size(); i++) keptCsv.add(lines.get(i));
        }
        AtomicFiles.writeString(jsonlFile, keptJson.isEmpty() ? "" : String.join("\n", keptJson) + "\n");
        AtomicFiles.writeString(csvFile, keptCsv.isEmpty() ? "" : String.join("\n", keptCsv) + "\n");
    }

    void append(Map<String, Object> row) {
        try {
            DiskSpace.checkWrite(jsonlFile);
            jsonl.write(JSON.writeValueAsString(row));
            jsonl.newLine();
            jsonl.flush();
            if (!csvHasHeader) {
                csv.write(String.join(",", row.keySet()));
                csv.newLine();
                csvHasHeader = true;
            }
            List<String> cells = new ArrayList<>();
            // A value not measured in this row (the win rate between rlhf.eval.every iterations) is an empty cell.
            for (Object v : row.values()) cells.add(v == null ? "" : String.valueOf(v));
            csv.write(String.join(",", cells));
            csv.newLine();
            csv.flush();
        } catch (IOException e) {
            throw DiskSpace.writeFailure(jsonlFile, "PPO metrics", e);
        }
    }

    @Override
    public void close() {
        try {
            jsonl.close();
            csv.close();
        } catch (IOException e) {
            throw DiskSpace.writeFailure(jsonlFile, "PPO metrics", e);
        }
    }
}
