package dev.autoeditor.data;

import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the keyframe CSV written by {@code convert} one row at a time (memory does not grow with the
 * file), checks the header, the number formats and the grouping (rows of a sequence are contiguous,
 * frames ascending), and computes the file's SHA-256 on the way through so no separate hashing pass
 * is needed. Every error names the file, the line and the column, and says what to do.
 */
public final class KeyframeCsvReader implements AutoCloseable {
    private static final int META = KeyframeColumns.META.size();

    private final Path file;
    private final CountingStream counter;
    private final MessageDigest digest;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Set<String> finishedSequences = new HashSet<>();
    private String currentKey;
    private long lastFrame;
    private long rows;

    public KeyframeCsvReader(Path file) {
        this.file = file;
        if (!Files.isRegularFile(file)) {
            throw new UserException("keyframe CSV " + file + " not found; run `auto-editor convert` first or check --input");
        }
        try {
            InputStream raw = Files.newInputStream(file);
            this.counter = new CountingStream(raw);
            this.digest = Hashing.sha256();
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new DigestInputStream(counter, digest), StandardCharsets.UTF_8), 1 << 16);
            this.parser = CSVFormat.DEFAULT.builder().build().parse(reader);
            this.records = parser.iterator();
            checkHeader();
        } catch (IOException e) {
            throw new UserException("cannot read keyframe CSV " + file + ": " + e.getMessage(), e);
        }
    }

    private void checkHeader() {
        if (!records.hasNext()) {
            throw new UserException(file + " is empty; expected the keyframe CSV header (project,sequence,frame,time_s,v1_active,...)");
        }
        CSVRecord header = records.next();
        List<String> expected = KeyframeColumns.HEADER;
        if (header.size() != expected.size()) {
            throw new UserException(file + " line 1: header has " + header.size() + " columns, expected " + expected.size()
                    + " (project,sequence,frame,time_s and 9 per track for 20 tracks); is this a CSV from `auto-editor convert`?");
        }
        for (int i = 0; i < expected.size(); i++) {
            String name = header.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) name = name.substring(1);
            if (!name.equals(expected.get(i))) {
                throw new UserException(file + " line 1 column " + (i + 1) + ": header is '" + name + "', expected '"
                        + expected.get(i) + "'; is this a CSV from `auto-editor convert`?");
            }
        }
    }

    /** Reads the next row into {@code row}; false at the end of the file. */
    public boolean next(KeyframeRow row) {
        CSVRecord r;
        try {
            if (!records.hasNext()) return false;
            r = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UserException(file + " near line " + (rows + 2) + ": malformed CSV (" + e.getMessage() + "); re-run `auto-editor convert`", e);
        }
        // the record's last line: line terminators read so far (blank lines and quoted newlines count),
        // or the record number for a last line without a terminator
        long line = Math.max(r.getRecordNumber(), parser.getCurrentLineNumber());
        if (r.size() != KeyframeColumns.HEADER.size()) {
            throw new UserException(file + " line " + line + ": " + r.size() + " fields, expected " + KeyframeColumns.HEADER.size()
                    + "; the file is truncated or not from `auto-editor convert`");
        }
        row.line = line;
        row.project = r.get(0);
        row.sequence = r.get(1);
        row.frame = parseLong(r.get(2), line, 2);
        row.timeS = parseDouble(r.get(3), line, 3);
        for (int k = 0; k < KeyframeRow.TRACKS; k++) {
            int base = META + k * KeyframeColumns.FIELDS_PER_TRACK;
            String a = r.get(base);
            if (a.equals("1")) row.active[k] = true;
            else if (a.equals("0")) row.active[k] = false;
            else throw bad(line, base, a, "0 or 1");
            row.asset[k] = (int) parseLong(r.get(base + 1), line, base + 1);
            for (int f = 0; f < KeyframeRow.REGRESSIONS; f++) {
                row.regression[k * KeyframeRow.REGRESSIONS + f] = parseDouble(r.get(base + 2 + f), line, base + 2 + f);
            }
        }
        checkOrder(row);
        rows++;
        return true;
    }

    private void checkOrder(KeyframeRow row) {
        String key = row.project + '\u0000' + row.sequence;
        if (!key.equals(currentKey)) {
            if (currentKey != null) finishedSequences.add(currentKey);
            if (finishedSequences.contains(key)) {
                throw new UserException(file + " line " + row.line + ": rows of sequence '" + row.sequence + "' of project '" + row.project
                        + "' are not contiguous; convert writes each sequence's rows together, so re-run `auto-editor convert`");
            }
            currentKey = key;
        } else if (row.frame <= lastFrame) {
            throw new UserException(file + " line " + row.line + ": frame " + row.frame + " does not follow frame " + lastFrame
                    + " of sequence '" + row.sequence + "'; frames must ascend within a sequence (re-run `auto-editor convert`)");
        }
        lastFrame = row.frame;
    }

    private long parseLong(String s, long line, int column) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw bad(line, column, s, "an integer");
        }
    }

    private double parseDouble(String s, long line, int column) {
        double v = FastDecimal.parse(s);
        if (Double.isNaN(v)) { // not a plain decimal: let the JDK decide (exponents, long mantissas)
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw bad(line, column, s, "a number");
            }
        }
        if (!Double.isFinite(v)) throw bad(line, column, s, "a finite number");
        return v == 0.0 ? 0.0 : v; // one zero: -0.0 and 0.0 hash and compare the same
    }

    private UserException bad(long line, int column, String value, String expected) {
        return new UserException(file + " line " + line + " column " + KeyframeColumns.HEADER.get(column) + ": '" + value
                + "' is not " + expected + "; the CSV is damaged or not from `auto-editor convert`");
    }

    /** Rows read so far. */
    public long rows() {
        return rows;
    }

    /** Bytes of the file consumed so far (for progress). */
    public long bytesRead() {
        return counter.count;
    }

    /** SHA-256 of the whole file; valid once {@link #next} has returned false. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
