package dev.autoeditor.timeline.table;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The table's xmeml fixtures and a reader for the CSVs written from them. */
public final class Fixtures {
    private Fixtures() {}

    /** A fixture under src/test/resources/xmeml/table/. */
    public static Path fixture(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/xmeml/table/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + name, e);
        }
    }

    /** Copies fixtures into {@code dir} (so that the project name is the fixture's file name). */
    public static List<Path> copy(Path dir, String... names) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String n : names) out.add(Files.copy(fixture(n), dir.resolve(n)));
        return out;
    }

    /** The CSV's records, with the header as column names. */
    public static List<CSVRecord> records(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    /** The record of {@code sequence} at {@code frame}. */
    public static CSVRecord at(List<CSVRecord> records, String sequence, long frame) {
        for (CSVRecord r : records) {
            if (r.get("sequence").equals(sequence) && Long.parseLong(r.get("frame")) == frame) return r;
        }
        throw new AssertionError("no row for " + sequence + " frame " + frame);
    }

    /** Field values of one track as a map, for readable assertions. */
    public static Map<String, String> track(CSVRecord r, int k) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String f : dev.autoeditor.timeline.KeyframeColumns.TRACK_FIELDS) m.put(f, r.get("v" + k + "_" + f));
        return m;
    }
}
