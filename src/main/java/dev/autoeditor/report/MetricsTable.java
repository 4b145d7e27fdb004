package dev.autoeditor.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A metrics file of a training phase (steps, epochs, PPO iterations) as numeric columns. The column
 * names come from the file itself (the CSV header, or the keys of the JSON lines), so a new loss part
 * or a new PPO statistic is charted without a change here. Booleans read as 1 and 0, text and blanks
 * as NaN. A damaged file still gives the rows before the damage, and a problem that names the file
 * and the line.
 */
public final class MetricsTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<String> columns;
    private final List<double[]> rows;
    private final List<String> problems;

    private MetricsTable(String name, List<String> columns, List<double[]> rows, List<String> problems) {
        this.name = name;
        this.columns = Collections.unmodifiableList(columns);
        this.rows = Collections.unmodifiableList(rows);
        this.problems = Collections.unmodifiableList(problems);
    }

    /** Reads {@code file} (.csv or .jsonl); {@code name} is how problems name it. */
    public static MetricsTable read(Path file, String name) {
        List<String> problems = new ArrayList<>();
        try {
            if (Files.size(file) == 0) {
                problems.add(name + " is empty: no row was written yet");
                return new MetricsTable(name, new ArrayList<>(), new ArrayList<>(), problems);
            }
            return file.getFileName().toString().endsWith(".jsonl") ? readJsonLines(file, name, problems) : readCsv(file, name, problems);
        } catch (IOException e) {
            problems.add(name + " cannot be read: " + e.getMessage());
            return new MetricsTable(name, new ArrayList<>(), new ArrayList<>(), problems);
        }
    }

    /** The CSV of {@code base} (e.g. .../metrics/steps) when present, else its JSON lines; null when neither exists. */
    static MetricsTable readEither(Path dir, String base, RunFiles files) {
        for (String ext : List.of(".csv", ".jsonl")) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) return read(p, files.name(p));
        }
        return null;
    }

    private static MetricsTable readCsv(Path file, String name, List<String> problems) throws IOException {
        List<String> columns = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
            Iterator<CSVRecord> it = parser.iterator();
            CSVRecord header = it.next();
            for (String c : header) columns.add(c.strip());
            boolean endsWithNewline = endsWithNewline(file);
            while (it.hasNext()) {
                CSVRecord r = it.next();
                long line = r.getRecordNumber();
                boolean last = !it.hasNext();
                if (r.size() != columns.size()) {
                    if (last) {
                        problems.add(name + " line " + line + " has " + r.size() + " of " + columns.size() + " fields: the file ends mid-row"
                                + " (a run stopped while writing?); the " + rows.size() + " rows before it are shown");
                    } else {
                        problems.add(name + " line " + line + " has " + r.size() + " fields where the header has " + columns.size()
                                + "; that row is left out");
                    }
                    continue;
                }
                if (last && !endsWithNewline && columns.size() > 0) {
                    // A complete field count but no line end: the last number may be cut short.
                    problems.add(name + " line " + line + " has no line end: the file may have been cut off while writing; its last row is shown as read");
                }
                double[] row = new double[columns.size()];
                for (int i = 0; i < row.length; i++) row[i] = number(r.get(i));
                rows.add(row);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            problems.add(name + " is not a readable CSV (" + e.getMessage() + "); the rows before the damage are shown");
        }
        return new MetricsTable(name, columns, rows, problems);
    }

    private static MetricsTable readJsonLines(Path file, String name, List<String> problems) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Map<String, Double>> parsed = new ArrayList<>();
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) last--;
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                problems.add(name + " line " + (i + 1) + (i == last ? " is cut short (a run stopped while writing?); the rows before it are shown"
                        : " is not a JSON object; that row is left out"));
                continue;
            }
            Map<String, Double> row = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                index.putIfAbsent(e.getKey(), index.size());
                JsonNode v = e.getValue();
                row.put(e.getKey(), v.isNumber() ? v.asDouble() : v.isBoolean() ? (v.asBoolean() ? 1 : 0) : number(v.asText()));
            });
            parsed.add(row);
        }
        List<String> columns = new ArrayList<>(index.keySet());
        List<double[]> rows = new ArrayList<>();
        for (Map<String, Double> r : parsed) {
            double[] row = new double[columns.size()];
            for (int c = 0; c < row.length; c++) row[c] = r.getOrDefault(columns.get(c), Double.NaN);
            rows.add(row);
        }
        return new MetricsTable(name, columns, rows, problems);
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = Files.newByteChannel(file)) {
            if (ch.size() == 0) return true;
            ch.position(ch.size() - 1);
            var b = java.nio.ByteBuffer.allocate(1);
            ch.read(b);
            return b.get(0) == '\n';
        }
    }

    static double number(String s) {
        String t = s.strip();
        if (t.equalsIgnoreCase("true")) return 1;
        if (t.equalsIgnoreCase("false")) return 0;
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return columns.contains(column);
    }

    /** The column's values, one per row (NaN where a row has no number). */
    public double[] values(String column) {
        int c = columns.indexOf(column);
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) v[i] = c < 0 ? Double.NaN : rows.get(i)[c];
        return v;
    }

    /** Whether the column holds at least one finite number. */
    public boolean numeric(String column) {
        for (double v : values(column)) if (Double.isFinite(v)) return true;
        return false;
    }

    /** What was wrong with the file; empty when it read cleanly. */
    public List<String> problems() {
        return problems;
    }
}
